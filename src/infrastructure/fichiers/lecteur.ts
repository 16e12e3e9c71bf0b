// Le lecteur de fichiers de production (port : src/application/ports/fichiers.ts).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
  lireDossier: (dossier) => Object.fromEntries(readdirSync(dossier).map((f) => [f, readFileSync(join(dossier, f))])),
  effacerDossier: (dossier) => rmSync(dossier, { recursive: true, force: true }),
};
