// Une connexion au serveur PostgreSQL coupée par le serveur (redémarrage, administrateur, base supprimée
// pendant la fermeture) ne fait pas tomber le processus, et la requête suivante passe par une autre.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { basePostgresNeuve } from '../outils/postgres.ts';

const url = inject('postgres');

// Sans serveur PostgreSQL (poste de développement), rien à tester ici : la CI en a toujours un.
describe.runIf(url)('connexion PostgreSQL coupée par le serveur', () => {
  it("n'émet aucune erreur non gérée, et la requête suivante réussit", async () => {
    const nom = `cpo_t_${randomBytes(6).toString('hex')}`;
    const base = await basePostgresNeuve(url!, nom);
    const nonGerees: unknown[] = [];
    const ecouter = (e: unknown) => nonGerees.push(e);
    process.on('uncaughtException', ecouter);
    try {
      // Trois connexions ouvertes et rendues au pool, puis coupées par le serveur.
      await Promise.all([1, 2, 3].map(() => base.query('SELECT pg_sleep(0.05)')));
      const admin = new pg.Client({ connectionString: url! });
      await admin.connect();
      const [{ coupees }] = (
        await admin.query(`SELECT count(pg_terminate_backend(pid))::int AS coupees FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [nom])
      ).rows;
      await admin.end();
      expect(coupees).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      expect(nonGerees).toEqual([]);
      expect(await base.query<{ un: number }>('SELECT 1 AS un')).toEqual([{ un: 1 }]);
    } finally {
      process.off('uncaughtException', ecouter);
      await base.fermer();
    }
  });
});
