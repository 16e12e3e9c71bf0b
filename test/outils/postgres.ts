// Une base PostgreSQL neuve sur le serveur de test ou de banc d'essai, détruite à la fermeture.
import pg from 'pg';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import type { Base } from '../../src/application/ports/base.ts';

async function administrer(urlAdmin: string, sql: string) {
  const client = new pg.Client({ connectionString: urlAdmin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function basePostgresNeuve(urlAdmin: string, nom: string, options: { garder?: boolean } = {}): Promise<Base> {
  await administrer(urlAdmin, `DROP DATABASE IF EXISTS ${nom} WITH (FORCE)`);
  await administrer(urlAdmin, `CREATE DATABASE ${nom}`);
  const url = new URL(urlAdmin);
  url.pathname = `/${nom}`;
  const base = await ouvrirBase({ url: url.toString() });
  const fermer = base.fermer;
  return Object.assign(base, {
    async fermer() {
      await fermer();
      if (!options.garder) await administrer(urlAdmin, `DROP DATABASE IF EXISTS ${nom} WITH (FORCE)`);
    },
  });
}
