// Les données annuelles déclarées (moyens d'une ML, contexte de son territoire) saisies dans un
// formulaire ou téléversées : lues par la même règle que l'import (format.ts, valeurs.ts,
// reglesLigne.ts), pour que le formulaire, le fichier et l'extrait acceptent et refusent les mêmes
// valeurs, avec les mêmes messages (décision 0015).
import { FICHIERS, LIGNES_FINANCEMENT, type Colonne, type FichierEchange } from '../echange/format.ts';
import { controlerLigne, type Manquement } from '../echange/reglesLigne.ts';
import { lireValeur } from '../echange/valeurs.ts';

export const NATURES_DECLAREES = ['moyens', 'contexte'] as const;
export type NatureDeclaree = (typeof NATURES_DECLAREES)[number];

/** Le fichier du format d'échange qui porte chaque nature (moyens.csv, contexte.csv). */
export function fichierDeclare(nature: NatureDeclaree): FichierEchange {
  return FICHIERS.find((f) => f.table === nature)!;
}

/** Les champs déclarés : les colonnes du fichier hors de sa clé (code_structure, annee). */
export function champsDeclares(nature: NatureDeclaree): readonly Colonne[] {
  const fichier = fichierDeclare(nature);
  return fichier.colonnes.filter((c) => !fichier.cle.includes(c.nom));
}

/** L'indicateur du catalogue qui montre un champ : son libellé nomme le champ dans les messages et les écrans. */
export function indicateurDuChamp(champ: string): string {
  return (LIGNES_FINANCEMENT as readonly string[]).includes(champ) ? `financement_${champ}` : champ;
}

export interface Declaration {
  /** Valeur canonique de chaque champ saisi (null : vidé) ; les champs absents ne changent pas. */
  valeurs: Record<string, string | null>;
  manquements: Manquement[];
}

/**
 * Lit une saisie (champ → texte tel que tapé) : chaque valeur par le lecteur de sa colonne, puis les
 * règles qui lient les colonnes. Un champ inconnu est un manquement : rien ne se perd en silence.
 */
export function lireDeclaration(nature: NatureDeclaree, saisie: Record<string, string | null | undefined>, aujourdhui: string): Declaration {
  const champs = champsDeclares(nature);
  const valeurs: Record<string, string | null> = {};
  const manquements: Manquement[] = [];
  for (const [nom, brut] of Object.entries(saisie)) {
    const colonne = champs.find((c) => c.nom === nom);
    if (!colonne) {
      manquements.push({ colonne: nom, valeur: String(brut ?? ''), message: `champ inconnu ; champs admis : ${champs.map((c) => c.nom).join(', ')}` });
      continue;
    }
    const lecture = lireValeur(colonne, brut ?? '', aujourdhui);
    if (lecture.erreur !== undefined) manquements.push({ colonne: nom, valeur: (brut ?? '').trim(), message: lecture.erreur });
    else valeurs[nom] = lecture.valeur;
  }
  if (manquements.length === 0) manquements.push(...controlerLigne(fichierDeclare(nature).nom, valeurs));
  return { valeurs, manquements };
}
