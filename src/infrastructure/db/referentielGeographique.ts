import { DEPARTEMENTS, REGIONS } from '../../domaine/referentiel/geographie.ts';
import type { Requeteur } from '../../application/ports/base.ts';

/** Charge régions et départements s'ils manquent ; sans effet sur une base déjà à jour. */
export async function chargerReferentielGeographique(base: Requeteur): Promise<void> {
  const [{ n }] = await base.query<{ n: number }>('SELECT count(*)::int AS n FROM departement');
  if (n === DEPARTEMENTS.length) return;
  await base.query(
    `INSERT INTO region (code, nom) SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom`,
    [REGIONS.map((r) => r.code), REGIONS.map((r) => r.nom)],
  );
  await base.query(
    `INSERT INTO departement (code, nom, code_region) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO UPDATE SET nom = EXCLUDED.nom, code_region = EXCLUDED.code_region`,
    [DEPARTEMENTS.map((d) => d.code), DEPARTEMENTS.map((d) => d.nom), DEPARTEMENTS.map((d) => d.codeRegion)],
  );
}
