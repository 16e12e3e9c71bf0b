// Étape « mettre en transit » : chaque fichier est lu en flux, chaque enregistrement validé
// (validation.ts) et chargé par COPY dans une table temporaire propre à la transaction, avec son
// numéro de ligne et sa validité.
import { statSync } from 'node:fs';
import type { Colonne, FichierEchange } from '../../../domaine/echange/format.ts';
import { abreger, lecteurDeColonne } from '../../../domaine/echange/valeurs.ts';
import type { Requeteur } from '../../ports/base.ts';
import { ErreurCsv, type Encodage, type LecteurFichiers, type LongueursMax } from '../../ports/fichiers.ts';
import type { Horloge } from '../../ports/horloge.ts';
import type { BilanFichier, ErreurImport } from '../rapport.ts';
import type { Progression } from './options.ts';
import { lireEntete, validerEnregistrement, type Entete, type Signaler } from './validation.ts';

const TYPES_SQL: Record<Colonne['type']['nature'], string> = {
  identifiant: 'text',
  texte: 'text',
  code: 'text',
  codeGeo: 'text',
  siret: 'text',
  communes: 'text[]',
  date: 'date',
  booleen: 'boolean',
  entier: 'integer',
  decimal: 'numeric',
};

/** Le nom de la table de transit d'un fichier (le nom de table vient du format, pas du fichier lu). */
export const transit = (f: FichierEchange) => `transit_${f.table}`;

export interface FichierLu {
  fichier: FichierEchange;
  chemin: string;
  encodage: Encodage;
  bilan: BilanFichier;
  /** Colonnes du format présentes dans l'en-tête. */
  presentes: Set<string>;
  /** Les codes de structure lus dans le fichier. */
  structures: Set<string>;
  lisible: boolean;
  /** Le fichier dépasse la limite de lignes : l'import est refusé pour ce motif. */
  depassement?: string;
}

export interface ContexteLecture {
  horloge: Horloge;
  fichiers: LecteurFichiers;
  lignesMax: number;
  longueurs: LongueursMax;
  signaler: (e: ErreurImport) => void;
  progression?: Progression;
}

const bilanVide = (fichier: FichierEchange): BilanFichier => ({
  fichier: fichier.nom,
  encodage: 'utf-8',
  separateur: ';',
  lignes: 0,
  crees: 0,
  misAJour: 0,
  inchanges: 0,
  rejetes: 0,
  colonnesIgnorees: [],
  dureeLectureMs: 0,
  dureeFusionMs: 0,
});

export async function mettreEnTransit(tx: Requeteur, fichier: FichierEchange, chemin: string, contexte: ContexteLecture): Promise<FichierLu> {
  const debut = contexte.horloge.ms();
  const lu: FichierLu = { fichier, chemin, encodage: 'utf-8', bilan: bilanVide(fichier), presentes: new Set(), structures: new Set(), lisible: true };
  const colonnes = [{ nom: 'ligne', type: 'integer' }, { nom: 'valide', type: 'boolean' }, ...fichier.colonnes.map((c) => ({ nom: c.nom, type: TYPES_SQL[c.type.nature] }))];
  await tx.query(`CREATE TEMP TABLE ${transit(fichier)} (ligne integer NOT NULL, valide boolean NOT NULL, ${colonnes.slice(2).map((c) => `${c.nom} ${c.type}`).join(', ')}) ON COMMIT DROP`);
  contexte.progression?.etape(`Lecture de ${fichier.nom}`, statSync(chemin).size);
  const erreur: Signaler = (ligne, colonne, valeur, message) => contexte.signaler({ fichier: fichier.nom, ligne, colonne, valeur, message });
  const lecture = { entete: null as Entete | null };

  await tx.charger(transit(fichier), colonnes, lots(lu, contexte, erreur, lecture));
  if (lu.depassement !== undefined) return lu;
  contexte.progression?.terminer();
  if (lecture.entete === null && lu.lisible) erreur(1, '', '', "fichier vide : la ligne d'en-tête manque");
  if (!lu.lisible) await tx.query(`UPDATE ${transit(fichier)} SET valide = false`);
  await tx.query(`ANALYZE ${transit(fichier)}`);
  lu.bilan.dureeLectureMs = contexte.horloge.ms() - debut;
  return lu;
}

/** Les lots de lignes validées pour COPY ; s'arrête à la limite de lignes ou sur un fichier illisible. */
async function* lots(lu: FichierLu, contexte: ContexteLecture, erreur: Signaler, lecture: { entete: Entete | null }): AsyncGenerator<(string | null)[][]> {
  const { fichier, bilan } = lu;
  const lecteurs = fichier.colonnes.map((c) => lecteurDeColonne(c, contexte.horloge.dateDuJour()));
  try {
    lu.encodage = bilan.encodage = await contexte.fichiers.detecterEncodage(lu.chemin);
    for await (const { enregistrements, octets, separateur } of contexte.fichiers.lireCsv(lu.chemin, lu.encodage, contexte.longueurs)) {
      bilan.separateur = separateur ?? ';';
      const lot: (string | null)[][] = [];
      for (const { ligne, champs } of enregistrements) {
        if (lecture.entete === null) {
          lecture.entete = lireEntete(fichier, champs, erreur);
          Object.assign(lu, { presentes: lecture.entete.presentes, lisible: lecture.entete.lisible });
          bilan.colonnesIgnorees = lecture.entete.colonnesIgnorees;
          continue;
        }
        if (++bilan.lignes > contexte.lignesMax) {
          lu.depassement = `${fichier.nom} : plus de ${contexte.lignesMax} lignes, au-delà de la limite par fichier (CPO_IMPORT_LIGNES_MAX)`;
          return;
        }
        if (!lu.lisible) continue;
        const validee = validerEnregistrement(fichier, lecteurs, lecture.entete, ligne, champs, erreur);
        if (!validee) continue;
        if (validee.codeStructure) lu.structures.add(validee.codeStructure);
        lot.push(validee.rangee);
      }
      contexte.progression?.avancer(octets);
      if (lot.length) yield lot;
    }
  } catch (e) {
    // Fichier illisible (encodage, CSV faux, limite de longueur) : la lecture s'arrête là.
    if (!(e instanceof ErreurCsv)) throw e;
    erreur(e.ligne, abreger(e.colonne?.toLowerCase() ?? ''), '', e.message);
    lu.lisible = false;
  }
}
