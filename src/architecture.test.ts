// Le sens des dépendances : le domaine ne dépend que de lui-même ; l'application, du domaine et de ses
// ports (src/application/ports/) ; l'infrastructure, les entrées (src/http, src/cli) et la racine de
// composition (src/composition.ts) sont au-dessus, et personne en dessous ne les importe.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RACINE = resolve(import.meta.dirname, '..');

function fichiersTs(dossier: string): string[] {
  return readdirSync(join(RACINE, dossier), { withFileTypes: true, recursive: true })
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name))
    .map((f) => relative(RACINE, join(f.parentPath, f.name)));
}

/** Chaque module relatif importé (statique, dynamique ou réexporté), en chemin depuis la racine du dépôt. */
function importsDe(fichier: string): string[] {
  const texte = readFileSync(join(RACINE, fichier), 'utf8');
  const specifieurs = [...texte.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specifieurs.map((s) => relative(RACINE, resolve(RACINE, dirname(fichier), s)));
}

function violations(dossiers: string[], interdits: string[]): string[] {
  return dossiers.flatMap((d) =>
    fichiersTs(d).flatMap((f) => importsDe(f).filter((cible) => interdits.some((i) => cible === i || cible.startsWith(`${i}/`))).map((cible) => `${f} importe ${cible}`)),
  );
}

describe('architecture', () => {
  it("ni le domaine ni l'application n'importent l'infrastructure, les entrées ou la racine de composition", () => {
    expect(violations(['src/domaine', 'src/application'], ['src/infrastructure', 'src/http', 'src/cli', 'src/composition.ts'])).toEqual([]);
  });

  it("le domaine n'importe pas l'application", () => {
    expect(violations(['src/domaine'], ['src/application'])).toEqual([]);
  });

  it("les entrées (src/http, src/cli) n'écrivent pas de SQL : elles passent par les cas d'usage", () => {
    const sql = /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|TRUNCATE|COPY)\b/;
    const fautifs = ['src/http', 'src/cli'].flatMap((d) =>
      fichiersTs(d)
        .filter((f) => !f.endsWith('.test.ts'))
        .flatMap((f) => readFileSync(join(RACINE, f), 'utf8').split('\n').flatMap((ligne, i) => (sql.test(ligne) ? [`${f}:${i + 1} : ${ligne.trim()}`] : []))),
    );
    expect(fautifs).toEqual([]);
  });
});
