// La saisie du parcours par le conseiller (Annexe 1) : chaque saisie est une ligne d'un fichier du
// format d'échange, qui passe ensuite par l'import entier (valeurs, règles des lignes, contrôles en
// base, fusion) : une seule copie des règles, les mêmes messages (décisions 0015 et 0030).
import { FICHIERS, type Colonne, type FichierEchange } from '../echange/format.ts';
import { lireDate } from '../temps/dates.ts';

/** Ce que saisit le conseiller (« Saisie du diagnostic »), et le fichier du format qui le porte. */
export const SAISIES = {
  jeunes: { fichier: 'jeunes.csv', libelle: 'du premier accueil' },
  diagnostics: { fichier: 'diagnostics.csv', libelle: 'du diagnostic' },
  dispositifs: { fichier: 'dispositifs.csv', libelle: 'du dispositif' },
  phases: { fichier: 'phases.csv', libelle: 'de la phase' },
  evenements: { fichier: 'evenements.csv', libelle: "de l'événement" },
  situations: { fichier: 'situations.csv', libelle: 'de la situation' },
  aides: { fichier: 'aides.csv', libelle: "de l'aide" },
} as const;
export type NatureSaisie = keyof typeof SAISIES;
export const NATURES_SAISIE = Object.keys(SAISIES) as [NatureSaisie, ...NatureSaisie[]];

export const fichierSaisi = (nature: NatureSaisie): FichierEchange => FICHIERS.find((f) => f.nom === SAISIES[nature].fichier)!;

/** Les champs que le conseiller remplit : tout le fichier, sauf la structure, l'identifiant de la ligne et le jeune (donnés par l'adresse). */
export function champsSaisis(nature: NatureSaisie): readonly Colonne[] {
  const f = fichierSaisi(nature);
  return f.colonnes.filter((c) => !f.cle.includes(c.nom) && c.nom !== 'id_jeune');
}

export interface ErreurChamp {
  champ: string;
  message: string;
}

/**
 * La ligne du format d'une saisie : les valeurs de la ligne existante (modification), remplacées par
 * les champs saisis. Une date s'écrit JJ/MM/AAAA à l'écran : elle est remise en AAAA-MM-JJ, la forme
 * du format. Un champ inconnu est refusé : rien ne se perd en silence.
 */
export function ligneDeSaisie(
  nature: NatureSaisie,
  cle: Record<string, string>,
  existante: Record<string, string | null> | null,
  saisie: Record<string, string | null>,
): { ligne: Record<string, string | null>; erreurs: ErreurChamp[] } {
  const champs = champsSaisis(nature);
  const erreurs: ErreurChamp[] = [];
  const ligne: Record<string, string | null> = { ...(existante ?? {}), ...cle };
  for (const [nom, valeur] of Object.entries(saisie)) {
    const colonne = champs.find((c) => c.nom === nom);
    if (!colonne) erreurs.push({ champ: nom, message: `champ inconnu ; champs admis : ${champs.map((c) => c.nom).join(', ')}` });
    else ligne[nom] = colonne.type.nature === 'date' && valeur ? (lireDate(valeur) ?? valeur) : valeur;
  }
  return { ligne, erreurs };
}

/** Les champs changés par une écriture : ce que garde la ligne d'audit. */
export function changements(avant: Record<string, string | null> | null, apres: Record<string, string | null>): { champ: string; ancienne: string | null; nouvelle: string | null }[] {
  return Object.keys(apres)
    .filter((c) => (avant?.[c] ?? null) !== (apres[c] ?? null))
    .map((champ) => ({ champ, ancienne: avant?.[champ] ?? null, nouvelle: apres[champ] ?? null }));
}

/** Où une ligne du dossier est née (décision 0030). */
export type OrigineLigne = 'saisie' | 'depot';
export const LIBELLES_ORIGINE: Record<OrigineLigne, string> = { saisie: "saisi dans l'application", depot: 'reçu par dépôt' };
