// Les chiffres calculés de chaque ML, stockés par catalogue, année et date de coupure, avec la version
// des données de la ML sur laquelle ils l'ont été : ils valent tant que cette version reste la sienne.
// Un serveur qui redémarre les sert aussitôt ; une écriture pour la ML X ne fait recalculer que X.
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Requeteur } from '../ports/base.ts';
import type { ChiffresML } from './moteur.ts';

/** Les chiffres d'une ML et la version de ses données sur laquelle ils ont été calculés. */
export interface ChiffresVersionnes {
  version: number;
  chiffres: ChiffresML;
}

/** La version des données de chaque ML en base (0 : jamais écrite depuis la création des versions). */
export async function lireVersionsML(db: Requeteur): Promise<Map<string, number>> {
  const lignes = await db.query<{ code_structure: string; version: number }>(
    `SELECT m.code_structure, coalesce(v.version, 0)::int AS version
     FROM mission_locale m LEFT JOIN version_donnees_ml v USING (code_structure)`,
  );
  return new Map(lignes.map((l) => [l.code_structure, l.version]));
}

type Valeurs = Omit<ChiffresML, 'code_structure'>;

/** Les chiffres stockés pour un catalogue, une année et une coupure (AAAA-MM-JJ ; le 31 décembre : l'année). */
export async function lireChiffresStockes(db: Requeteur, catalogue: string, annee: number, au: string): Promise<Map<string, ChiffresVersionnes>> {
  const lignes = await db.query<{ code_structure: string; version: number; valeurs: Valeurs }>(
    'SELECT code_structure, version::int AS version, valeurs FROM chiffres_ml WHERE catalogue = $1 AND annee = $2 AND au = $3::date',
    [catalogue, annee, au],
  );
  return new Map(lignes.map((l) => [l.code_structure, { version: l.version, chiffres: { code_structure: l.code_structure, ...l.valeurs } }]));
}

/** Remplace les chiffres stockés de ces ML (une version plus ancienne ne remplace jamais une plus récente). */
export async function stockerChiffres(db: Requeteur, catalogue: string, annee: number, au: string, calcules: ChiffresVersionnes[]): Promise<void> {
  if (calcules.length === 0) return;
  const lignes = calcules.map(({ version, chiffres: { code_structure, indicateurs, ratios, declinaisons } }) => ({
    code: code_structure,
    version,
    valeurs: { indicateurs, ratios, declinaisons },
  }));
  await db.query(
    `INSERT INTO chiffres_ml (catalogue, annee, au, code_structure, version, valeurs, calcule_le)
     SELECT $1, $2, $3::date, e->>'code', (e->>'version')::bigint, e->'valeurs', now() FROM jsonb_array_elements($4::jsonb) e
     ON CONFLICT (catalogue, annee, au, code_structure) DO UPDATE SET version = EXCLUDED.version, valeurs = EXCLUDED.valeurs, calcule_le = EXCLUDED.calcule_le
     WHERE chiffres_ml.version <= EXCLUDED.version`,
    [catalogue, annee, au, JSON.stringify(lignes)],
  );
}

/** Garde le catalogue avec lequel des chiffres sont stockés, pour pouvoir les servir encore après un changement de catalogue. */
export async function enregistrerCatalogue(db: Requeteur, catalogue: Catalogue): Promise<void> {
  await db.query('INSERT INTO catalogue_calcule (version, contenu, enregistre_le) VALUES ($1, $2::jsonb, now()) ON CONFLICT (version) DO NOTHING', [
    catalogue.version,
    JSON.stringify(catalogue),
  ]);
}

/**
 * Le dernier autre catalogue dont les chiffres sont stockés pour cette année et cette coupure : ce qu'on
 * sert, libellé, pendant que le catalogue en vigueur recalcule tout. null s'il n'y en a pas.
 */
export async function catalogueStockePrecedent(db: Requeteur, enVigueur: string, annee: number, au: string): Promise<unknown | null> {
  const [ligne] = await db.query<{ contenu: unknown }>(
    `SELECT c.contenu FROM catalogue_calcule c
     WHERE c.version <> $1 AND EXISTS (SELECT 1 FROM chiffres_ml s WHERE s.catalogue = c.version AND s.annee = $2 AND s.au = $3::date)
     ORDER BY c.enregistre_le DESC LIMIT 1`,
    [enVigueur, annee, au],
  );
  return ligne?.contenu ?? null;
}
