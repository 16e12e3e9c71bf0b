// Le catalogue en vigueur : le fichier désigné par CPO_CATALOGUE, ou celui de la CPO 2015-2018.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErreurCatalogue, validerCatalogue, type Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { CALCULS } from './calculs.ts';

const CATALOGUE_PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'cpo-2015-2018.json');

const charges = new Map<string, Catalogue>();

export function chargerCatalogue(chemin = process.env.CPO_CATALOGUE || CATALOGUE_PAR_DEFAUT): Catalogue {
  const deja = charges.get(chemin);
  if (deja) return deja;
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (e) {
    throw new ErreurCatalogue(`catalogue illisible : ${chemin} (${(e as Error).message})`);
  }
  const catalogue = validerCatalogue(brut, new Set(Object.keys(CALCULS)), chemin);
  charges.set(chemin, catalogue);
  return catalogue;
}
