// Les erreurs d'un import, au fil des étapes : détaillées dans le rapport jusqu'à un plafond par
// fichier, et gardées ligne par ligne (premier motif) pour écarter les lignes et écrire les rejets.
import { abreger } from '../../../domaine/echange/valeurs.ts';
import type { ErreurImport, RapportImport } from '../rapport.ts';

/** Au-delà, les erreurs d'un fichier sont comptées sans être détaillées (un fichier faux en entier). */
export const ERREURS_DETAILLEES_PAR_FICHIER = 1000;

/** Fichier → ligne → motif de rejet. */
export type Rejets = Map<string, Map<number, string>>;

export interface Signalements {
  signaler(e: ErreurImport): void;
  readonly rejets: Rejets;
  /** Des erreurs ont-elles été signalées ? */
  readonly enErreur: boolean;
}

export function signalementsDans(rapport: Pick<RapportImport, 'erreurs' | 'erreursNonDetaillees'>): Signalements {
  const rejets: Rejets = new Map();
  const detaillees = new Map<string, number>();
  return {
    rejets,
    get enErreur() {
      return rapport.erreurs.length > 0;
    },
    signaler(e) {
      const parFichier = rejets.get(e.fichier) ?? new Map<number, string>();
      rejets.set(e.fichier, parFichier);
      if (!parFichier.has(e.ligne)) parFichier.set(e.ligne, `${e.colonne ? e.colonne + ' : ' : ''}${e.message}`);
      const deja = detaillees.get(e.fichier) ?? 0;
      if (deja < ERREURS_DETAILLEES_PAR_FICHIER) {
        rapport.erreurs.push({ ...e, valeur: abreger(e.valeur) });
        detaillees.set(e.fichier, deja + 1);
      } else rapport.erreursNonDetaillees += 1;
    },
  };
}
