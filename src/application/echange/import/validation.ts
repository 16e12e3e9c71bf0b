// Étape « valider » : l'en-tête et chaque enregistrement d'un fichier, contrôlés en JavaScript avant
// d'entrer en transit. Pur : les erreurs vont à `erreur`, la ligne rendue est prête pour la table.
import type { FichierEchange } from '../../../domaine/echange/format.ts';
import { controlerLigne } from '../../../domaine/echange/reglesLigne.ts';
import { abreger, type lecteurDeColonne } from '../../../domaine/echange/valeurs.ts';

export type Signaler = (ligne: number, colonne: string, valeur: string, message: string) => void;
type Lecteur = ReturnType<typeof lecteurDeColonne>;

export interface Entete {
  /** Position dans l'enregistrement de chaque colonne du format, -1 si absente. */
  indices: number[];
  largeur: number;
  /** Colonnes du format présentes. */
  presentes: Set<string>;
  colonnesIgnorees: string[];
  /** Faux si une colonne obligatoire manque ou qu'une colonne est en double : le fichier ne se lit pas. */
  lisible: boolean;
}

export function lireEntete(fichier: FichierEchange, champs: string[], erreur: Signaler): Entete {
  const noms = champs.map((c) => c.trim().toLowerCase());
  const connus = new Set(fichier.colonnes.map((c) => c.nom));
  let lisible = true;
  for (const [i, nom] of noms.entries()) {
    if (connus.has(nom) && noms.indexOf(nom) !== i) {
      erreur(1, nom, '', 'colonne présente deux fois dans l’en-tête');
      lisible = false;
    }
  }
  for (const c of fichier.colonnes) {
    if (c.requise && !noms.includes(c.nom)) {
      erreur(1, c.nom, '', 'colonne obligatoire absente de l’en-tête');
      lisible = false;
    }
  }
  return {
    indices: fichier.colonnes.map((c) => noms.indexOf(c.nom)),
    largeur: champs.length,
    presentes: new Set(fichier.colonnes.filter((c) => noms.includes(c.nom)).map((c) => c.nom)),
    colonnesIgnorees: noms.filter((n) => n !== '' && !connus.has(n)).map(abreger),
    lisible,
  };
}

export interface LigneValidee {
  /** La ligne de la table de transit : numéro, validité, puis chaque colonne du format (texte PostgreSQL ou null). */
  rangee: (string | null)[];
  codeStructure: string | null;
}

/** Un enregistrement : chaque valeur lue par le lecteur de sa colonne, puis les règles qui lient les colonnes. */
export function validerEnregistrement(
  fichier: FichierEchange,
  lecteurs: Lecteur[],
  entete: Entete,
  ligne: number,
  champs: string[],
  erreur: Signaler,
): LigneValidee | null {
  if (champs.length !== entete.largeur) {
    erreur(ligne, '', '', `la ligne a ${champs.length} champ(s) alors que l'en-tête en a ${entete.largeur}`);
    return null;
  }
  let valide = true;
  const valeurs: Record<string, string | null> = {};
  const rangee: (string | null)[] = [String(ligne), 't'];
  for (let i = 0; i < fichier.colonnes.length; i++) {
    const colonne = fichier.colonnes[i];
    const brut = entete.indices[i] >= 0 ? champs[entete.indices[i]] : undefined;
    const lecture = lecteurs[i](brut);
    if (lecture.erreur !== undefined) {
      valide = false;
      erreur(ligne, colonne.nom, (brut ?? '').trim(), lecture.erreur);
      valeurs[colonne.nom] = null;
    } else valeurs[colonne.nom] = lecture.valeur;
    rangee.push(valeurs[colonne.nom]);
  }
  for (const m of controlerLigne(fichier.nom, valeurs)) {
    valide = false;
    erreur(ligne, m.colonne, m.valeur, m.message);
  }
  if (!valide) rangee[1] = 'f';
  return { rangee, codeStructure: valeurs.code_structure ?? null };
}
