// Cas d'usage : les données déclarées d'une ML (moyens et contexte, année par année), l'historique de
// leurs changements, et ce que l'utilisateur peut y déclarer. Dans son périmètre seulement.
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { NATURES_DECLAREES, type NatureDeclaree } from '../../domaine/declarees/declaration.ts';
import { horodatageParis } from '../fragmentsSql.ts';
import type { Requeteur } from '../ports/base.ts';
import { champsEnTexte, chargerMissionsLocales, peutDeclarer } from './commun.ts';

/** Chaque champ déclaré en texte (point décimal, sans zéro inutile), null s'il manque. */
export type Valeurs = Record<string, string | null>;

export interface LigneHistorique {
  horodatage: string;
  nature: NatureDeclaree;
  annee: number;
  champ: string;
  ancienne: string | null;
  nouvelle: string | null;
  acteur: string;
  nom_acteur: string | null;
}

export interface Declarations {
  structure: { code: string; nom: string };
  annees: { annee: number; moyens: Valeurs | null; contexte: Valeurs | null }[];
  historique: LigneHistorique[];
  peut: Record<NatureDeclaree, boolean>;
}

/** L'historique montré : les derniers changements. */
const HISTORIQUE_MAX = 500;

export async function lireDeclarations(db: Requeteur, utilisateur: Utilisateur, code: string): Promise<Declarations | null> {
  const ml = (await chargerMissionsLocales(db, [code])).get(code);
  if (!ml) return null;
  exiger(couvreStructure(utilisateur.portee, ml), `Hors de votre périmètre : la Mission locale ${code}.`);
  const parNature = {} as Record<NatureDeclaree, Map<number, Valeurs>>;
  for (const nature of NATURES_DECLAREES) {
    const lignes = await db.query<{ annee: number } & Valeurs>(`SELECT annee, ${champsEnTexte(nature)} FROM ${nature} WHERE code_structure = $1`, [code]);
    parNature[nature] = new Map(lignes.map(({ annee, ...v }) => [annee, v as Valeurs]));
  }
  const annees = [...new Set([...parNature.moyens.keys(), ...parNature.contexte.keys()])].sort((a, b) => a - b);
  const historique = await db.query<LigneHistorique>(
    `SELECT ${horodatageParis('h.horodatage')} AS horodatage, h.nature, h.annee, h.champ, h.ancienne, h.nouvelle, h.acteur, u.nom AS nom_acteur
     FROM declaration_historique h LEFT JOIN utilisateur u ON lower(u.courriel) = lower(h.acteur)
     WHERE h.code_structure = $1 ORDER BY h.id DESC LIMIT ${HISTORIQUE_MAX}`,
    [code],
  );
  return {
    structure: { code, nom: ml.nom },
    annees: annees.map((annee) => ({ annee, moyens: parNature.moyens.get(annee) ?? null, contexte: parNature.contexte.get(annee) ?? null })),
    historique,
    peut: { moyens: peutDeclarer(utilisateur, 'moyens', ml), contexte: peutDeclarer(utilisateur, 'contexte', ml) },
  };
}
