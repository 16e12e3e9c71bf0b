import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tous les dossiers temporaires d'un processus de test sous une même racine, effacée à sa sortie.
const RACINE = join(tmpdir(), `cpo-tests-${process.pid}`);
mkdirSync(RACINE, { recursive: true });
process.on('exit', () => rmSync(RACINE, { recursive: true, force: true }));

export const dossierTemporaire = (prefixe = 'd') => mkdtempSync(join(RACINE, `${prefixe}-`));

/** Écrit un extrait dans un dossier temporaire : nom de fichier → contenu (texte UTF-8 ou octets). */
export function ecrireExtrait(fichiers: Record<string, string | Buffer>): string {
  const dossier = dossierTemporaire('extrait');
  for (const [nom, contenu] of Object.entries(fichiers)) writeFileSync(join(dossier, nom), contenu);
  return dossier;
}

/** Lignes CSV à partir de tableaux, séparateur au choix. */
export const csv = (lignes: (string | number)[][], sep = ';') => lignes.map((l) => l.join(sep)).join('\n') + '\n';
