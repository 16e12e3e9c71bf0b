// Ce qu'il faut charger pour vérifier un périmètre avant tout calcul : où est une ML, dans quelle région
// est un département. Un territoire sans ML en base n'a pas de chiffres : il est introuvable (null).
import { couvreTerritoire, type Portee, type Situee } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';

export const HORS_PERIMETRE = 'Hors de votre périmètre';

export type Territoire = Parameters<typeof couvreTerritoire>[1];

/** La ML (code, département, région), ou null si elle n'est pas en base. */
export async function situerStructure(db: Requeteur, code: string): Promise<Situee | null> {
  const [ml] = await db.query<Situee>('SELECT code_structure AS code, code_departement, code_region FROM mission_locale WHERE code_structure = $1', [code]);
  return ml ?? null;
}

/** Le territoire tel que le périmètre le lit (un département avec sa région), ou null s'il n'a pas de ML en base. */
export async function situerTerritoire(db: Requeteur, niveau: Territoire['niveau'], code: string): Promise<Territoire | null> {
  if (niveau === 'national') return { niveau };
  const colonne = niveau === 'departement' ? 'code_departement' : 'code_region';
  const [ml] = await db.query<{ code_region: string }>(`SELECT code_region FROM mission_locale WHERE ${colonne} = $1 LIMIT 1`, [code]);
  if (!ml) return null;
  return niveau === 'departement' ? { niveau, code, code_region: ml.code_region } : { niveau, code };
}

/** Où sont les ML et les territoires : lu en base, ou gardé par version des données (les ML n'entrent que par un import, qui change la version). */
export interface Situeur {
  structure(code: string): Promise<Situee | null>;
  territoire(niveau: Territoire['niveau'], code: string): Promise<Territoire | null>;
}

export const situeurSql = (db: Requeteur): Situeur => ({
  structure: (code) => situerStructure(db, code),
  territoire: (niveau, code) => situerTerritoire(db, niveau, code),
});

/** Un instantané régional se lit dans sa région ; un instantané national, au national. */
export const couvreInstantane = (portee: Portee, codeRegion: string | null) =>
  couvreTerritoire(portee, codeRegion === null ? { niveau: 'national' } : { niveau: 'region', code: codeRegion });
