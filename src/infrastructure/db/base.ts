// Une seule interface pour les deux moteurs : PGlite embarqué (par défaut, un dossier) et un vrai
// serveur PostgreSQL (quand DATABASE_URL est défini). Le code métier n'écrit que du SQL portable
// PostgreSQL 15, passe ses valeurs en paramètres et charge les gros volumes par COPY.
import { createWriteStream, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { from as copyFromStream, to as copyToStream } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { chargerReferentielGeographique } from './referentielGeographique.ts';
import { verrouiller } from './verrou.ts';
import type { Base, Requeteur } from '../../application/ports/base.ts';

const DOSSIER_MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Lignes par INSERT … unnest vers PGlite : assez pour amortir l'appel, assez peu pour la mémoire. */
const LIGNES_PAR_LOT_PGLITE = 50_000;

export interface OptionsBase {
  /** URL PostgreSQL ; à défaut DATABASE_URL ; à défaut PGlite. */
  url?: string;
  /** Dossier de PGlite ; à défaut CPO_DATA_DIR ou ./.cpo-data ; `memoire` pour une base éphémère. */
  dossier?: string;
}

export async function ouvrirBase(options: OptionsBase = {}): Promise<Base> {
  const url = options.url ?? process.env.DATABASE_URL;
  const base = url ? await ouvrirPostgres(url) : await ouvrirPglite(options.dossier ?? process.env.CPO_DATA_DIR ?? './.cpo-data');
  try {
    await chargerReferentielGeographique(base);
  } catch (e) {
    await base.fermer().catch(() => {});
    throw e;
  }
  return base;
}

// ---------- PGlite ----------

const PARSEURS = {
  [types.DATE]: (v: string) => v,
  [types.INT8]: (v: string) => Number(v),
  [types.NUMERIC]: (v: string) => Number(v),
};

async function ouvrirPglite(dossier: string): Promise<Base> {
  let liberer = () => {};
  if (dossier !== 'memoire') {
    mkdirSync(dossier, { recursive: true });
    liberer = await verrouiller(dossier);
  }
  const pglite = new PGlite(dossier === 'memoire' ? undefined : dossier);
  try {
    await pglite.waitReady;
    await migratePglite(drizzlePglite(pglite), { migrationsFolder: DOSSIER_MIGRATIONS });
  } catch (e) {
    await pglite.close().catch(() => {});
    liberer();
    throw e;
  }

  const requeteur = (cible: Pick<PGlite, 'query'>): Requeteur => ({
    async query(sql, params) {
      // Les parseurs passés au constructeur de PGlite 0.5 sont ignorés : on les donne à chaque requête.
      return (await cible.query<any>(sql, params as any[], { parsers: PARSEURS })).rows;
    },
    // COPY FROM ralentit à mesure que la table grossit dans PGlite 0.5 (70 000 lignes/s sur une région) ;
    // INSERT … SELECT FROM unnest(tableaux) garde un débit constant (190 000 lignes/s).
    async charger(table, colonnes, lots) {
      const requete = `INSERT INTO ${table} (${colonnes.map((c) => c.nom).join(', ')})
        SELECT ${colonnes.map((c, i) => `c${i}::${c.type}`).join(', ')}
        FROM unnest(${colonnes.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS u(${colonnes.map((_, i) => `c${i}`).join(', ')})`;
      let tampon: (string | null)[][] = [];
      const envoyer = async () => {
        const parColonne = colonnes.map((_, i) => tampon.map((ligne) => ligne[i]));
        const t0 = Date.now();
        await cible.query(requete, parColonne);
        if (process.env.CPO_DEBUG_SQL) console.error('lot', table, tampon.length, Date.now() - t0);
        tampon = [];
      };
      for await (const lot of lots) {
        for (const ligne of lot) tampon.push(ligne);
        if (tampon.length >= LIGNES_PAR_LOT_PGLITE) await envoyer();
      }
      if (tampon.length) await envoyer();
    },
    async copyToFile(requete, options, chemin) {
      const resultat = await cible.query(`COPY (${requete}) TO '/dev/blob' WITH (${options})`);
      await writeFile(chemin, Buffer.from(await resultat.blob!.arrayBuffer()));
      return resultat.affectedRows ?? 0;
    },
  });

  return {
    moteur: 'pglite',
    ...requeteur(pglite),
    transaction: (travail) => pglite.transaction((tx) => travail(requeteur(tx))),
    async fermer() {
      try {
        await pglite.close();
      } finally {
        liberer();
      }
    },
  };
}

// ---------- PostgreSQL ----------

pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

async function ouvrirPostgres(url: string): Promise<Base> {
  // Les requêtes d'indicateurs agrègent des millions de lignes : avec la mémoire de travail par défaut
  // (4 Mo), tris et hachages débordent sur disque, et la compilation JIT coûte plus qu'elle ne rapporte.
  const pool = new pg.Pool({ connectionString: url, max: 10, options: process.env.CPO_PG_OPTIONS ?? '-c work_mem=256MB -c jit=off' });
  // Une connexion que le serveur coupe (redémarrage, base supprimée pendant la fermeture) émet « error » :
  // sans écouteur, tout le processus tomberait. La requête en cours échoue de toute façon avec cette erreur,
  // et le pool en ouvre une autre pour la suivante.
  pool.on('error', () => {});
  pool.on('connect', (connexion) => connexion.on('error', () => {}));
  // Plusieurs processus peuvent démarrer ensemble (tests) : un verrou consultatif sérialise les migrations.
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(20151217)');
    await migratePg(drizzlePg(client), { migrationsFolder: DOSSIER_MIGRATIONS });
  } finally {
    await client.query('SELECT pg_advisory_unlock(20151217)').catch(() => {});
    client.release();
  }

  const requeteur = (cible: pg.Pool | pg.PoolClient): Requeteur => ({
    parallele: !('release' in cible),
    async query(sql, params) {
      return (await cible.query(sql, params as any[])).rows;
    },
    async charger(table, colonnes, lots) {
      const connexion = 'release' in cible ? cible : await cible.connect();
      try {
        const flux = connexion.query(copyFromStream(`COPY ${table} (${colonnes.map((c) => c.nom).join(', ')}) FROM STDIN`));
        await pipeline(enTexteCopy(lots), flux);
      } finally {
        if (connexion !== cible) (connexion as pg.PoolClient).release();
      }
    },
    async copyToFile(requete, options, chemin) {
      const connexion = 'release' in cible ? cible : await cible.connect();
      try {
        const flux = connexion.query(copyToStream(`COPY (${requete}) TO STDOUT WITH (${options})`));
        await pipeline(flux, createWriteStream(chemin));
        return flux.rowCount;
      } finally {
        if (connexion !== cible) (connexion as pg.PoolClient).release();
      }
    },
  });

  return {
    moteur: 'postgresql',
    ...requeteur(pool),
    async transaction(travail) {
      const tx = await pool.connect();
      try {
        await tx.query('BEGIN');
        const resultat = await travail(requeteur(tx));
        await tx.query('COMMIT');
        return resultat;
      } catch (erreur) {
        await tx.query('ROLLBACK').catch(() => {});
        throw erreur;
      } finally {
        tx.release();
      }
    },
    fermer: () => pool.end(),
  };
}

/** Le format texte de COPY : tabulations, \N pour NULL, barre oblique inverse et fins de ligne échappées. */
async function* enTexteCopy(lots: AsyncIterable<(string | null)[][]>): AsyncGenerator<string> {
  const echapper = (v: string | null) =>
    v === null ? '\\N' : /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : v;
  for await (const lot of lots) {
    let texte = '';
    for (const ligne of lot) texte += ligne.map(echapper).join('\t') + '\n';
    yield texte;
  }
}
