// Régions (au 1er janvier 2016 : 13 métropolitaines et 5 d'outre-mer) et départements, d'après le
// découpage administratif publié par Etalab.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// L'entrée principale du paquet est cassée : on lit ses fichiers de données directement.
const regionsBrutes: { code: string; nom: string; zone: string }[] = require('@etalab/decoupage-administratif/data/regions.json');
const departementsBruts: { code: string; nom: string; region: string; zone: string }[] = require('@etalab/decoupage-administratif/data/departements.json');

export interface Region {
  code: string;
  nom: string;
}
export interface Departement {
  code: string;
  nom: string;
  codeRegion: string;
}

export const REGIONS: readonly Region[] = regionsBrutes
  .filter((r) => r.zone === 'metro' || r.zone === 'drom')
  .map(({ code, nom }) => ({ code, nom }));

const codesRegions = new Set(REGIONS.map((r) => r.code));

export const DEPARTEMENTS: readonly Departement[] = departementsBruts
  .filter((d) => codesRegions.has(d.region))
  .map(({ code, nom, region }) => ({ code, nom, codeRegion: region }));
