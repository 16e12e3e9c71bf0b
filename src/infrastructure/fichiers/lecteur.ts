// Le lecteur de fichiers de production (port : src/application/ports/fichiers.ts).
import type { LecteurFichiers } from '../../application/ports/fichiers.ts';
import { AnalyseurCsv, detecterEncodage, lireCsv } from './csv.ts';
import { ouvrirExtrait } from './extrait.ts';

export const lecteurFichiers: LecteurFichiers = {
  ouvrirExtrait,
  detecterEncodage,
  lireCsv,
  analyserCsv(texte, longueurs) {
    const analyseur = new AnalyseurCsv(longueurs);
    return [...analyseur.pousser(texte), ...analyseur.finir()];
  },
};
