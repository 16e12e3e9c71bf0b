// Les tests d'intégration tournent sur les deux moteurs : PGlite et un vrai serveur PostgreSQL,
// chacun dans une base neuve.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { ouvrirBase, type Base } from '../../src/infrastructure/db/base.ts';

export interface Moteur {
  nom: 'PGlite' | 'PostgreSQL';
  ouvrir(): Promise<Base>;
}

async function basePostgresNeuve(urlAdmin: string): Promise<Base> {
  const nom = `cpo_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: urlAdmin });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${nom}`);
  await admin.end();
  const url = new URL(urlAdmin);
  url.pathname = `/${nom}`;
  const base = await ouvrirBase({ url: url.toString() });
  const fermer = base.fermer;
  return Object.assign(base, {
    async fermer() {
      await fermer();
      const a = new pg.Client({ connectionString: urlAdmin });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${nom} WITH (FORCE)`);
      await a.end();
    },
  });
}

export function moteurs(): Moteur[] {
  const urlPostgres = inject('postgres');
  const liste: Moteur[] = [{ nom: 'PGlite', ouvrir: () => ouvrirBase({ dossier: 'memoire' }) }];
  if (urlPostgres) liste.push({ nom: 'PostgreSQL', ouvrir: () => basePostgresNeuve(urlPostgres) });
  return liste;
}

/** Un bloc de tests par moteur disponible. */
export function surChaqueMoteur(titre: string, corps: (moteur: Moteur) => void) {
  for (const moteur of moteurs()) describe(`${titre} [${moteur.nom}]`, () => corps(moteur));
}
