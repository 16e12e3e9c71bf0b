import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Écrit un extrait dans un dossier temporaire : nom de fichier → contenu (texte UTF-8 ou octets). */
export function ecrireExtrait(fichiers: Record<string, string | Buffer>): string {
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-extrait-test-'));
  for (const [nom, contenu] of Object.entries(fichiers)) writeFileSync(join(dossier, nom), contenu);
  return dossier;
}

/** Lignes CSV à partir de tableaux, séparateur au choix. */
export const csv = (lignes: (string | number)[][], sep = ';') => lignes.map((l) => l.join(sep)).join('\n') + '\n';
