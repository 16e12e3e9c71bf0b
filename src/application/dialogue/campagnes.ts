// La campagne annuelle d'une région : la DIRECCTE l'ouvre, ce qui fige les chiffres N-1 de toutes les
// ML de la région et crée le dialogue de chacune, dans une seule transaction.
import * as z from 'zod';
import { couvreStructure, couvreTerritoire, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { etatInitial, libelleEtat, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { messagesDe } from '../../domaine/dialogue/contenus.ts';
import { totalMontants, type Montants } from '../../domaine/dialogue/financement.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { estDateValide, joursEntre, type DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { figerDansLaTransaction } from '../indicateurs/instantanes.ts';
import { ErreurTransition } from './commun.ts';
import { horodatageParis, jourParis } from '../fragmentsSql.ts';

const date = (champ: string) => z.string().refine(estDateValide, `${champ} : date AAAA-MM-JJ attendue`);
export const schemaOuverture = z
  .object({
    annee: z.number().int().min(2000).max(2100),
    region: z.string().regex(/^[0-9A-Z]{1,3}$/, 'code de région invalide'),
    echeanceAutodiagnostic: date("Échéance de l'autodiagnostic"),
    echeanceEntretien: date('Échéance des entretiens'),
    echeanceSignature: date('Échéance des signatures'),
  })
  .refine((c) => c.echeanceAutodiagnostic <= c.echeanceEntretien && c.echeanceEntretien <= c.echeanceSignature, {
    message: 'les échéances doivent se suivre : autodiagnostic, puis entretien, puis signature',
    path: ['echeanceSignature'],
  });

export interface Campagne {
  id: number;
  code_region: string;
  annee: number;
  instantane_id: number;
  echeance_autodiagnostic: string;
  echeance_entretien: string;
  echeance_signature: string;
  ouverte_par: string;
  ouverte_le: string;
}

const COLONNES = `c.id, c.code_region, c.annee, c.instantane_id, c.echeance_autodiagnostic, c.echeance_entretien, c.echeance_signature, c.ouverte_par,
  ${horodatageParis('c.ouverte_le')} AS ouverte_le`;

export async function ouvrirCampagne(
  base: Base,
  cadre: CadreDialogue,
  catalogue: Catalogue,
  utilisateur: Utilisateur,
  brut: unknown,
  origine: string,
): Promise<Campagne & { dialogues: number }> {
  const lu = schemaOuverture.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Campagne invalide — ${messagesDe(lu.error)}`);
  const o = lu.data;
  exiger(couvreTerritoire(utilisateur.portee, { niveau: 'region', code: o.region }), `Hors de votre périmètre : la région ${o.region}.`);
  return base.transaction(async (tx) => {
    // L'instantané et les dialogues voient la base dans le même état.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    // Deux ouvertures à la fois attendent l'une l'autre : verrou pris avant l'instantané de lecture,
    // la seconde voit donc la campagne de la première.
    await tx.query('LOCK TABLE campagne IN SHARE ROW EXCLUSIVE MODE');
    const [deja] = await tx.query<{ id: number }>('SELECT id FROM campagne WHERE code_region = $1 AND annee = $2', [o.region, o.annee]);
    if (deja) throw new ErreurTransition(`La campagne ${o.annee} de cette région est déjà ouverte (campagne n° ${deja.id}).`);
    const mls = await tx.query<{ code_structure: string }>('SELECT code_structure FROM mission_locale WHERE code_region = $1 ORDER BY code_structure COLLATE "C"', [o.region]);
    if (mls.length === 0) throw new ErreurMetier(`Aucune Mission locale en base dans la région ${o.region}.`);
    const instantane = await figerDansLaTransaction(tx, catalogue, { annee: o.annee - 1, region: o.region, acteur: utilisateur.courriel, origine });
    const [campagne] = await tx.query<Campagne>(
      `INSERT INTO campagne (code_region, annee, instantane_id, echeance_autodiagnostic, echeance_entretien, echeance_signature, ouverte_par)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [o.region, o.annee, instantane.id, o.echeanceAutodiagnostic, o.echeanceEntretien, o.echeanceSignature, utilisateur.courriel],
    );
    const etat = etatInitial(cadre);
    const dialogues = await tx.query<{ id: number }>(
      `INSERT INTO dialogue (campagne_id, code_structure, annee, etat) SELECT $1, code_structure, $2, $3 FROM unnest($4::text[]) AS code_structure RETURNING id`,
      [campagne.id, o.annee, etat, mls.map((m) => m.code_structure)],
    );
    await tx.query(
      `INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role) SELECT id, 'ouvrir_campagne', NULL, $2, $3, $4 FROM unnest($1::int[]) AS id`,
      [dialogues.map((d) => d.id), etat, utilisateur.courriel, utilisateur.role],
    );
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'ouvrir_campagne',
      objet: `campagnes/${campagne.id}`,
      origine,
      details: { ...o, instantane: instantane.id, empreinte: instantane.empreinte, dialogues: dialogues.length },
    });
    const [lue] = await tx.query<Campagne>(`SELECT ${COLONNES} FROM campagne c WHERE id = $1`, [campagne.id]);
    return { ...lue, dialogues: dialogues.length };
  });
}

