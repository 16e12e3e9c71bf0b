// Ce que partagent les cas d'usage des données déclarées : la ML chargée, qui peut déclarer quoi, les
// champs nommés dans les messages, et l'écriture qui garde chaque changement dans l'historique.
import { couvreStructure, peut, type Action, type Situee, type Utilisateur } from '../../domaine/acces/droits.ts';
import { champsDeclares, indicateurDuChamp, type NatureDeclaree } from '../../domaine/declarees/declaration.ts';
import type { Manquement } from '../../domaine/echange/reglesLigne.ts';
import { abreger } from '../../domaine/echange/valeurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Requeteur } from '../ports/base.ts';

export const ACTION_DECLARER: Record<NatureDeclaree, Action> = { moyens: 'declarer_moyens', contexte: 'declarer_contexte' };

export type MissionLocaleSituee = Situee & { nom: string };

export async function chargerMissionsLocales(tx: Requeteur, codes: string[]): Promise<Map<string, MissionLocaleSituee>> {
  const lignes = await tx.query<MissionLocaleSituee>(
    'SELECT code_structure AS code, nom, code_departement, code_region FROM mission_locale WHERE code_structure = ANY($1::text[])',
    [codes],
  );
  return new Map(lignes.map((l) => [l.code, l]));
}

/** La direction déclare les moyens de sa ML ; la DIRECCTE le contexte des ML de sa région, la DGEFP de toutes. */
export function peutDeclarer(utilisateur: Utilisateur, nature: NatureDeclaree, ml: Situee): boolean {
  return peut(utilisateur, ACTION_DECLARER[nature]) && couvreStructure(utilisateur.portee, ml);
}

/** « etp_total (Effectif total (ETP)) » : la colonne du format et son libellé du catalogue. */
function nommerChamp(catalogue: Catalogue, champ: string): string {
  const indicateur = catalogue.indicateurs.find((i) => i.id === indicateurDuChamp(champ));
  return indicateur ? `${champ} (${indicateur.libelle})` : champ;
}

export function messageManquements(catalogue: Catalogue, manquements: Manquement[]): string {
  return manquements.map((m) => `${nommerChamp(catalogue, m.colonne)} : ${m.message}${m.valeur ? `, reçu « ${abreger(m.valeur)} »` : ''}`).join(' ; ');
}

/** Les champs lus en texte, sans zéro inutile (12.50 devient 12.5, 12000.00 devient 12000) : comme on les saisit. */
export function champsEnTexte(nature: NatureDeclaree): string {
  return champsDeclares(nature)
    .map((c) => `${c.nom}::float8::text AS ${c.nom}`)
    .join(', ');
}

export interface Changement {
  champ: string;
  ancienne: string | null;
  nouvelle: string | null;
}

export interface Ecriture {
  nature: NatureDeclaree;
  code: string;
  annee: number;
  /** Les champs saisis, déjà lus par la règle du format ; les autres ne changent pas. */
  valeurs: Record<string, string | null>;
  acteur: string;
  origine: string;
}

/** Écrit une déclaration et garde chaque champ changé (ancienne et nouvelle valeur, telles que rangées). */
export async function ecrireDeclaration(tx: Requeteur, e: Ecriture): Promise<Changement[]> {
  const saisis = Object.keys(e.valeurs);
  if (saisis.length === 0) return [];
  const tous = champsDeclares(e.nature).map((c) => c.nom);
  const lecture = champsEnTexte(e.nature);
  const [avant] = await tx.query<Record<string, string | null>>(`SELECT ${lecture} FROM ${e.nature} WHERE code_structure = $1 AND annee = $2 FOR UPDATE`, [e.code, e.annee]);
  const [apres] = await tx.query<Record<string, string | null>>(
    `INSERT INTO ${e.nature} (code_structure, annee, ${saisis.join(', ')}) VALUES ($1, $2, ${saisis.map((_, i) => `$${i + 3}`).join(', ')})
     ON CONFLICT (code_structure, annee) DO UPDATE SET ${saisis.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
     RETURNING ${lecture}`,
    [e.code, e.annee, ...saisis.map((c) => e.valeurs[c])],
  );
  const changements = tous.filter((c) => (avant?.[c] ?? null) !== apres[c]).map((champ) => ({ champ, ancienne: avant?.[champ] ?? null, nouvelle: apres[champ] }));
  for (const c of changements) {
    await tx.query(
      'INSERT INTO declaration_historique (code_structure, nature, annee, champ, ancienne, nouvelle, acteur, origine) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [e.code, e.nature, e.annee, c.champ, c.ancienne, c.nouvelle, e.acteur, e.origine],
    );
  }
  return changements;
}
