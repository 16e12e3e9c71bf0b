// `npm start` construit l'application web quand elle manque ou que ses sources ont changé.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOSSIER_WEB } from '../http/serveur.ts';

const RACINE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function derniereModification(dossier: string): number {
  let max = 0;
  for (const entree of readdirSync(dossier, { withFileTypes: true })) {
    const chemin = join(dossier, entree.name);
    max = Math.max(max, entree.isDirectory() ? derniereModification(chemin) : statSync(chemin).mtimeMs);
  }
  return max;
}

export function construireSiNecessaire(): void {
  const index = join(DOSSIER_WEB, 'index.html');
  const sources = [join(RACINE, 'src/web'), join(RACINE, 'src/domaine')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(derniereModification))) return;
  process.stderr.write("Construction de l'application web…\n");
  const resultat = spawnSync('npm', ['run', 'build'], { cwd: RACINE, stdio: ['ignore', 'inherit', 'inherit'] });
  if (resultat.status !== 0) throw new Error("la construction de l'application web a échoué (npm run build)");
}
