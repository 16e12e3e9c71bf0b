// Outils communs des bancs d'essai : base PostgreSQL neuve, mesure de la mémoire, écriture des résultats.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { ouvrirBase } from '../src/infrastructure/db/base.ts';
import type { Base } from '../src/application/ports/base.ts';
import { basePostgresNeuve as basePostgres } from '../test/outils/postgres.ts';

export const URL_ADMIN = process.env.CPO_BENCH_POSTGRES_URL ?? 'postgres://cpo:cpo@127.0.0.1:5432/postgres';

/** Une base PostgreSQL neuve, détruite à la fermeture (gardée avec CPO_BENCH_GARDER_BASE=1). */
export const basePostgresNeuve = (nom: string) => basePostgres(URL_ADMIN, nom, { garder: Boolean(process.env.CPO_BENCH_GARDER_BASE) });

/** La base d'un passage précédent, si elle existe et contient des ML ; null sinon. */
export async function ouvrirBaseGardee(nom: string): Promise<Base | null> {
  const url = new URL(URL_ADMIN);
  url.pathname = `/${nom}`;
  try {
    const base = await ouvrirBase({ url: url.toString() });
    const [{ n }] = await base.query<{ n: number }>('SELECT count(*)::int AS n FROM mission_locale');
    if (n > 0) return base;
    await base.fermer();
  } catch {
    // pas de base gardée
  }
  return null;
}

/** Pic de mémoire résidente du processus, relevé toutes les 50 ms. */
export function suivreMemoire() {
  let pic = process.memoryUsage().rss;
  const minuterie = setInterval(() => {
    pic = Math.max(pic, process.memoryUsage().rss);
  }, 50);
  return {
    arreter() {
      clearInterval(minuterie);
      return Math.max(pic, process.memoryUsage().rss);
    },
  };
}

export const mo = (octets: number) => Math.round(octets / 1024 / 1024);
export const fr = (n: number, decimales = 0) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: decimales, minimumFractionDigits: decimales }).format(n).replace(/\u202f/g, ' ');

export function tableau(entete: string[], lignes: (string | number)[][]): string {
  const cellules = lignes.map((l) => l.map(String));
  const largeurs = entete.map((e, i) => Math.max(e.length, ...cellules.map((c) => c[i].length)));
  const rangee = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(largeurs[i]) : v.padStart(largeurs[i]))).join('  ');
  return [rangee(entete), largeurs.map((l) => '-'.repeat(l)).join('  '), ...cellules.map(rangee)].join('\n');
}

export function ecrireResultat(nom: string, resultat: unknown) {
  const dossier = join(import.meta.dirname, 'resultats');
  mkdirSync(dossier, { recursive: true });
  writeFileSync(join(dossier, `${nom}.json`), JSON.stringify(resultat, null, 2) + '\n');
}

export const machine = () => ({
  date: new Date().toISOString(),
  node: process.version,
  coeurs: availableParallelism(),
  memoireGo: Math.round(totalmem() / 1024 ** 3),
});
