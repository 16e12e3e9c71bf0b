// Avant les tests : le serveur PostgreSQL de test répond-il ? Sur la CI (CI=true), il le doit.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const URL_POSTGRES_DEFAUT = 'postgres://cpo:cpo@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: string | null;
  }
}

export default async function ({ provide }: TestProject) {
  const url = process.env.CPO_TEST_POSTGRES_URL ?? URL_POSTGRES_DEFAUT;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    provide('postgres', url);
  } catch (e) {
    if (process.env.CI) throw new Error(`PostgreSQL de test injoignable (${url}) : ${(e as Error).message}`);
    console.warn(`\n⚠ PostgreSQL injoignable (${url}) : les tests sur PostgreSQL sont ignorés. « bash .ci/run » installe et démarre le serveur.\n`);
    provide('postgres', null);
  }
}
