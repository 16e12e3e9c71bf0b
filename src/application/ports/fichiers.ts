// Les fichiers vus par l'application : un port pour lire un extrait (dossier ou archive zip) et ses CSV
// en flux, sans dépendre du disque ni de yauzl. L'infrastructure l'implémente (fichiers/,
// `lecteurFichiers`) ; la racine de composition (src/composition.ts) le fournit.
import { ErreurMetier } from '../../domaine/erreurs.ts';

export interface LecteurFichiers {
  /** `octetsMax` : la taille d'un fichier, décompressé s'il vient d'une archive (CPO_IMPORT_TAILLE_MAX_MO). Lève ErreurExtrait. */
  ouvrirExtrait(source: string, octetsMax: number): Promise<ExtraitOuvert>;
  /** L'encodage d'un fichier ; un mélange d'UTF-8 et de Windows-1252 lève ErreurCsv. */
  detecterEncodage(chemin: string): Promise<Encodage>;
  /** Un fichier CSV lu en flux : des paquets d'enregistrements, et les octets lus (pour la progression). Lève ErreurCsv. */
  lireCsv(chemin: string, encodage: Encodage, longueurs?: LongueursMax): AsyncIterable<{ enregistrements: Enregistrement[]; octets: number; separateur: string | undefined }>;
  /** Un CSV déjà en mémoire (un petit fichier téléversé), par le même analyseur. Lève ErreurCsv. */
  analyserCsv(texte: string, longueurs?: LongueursMax): Enregistrement[];
  /** Les fichiers d'un dossier de travail, par nom (les lignes rejetées d'un dépôt). */
  lireDossier(dossier: string): Record<string, Buffer>;
  /** Efface un dossier de travail et son contenu (rien s'il n'existe plus). */
  effacerDossier(dossier: string): void;
}

export interface ExtraitOuvert {
  /** Chemin de chaque fichier du format trouvé, par nom en minuscules (jeunes.csv…). */
  fichiers: Map<string, string>;
  /** Les autres fichiers .csv, ni lus ni extraits : nommés dans le rapport. */
  ignores: string[];
  nettoyer(): void;
}

/** L'extrait ne s'ouvre pas (source introuvable, archive abîmée, fichier trop gros) : le motif du refus. */
export class ErreurExtrait extends ErreurMetier {}

export interface Enregistrement {
  ligne: number;
  champs: string[];
}

export class ErreurCsv extends Error {
  constructor(
    readonly ligne: number,
    message: string,
    /** Le champ fautif, quand l'erreur en vise un : son nom dans l'en-tête, ou « champ n° N ». */
    readonly colonne?: string,
  ) {
    super(message);
  }
}

/** En caractères ; un enregistrement entre guillemets sur plusieurs lignes compte pour une ligne. */
export interface LongueursMax {
  ligne: number;
  champ: number;
}

/**
 * Bien au-delà de ce que le format produit (la plus longue ligne, une structure et la liste de ses
 * communes, fait quelques milliers de caractères), bien en deçà de ce qui inquiète la mémoire.
 */
export const LONGUEURS_MAX_PAR_DEFAUT: LongueursMax = { ligne: 100_000, champ: 10_000 };

export type Encodage = 'utf-8' | 'windows-1252';
