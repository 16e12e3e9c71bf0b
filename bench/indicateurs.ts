// Banc d'essai du moteur d'indicateurs sur les données nationales dans PostgreSQL : recalcul complet
// d'une année (445 ML, indicateurs, déclinaisons, agrégats, distributions), l'année à une fin de mois
// pour toutes les ML, chiffres d'une ML, pic de mémoire ; et, pour référence, le même SQL du moteur
// exécuté par DuckDB sur les mêmes fichiers CSV.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { COLONNES_ACTIVITE, COLONNES_ACTIVITE_MOIS, pivoterMois, selectActivite, selectActiviteMois } from '../src/application/indicateurs/activiteAnnuelle.ts';
import { chargerCatalogue } from '../src/application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../src/application/indicateurs/moteur.ts';
import { tableauAnnuel } from '../src/application/indicateurs/tableauDeBord.ts';
import { FICHIERS } from '../src/domaine/echange/format.ts';
import type { Base, Requeteur } from '../src/application/ports/base.ts';
import { extraitNational } from './import.ts';
import { ecrireResultat, fr, machine, mo, suivreMemoire, tableau } from './outils.ts';

const ANNEE = 2017;
/** Une fin de mois de l'année : les chiffres « au » ce jour. */
const AU = '2017-06-30';
const REPETITIONS_ML = 20;

const TYPES_DUCKDB: Record<string, string> = {
  identifiant: 'VARCHAR',
  texte: 'VARCHAR',
  code: 'VARCHAR',
  codeGeo: 'VARCHAR',
  siret: 'VARCHAR',
  communes: 'VARCHAR',
  date: 'DATE',
  booleen: 'BOOLEAN',
  entier: 'INTEGER',
  decimal: 'DECIMAL(14,2)',
};

/**
 * Le Requeteur du moteur, sur DuckDB : le même SQL, un autre exécutant. Les paramètres liés y deviennent
 * des littéraux (PostgreSQL planifie de même une requête sans nom avec ses valeurs) : DuckDB planifie
 * une requête préparée sans elles, et filtre alors moins tôt.
 */
function requeteurDuckDB(connexion: DuckDBConnection): Requeteur {
  const enJs = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : v);
  const texte = (v: unknown) => `'${String(v).replaceAll("'", "''")}'`;
  const litteral = (v: unknown) => (typeof v === 'number' ? String(v) : Array.isArray(v) ? `[${v.map(texte).join(', ')}]` : texte(v));
  return {
    async query(sql, params = []) {
      const lie = sql.replace(/\$(\d+)/g, (_, n: string) => litteral(params[Number(n) - 1]));
      const lecteur = await connexion.runAndReadAll(lie.replaceAll(' COLLATE "C"', ''));
      return lecteur.getRowObjectsJS().map((ligne) => Object.fromEntries(Object.entries(ligne).map(([k, v]) => [k, enJs(v)]))) as any[];
    },
    charger: () => Promise.reject(new Error('non utilisé')),
    copyToFile: () => Promise.reject(new Error('non utilisé')),
  };
}

async function chargerDuckDB(dossier: string): Promise<{ connexion: DuckDBConnection; dureeMs: number }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connexion = await instance.connect();
  const debut = Date.now();
  // Les fichiers facultatifs absents d'un extrait plus ancien (diagnostics, phases) ne servent pas au moteur.
  for (const f of FICHIERS.filter((f) => existsSync(join(dossier, f.nom)))) {
    const colonnes = f.colonnes.map((c) => `'${c.nom}': '${TYPES_DUCKDB[c.type.nature]}'`).join(', ');
    await connexion.run(
      `CREATE TABLE ${f.table} AS SELECT * FROM read_csv('${join(dossier, f.nom)}', delim = ';', header = true, columns = {${colonnes}})`,
    );
  }
  // L'activité annuelle par jeune, construite par le même SQL que l'import.
  await connexion.run(`CREATE TABLE activite_jeune_annee (code_structure VARCHAR, id_jeune VARCHAR, annee INTEGER, nb_ei INTEGER,
    nb_collectif INTEGER, contact BOOLEAN, jdi BOOLEAN, emploi BOOLEAN, emploi_durable BOOLEAN, alternance BOOLEAN, formation BOOLEAN,
    situation_professionnelle BOOLEAN)`);
  await connexion.run(`INSERT INTO activite_jeune_annee (${COLONNES_ACTIVITE}) ${selectActivite()}`);
  // Et l'activité mensuelle, par le même SQL que l'import.
  await connexion.run(`CREATE TABLE activite_jeune_mois AS SELECT ${COLONNES_ACTIVITE_MOIS} FROM (${pivoterMois(`(${selectActiviteMois()}) mois`)}) m`);
  await connexion.run(`CREATE TABLE region AS SELECT DISTINCT code_region AS code, code_region AS nom FROM mission_locale`);
  await connexion.run(`CREATE TABLE departement AS SELECT DISTINCT code_departement AS code, code_departement AS nom, code_region FROM mission_locale`);
  return { connexion, dureeMs: Date.now() - debut };
}

async function chronometrer<T>(travail: () => Promise<T>): Promise<{ resultat: T; dureeMs: number }> {
  const debut = performance.now();
  const resultat = await travail();
  return { resultat, dureeMs: performance.now() - debut };
}