/** L'échéance qui attend un dialogue dans cet état ; null une fois signé. */
export function echeanceDe(c: Pick<Campagne, 'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature'>, etat: string): DateCalendaire | null {
  if (etat === 'signe') return null;
  return etat === 'ouvert' ? c.echeance_autodiagnostic : etat === 'autodiagnostic_soumis' ? c.echeance_entretien : c.echeance_signature;
}

/** Une échéance passée au regard d'`aujourdhui` (la date du serveur, pas celle du navigateur). */
export function retard(echeance: DateCalendaire | null, aujourdhui: DateCalendaire) {
  const jours = echeance === null ? 0 : Math.max(joursEntre(echeance, aujourdhui), 0);
  return { en_retard: jours > 0, jours_de_retard: jours };
}

export async function listerCampagnes(db: Requeteur, utilisateur: Utilisateur): Promise<(Campagne & { nom_region: string })[]> {
  const toutes = await db.query<Campagne & { nom_region: string }>(`SELECT ${COLONNES}, r.nom AS nom_region FROM campagne c JOIN region r ON r.code = c.code_region ORDER BY c.annee DESC, c.code_region`);
  const { portee } = utilisateur;
  return toutes.filter(
    (c) => portee.niveau === 'national' || (portee.niveau === 'region' ? portee.code : 'code_region' in portee ? portee.code_region : '') === c.code_region,
  );
}

export interface LigneSuivi {
  id: number;
  code_structure: string;
  nom: string;
  code_departement: string;
  etat: string;
  libelle_etat: string;
  echeance: string | null;
  en_retard: boolean;
  jours_de_retard: number;
  derniere_action: string;
  cibles: Record<string, number> | null;
  total: number | null;
  variation: number | null;
  depasse: boolean;
}

/** Le suivi régional : chaque ML de la campagne, son état, son échéance (en retard au regard d'`aujourdhui`), ses cibles et ses montants. */
export async function suiviCampagne(db: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, aujourdhui: DateCalendaire): Promise<{ campagne: Campagne; dialogues: LigneSuivi[] } | null> {
  const [campagne] = await db.query<Campagne>(`SELECT ${COLONNES} FROM campagne c WHERE id = $1`, [id]);
  if (!campagne) return null;
  const lignes = await db.query<{
    id: number;
    code_structure: string;
    nom: string;
    code_departement: string;
    code_region: string;
    etat: string;
    objectifs: { cibles: Record<string, number> } | null;
    decision: { montants: Montants; enveloppe: { variation: number | null; depasse: boolean } } | null;
    derniere_action: string;
  }>(
    `SELECT d.id, d.code_structure, m.nom, m.code_departement, m.code_region, d.etat, d.objectifs, d.decision,
            ${jourParis('d.modifie_le')} AS derniere_action
     FROM dialogue d JOIN mission_locale m USING (code_structure) WHERE d.campagne_id = $1 ORDER BY m.nom`,
    [id],
  );
  const visibles = lignes.filter((l) => couvreStructure(utilisateur.portee, { code: l.code_structure, ...l }));
  exiger(visibles.length > 0 || lignes.length === 0, `Hors de votre périmètre : la campagne ${id}.`);
  return {
    campagne,
    dialogues: visibles.map((l) => ({
      id: l.id,
      code_structure: l.code_structure,
      nom: l.nom,
      code_departement: l.code_departement,
      etat: l.etat,
      libelle_etat: libelleEtat(cadre, l.etat),
      echeance: echeanceDe(campagne, l.etat),
      ...retard(echeanceDe(campagne, l.etat), aujourdhui),
      derniere_action: l.derniere_action,
      cibles: l.objectifs?.cibles ?? null,
      total: l.decision ? totalMontants(l.decision.montants) : null,
      variation: l.decision?.enveloppe.variation ?? null,
      depasse: l.decision?.enveloppe.depasse ?? false,
    })),
  };
}

