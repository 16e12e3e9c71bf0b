// Ce que les cas d'usage du dialogue partagent : ses erreurs, son chargement (verrouillé, dans le périmètre),
// ses chiffres figés et ceux du moment. Le reste se lit et s'écrit par le dépôt (ports/depotDialogues.ts).
import { couvreStructure, ErreurAcces, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Refus } from '../../domaine/dialogue/cadre.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { atteinte, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { LecturesDialogues, LigneDialogue } from '../ports/depotDialogues.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { ChiffresTerritoire, TableauAnnuel } from '../indicateurs/tableauDeBord.ts';

/** Un pas refusé parce que l'état ne le permet pas (dialogue dans un autre état, campagne déjà ouverte). */
export class ErreurTransition extends ErreurMetier {
  constructor(message: string) {
    super(message, 'etat_incompatible');
  }
}
/** L'avenant regénéré ne correspond plus à son empreinte : la base a été altérée. */
export class ErreurIntegrite extends ErreurMetier {
  constructor(message: string) {
    super(`Intégrité compromise : ${message}`, 'integrite');
  }
}

export const situee = (d: LigneDialogue) => ({ code: d.code_structure, code_departement: d.code_departement, code_region: d.code_region });

/** Les chiffres figés de l'instantané, s'ils ont encore leur empreinte. */
async function contenuInstantane(depot: LecturesDialogues, id: number): Promise<TableauAnnuel> {
  const i = await depot.contenuInstantane(id);
  if (!i?.integre) throw new ErreurIntegrite(`l'instantané ${id} ne correspond plus à son empreinte`);
  return i.contenu;
}

/** Les chiffres N-1 figés de la ML et ses références, tels que l'instantané de la campagne les a gardés. */
export async function chiffresFiges(depot: LecturesDialogues, d: LigneDialogue) {
  const t = await contenuInstantane(depot, d.instantane_id);
  const ml = t.structures.find((s) => s.code_structure === d.code_structure);
  const ref = (v: { indicateurs: Valeurs; ratios: Valeurs } | undefined) => (v ? { indicateurs: v.indicateurs, ratios: v.ratios } : null);
  // Les ML sur lesquelles porte une référence, et celles du réseau (absent des instantanés d'avant le réseau de référence).
  const couverture = (v: ChiffresTerritoire | undefined) => (v ? { structures: v.structures, attendues: v.attendues ?? null } : null);
  const departement = t.departements.find((x) => x.code === d.code_departement);
  const region = t.regions.find((x) => x.code === d.code_region);
  return {
    annee: t.annee,
    ml: ref(ml),
    departement: ref(departement),
    region: ref(region),
    national: ref(t.national),
    couverture: { departement: couverture(departement), region: couverture(region), national: couverture(t.national) },
    distributionsRegion: t.distributions.regions[d.code_region] ?? {},
  };
}

/** Ce que le bilan lit des chiffres de l'année en cours (`ServiceChiffres` le fait). */
export interface ChiffresDuMoment {
  structure(annee: number, code: string): Promise<{ ratios: Valeurs } | null>;
}

/** Les chiffres de l'année N à ce jour, contre les cibles arrêtées (bilan intermédiaire). */
export async function chiffresDuMoment(catalogue: Catalogue, service: ChiffresDuMoment, d: LigneDialogue, horloge: Horloge) {
  return faceAuxCibles(catalogue, await service.structure(d.annee, d.code_structure), d, horloge);
}

/** Des chiffres de l'année N déjà lus, contre les cibles arrêtées du dialogue, datés du jour. */
export function faceAuxCibles(catalogue: Catalogue, chiffres: { ratios: Valeurs } | null, d: Pick<LigneDialogue, 'objectifs'>, horloge: Horloge) {
  const cibles = d.objectifs?.cibles ?? {};
  return {
    date: horloge.dateDuJour(),
    ratios: catalogue.ratios.map((r) => {
      const valeur = chiffres?.ratios[r.id] ?? null;
      const cible = cibles[r.id] ?? null;
      return { ratio: r.id, valeur, cible, atteinte: atteinte(valeur, cible, r.sens) };
    }),
  };
}

/** Charge le dialogue (verrouillé, par défaut) et vérifie le périmètre ; rend le dialogue. */
export async function chargerDansPerimetre(depot: LecturesDialogues, utilisateur: Utilisateur, id: number, verrou = true): Promise<LigneDialogue> {
  const d = await depot.dialogue(id, verrou);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`, 'introuvable');
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  return d;
}

/** Un refus du domaine, en erreur de l'application : rôle 403, état 409, saisie ou règle 400. */
export function erreurDe(refus: Refus): Error {
  if (refus.genre === 'role') return new ErreurAcces(refus.message);
  if (refus.genre === 'etat') return new ErreurTransition(refus.message);
  return new ErreurMetier(refus.message);
}
