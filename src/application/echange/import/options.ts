// Les réglages d'un import : mode, limites contre les fichiers hostiles, suivi de l'avancement.
import type { Requeteur } from '../../ports/base.ts';
import type { RapportImport } from '../rapport.ts';
import { LONGUEURS_MAX_PAR_DEFAUT, type LecteurFichiers } from '../../ports/fichiers.ts';
import type { Horloge } from '../../ports/horloge.ts';

export interface Progression {
  etape(libelle: string, total: number): void;
  avancer(quantite: number): void;
  terminer(): void;
}

export interface OptionsImport {
  tolerant?: boolean;
  /** Dossier où écrire les lignes rejetées en mode tolérant (défaut : à côté de la source). */
  dossierRejets?: string;
  acteur?: string;
  /** D'où vient l'import, pour l'audit : « cli » par défaut, l'adresse IP d'un dépôt. */
  origine?: string;
  /** Un dépôt d'une ML : l'extrait ne contient que ses lignes, sinon il est refusé en entier. */
  structure?: string;
  /** Une saisie dans l'application, qui peut écrire sur les lignes déjà saisies (un dépôt ne le peut pas, décision 0030). */
  saisie?: boolean;
  /** Dans la transaction d'un import accepté, juste avant qu'elle ne s'achève : le dépôt y enregistre son résultat. */
  finaliser?: (tx: Requeteur, rapport: RapportImport) => Promise<void>;
  progression?: Progression;
  /** Le jour de l'import borne les dates de l'extrait ; les durées du rapport se mesurent aussi sur elle. */
  horloge: Horloge;
  /** L'extrait et ses CSV, lus par ce port. */
  fichiers: LecteurFichiers;
  /** Limites contre les fichiers hostiles ou aberrants ; par défaut, les variables CPO_IMPORT_… (voir limitesParDefaut). */
  limites?: Partial<Limites>;
}

export interface Limites {
  /** Lignes par fichier. */
  lignes: number;
  /** Octets par fichier, décompressé s'il vient d'une archive. */
  octets: number;
  /** Caractères par ligne (un enregistrement entre guillemets sur plusieurs lignes compte pour une). */
  longueurLigne: number;
  /** Caractères par champ. */
  longueurChamp: number;
}

/** Assez pour l'extrait national (28 millions d'événements, 1,5 Go), pas pour un fichier sans fin. */
export function limitesParDefaut(): Limites {
  return {
    lignes: Number(process.env.CPO_IMPORT_LIGNES_MAX) || 100_000_000,
    octets: (Number(process.env.CPO_IMPORT_TAILLE_MAX_MO) || 10_240) * 1024 * 1024,
    longueurLigne: Number(process.env.CPO_IMPORT_LONGUEUR_LIGNE_MAX) || LONGUEURS_MAX_PAR_DEFAUT.ligne,
    longueurChamp: Number(process.env.CPO_IMPORT_LONGUEUR_CHAMP_MAX) || LONGUEURS_MAX_PAR_DEFAUT.champ,
  };
}
