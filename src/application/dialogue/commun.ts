// Ce que les cas d'usage du dialogue partagent : ses erreurs, son chargement (verrouillé, dans le périmètre),
// sa convention, ses décisions antérieures, ses chiffres figés et ceux du moment, la ligne de son avenant.
import { couvreStructure, ErreurAcces, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { EtatDialogue, Refus } from '../../domaine/dialogue/cadre.ts';
import type { Decision, Entretien, Objectifs } from '../../domaine/dialogue/contenus.ts';
import type { Enveloppe, Montants } from '../../domaine/dialogue/financement.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { atteinte, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { Requeteur } from '../ports/base.ts';
import { lireInstantane } from '../indicateurs/instantanes.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { ServiceChiffres } from '../indicateurs/serviceChiffres.ts';
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

export interface LigneDialogue {
  id: number;
  campagne_id: number;
  code_structure: string;
  annee: number;
  etat: EtatDialogue;
  autodiagnostic: unknown;
  entretien: Entretien | null;
  objectifs: Objectifs | null;
  decision: (Decision & { enveloppe: Enveloppe }) | null;
  nom: string;
  siret: string;
  adresse: string | null;
  code_departement: string;
  code_region: string;
  nom_region: string;
  instantane_id: number;
}

const SELECT_DIALOGUE = `
  SELECT d.id, d.campagne_id, d.code_structure, d.annee, d.etat, d.autodiagnostic, d.entretien, d.objectifs, d.decision,
         m.nom, m.siret, m.adresse, m.code_departement, m.code_region, r.nom AS nom_region, c.instantane_id
  FROM dialogue d JOIN mission_locale m USING (code_structure) JOIN region r ON r.code = m.code_region JOIN campagne c ON c.id = d.campagne_id`;

export const situee = (d: LigneDialogue) => ({ code: d.code_structure, code_departement: d.code_departement, code_region: d.code_region });

export async function chargerDialogue(db: Requeteur, id: number, verrou = false): Promise<LigneDialogue | null> {
  const [d] = await db.query<LigneDialogue>(`${SELECT_DIALOGUE} WHERE d.id = $1${verrou ? ' FOR UPDATE OF d' : ''}`, [id]);
  return d ?? null;
}

// Les instantanés ne changent jamais : relus une fois.
const instantanes = new Map<number, Promise<TableauAnnuel>>();
function contenuInstantane(db: Requeteur, id: number): Promise<TableauAnnuel> {
  let contenu = instantanes.get(id);
  if (!contenu) {
    contenu = lireInstantane(db, id).then((i) => {
      if (!i?.integre) throw new ErreurIntegrite(`l'instantané ${id} ne correspond plus à son empreinte`);
      return i.contenu;
    });
    instantanes.set(id, contenu);
    contenu.catch(() => instantanes.delete(id));
  }
  return contenu;
}

/** Les chiffres N-1 figés de la ML et ses références, tels que l'instantané de la campagne les a gardés. */
export async function chiffresFiges(db: Requeteur, d: LigneDialogue) {
  const t = await contenuInstantane(db, d.instantane_id);
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

export async function decisionsAnterieures(db: Requeteur, d: LigneDialogue) {
  return db.query<{ annee: number; montants: Montants }>(
    `SELECT annee, decision->'montants' AS montants FROM dialogue WHERE code_structure = $1 AND annee <> $2 AND decision IS NOT NULL`,
    [d.code_structure, d.annee],
  );
}

export interface Convention {
  numero: string;
  annee_debut: number;
  annee_fin: number;
  date_signature: string;
  montant_reference: number;
}

export async function convention(db: Requeteur, code: string): Promise<Convention | null> {
  const [c] = await db.query<Convention>(
    'SELECT numero, annee_debut, annee_fin, date_signature, montant_reference FROM convention WHERE code_structure = $1',
    [code],
  );
  return c ?? null;
}

/** Les chiffres de l'année N à ce jour, contre les cibles arrêtées (bilan intermédiaire). */
export async function chiffresDuMoment(catalogue: Catalogue, service: ServiceChiffres, d: LigneDialogue, horloge: Horloge) {
  const chiffres = await service.structure(d.annee, d.code_structure);
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

/** Charge le dialogue verrouillé et vérifie le périmètre ; rend le dialogue. */
export async function chargerDansPerimetre(tx: Requeteur, utilisateur: Utilisateur, id: number): Promise<LigneDialogue> {
  const d = await chargerDialogue(tx, id, true);
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