const mediane = (valeurs: number[]) => [...valeurs].sort((a, b) => a - b)[Math.floor(valeurs.length / 2)];

export async function bancIndicateurs(base: Base) {
  const catalogue = chargerCatalogue();
  // Une base qu'on vient de charger est nettoyée et analysée avant d'être interrogée, comme en exploitation.
  await base.query('VACUUM ANALYZE');
  {
    const memoire = suivreMemoire();
    const complet = await chronometrer(() => tableauAnnuel(base, catalogue, ANNEE));
    const second = await chronometrer(() => tableauAnnuel(base, catalogue, ANNEE));
    const aDate = [await chronometrer(() => chiffresParML(base, catalogue, ANNEE, undefined, AU))];
    const annee = [await chronometrer(() => chiffresParML(base, catalogue, ANNEE))];
    aDate.push(await chronometrer(() => chiffresParML(base, catalogue, ANNEE, undefined, AU)));
    annee.push(await chronometrer(() => chiffresParML(base, catalogue, ANNEE)));
    const pic = memoire.arreter();
    const codes = complet.resultat.structures.map((s) => s.code_structure);
    const temps: number[] = [];
    for (let i = 0; i < REPETITIONS_ML; i++) {
      const code = codes[(i * 37) % codes.length];
      temps.push((await chronometrer(() => chiffresParML(base, catalogue, ANNEE, [code]))).dureeMs);
    }

    process.stderr.write('Chargement des CSV dans DuckDB (référence)…\n');
    const duck = await chargerDuckDB(await extraitNational());
    const duckdb = requeteurDuckDB(duck.connexion);
    const duckComplet = await chronometrer(() => chiffresParML(duckdb, catalogue, ANNEE));
    const duckSecond = await chronometrer(() => chiffresParML(duckdb, catalogue, ANNEE));
    // Même SQL, mêmes fichiers : les deux exécutants doivent trouver les mêmes chiffres.
    const ecarts = duckSecond.resultat.filter((d, k) => JSON.stringify(d.indicateurs) !== JSON.stringify(complet.resultat.structures[k].indicateurs));
    const duckADate = await chronometrer(() => chiffresParML(duckdb, catalogue, ANNEE, undefined, AU));
    const ecartsADate = duckADate.resultat.filter((d, k) => JSON.stringify(d.indicateurs) !== JSON.stringify(aDate[1].resultat[k].indicateurs));
    // À une fin de mois comme pour l'année entière, le meilleur de deux passages alternés (même cache).
    const tempsADate = Math.min(...aDate.map((m) => m.dureeMs));
    const tempsAnnee = Math.min(...annee.map((m) => m.dureeMs));

    const tempsPg = Math.min(complet.dureeMs, second.dureeMs);
    const tempsDuck = Math.min(duckComplet.dureeMs, duckSecond.dureeMs);
    const resultat = {
      machine: machine(),
      annee: ANNEE,
      structures: codes.length,
      recalculNationalMs: Math.round(tempsPg),
      aDate: { au: AU, toutesLesMLMs: Math.round(tempsADate), anneeEntiereMs: Math.round(tempsAnnee), rapport: Math.round((tempsADate / tempsAnnee) * 100) / 100 },
      uneMLMedianeMs: Math.round(mediane(temps)),
      uneMLMaxMs: Math.round(Math.max(...temps)),
      picMemoireMo: mo(pic),
      duckdb: { chargementCsvMs: duck.dureeMs, calculMs: Math.round(tempsDuck), mlEnEcart: ecarts.length, aDateMs: Math.round(duckADate.dureeMs), mlEnEcartADate: ecartsADate.length },
      rapportPostgresSurDuckdb: Math.round((tempsPg / tempsDuck) * 100) / 100,
    };
    console.log(`\nMoteur d'indicateurs, année ${ANNEE}, ${codes.length} ML (données nationales dans PostgreSQL)\n`);
    console.log(
      tableau(
        ['mesure', 'valeur', 'objectif'],
        [
          ['recalcul national complet (s)', fr(tempsPg / 1000, 2), '≤ 10'],
          [`toutes les ML au ${AU} (s)`, fr(tempsADate / 1000, 2), ''],
          [`toutes les ML au ${AU} / année entière (même passage)`, fr(resultat.aDate.rapport, 2), '≤ 2'],
          ['une ML, médiane (ms)', fr(resultat.uneMLMedianeMs), '≤ 100'],
          ['une ML, maximum (ms)', fr(resultat.uneMLMaxMs), ''],
          ['pic de mémoire Node (Mo)', fr(resultat.picMemoireMo), '≤ 2 048'],
          ['DuckDB, même SQL sur les CSV (s)', fr(tempsDuck / 1000, 2), ''],
          ['PostgreSQL / DuckDB', fr(resultat.rapportPostgresSurDuckdb, 2), '≤ 3'],
          ['DuckDB, chargement des CSV et activité annuelle (s)', fr(duck.dureeMs / 1000, 1), ''],
          ['ML aux chiffres différents entre les deux', String(ecarts.length), '0'],
          [`ML aux chiffres différents entre les deux, au ${AU}`, String(ecartsADate.length), '0'],
        ],
      ),
    );
    ecrireResultat('indicateurs-national', resultat);
    return resultat;
  }
}
