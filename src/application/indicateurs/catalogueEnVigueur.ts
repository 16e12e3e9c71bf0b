// Le catalogue en vigueur : le fichier désigné par CPO_CATALOGUE, ou celui de la CPO 2015-2018.
import { join } from 'node:path';
import { lireJson } from '../lireJson.ts';
import { ErreurCatalogue, validerCatalogue, type Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { CALCULS } from './calculs.ts';

const CATALOGUE_PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'cpo-2015-2018.json');

const charges = new Map<string, Catalogue>();

export function chargerCatalogue(chemin = process.env.CPO_CATALOGUE || CATALOGUE_PAR_DEFAUT): Catalogue {
  const deja = charges.get(chemin);
  if (deja) return deja;
  const brut = lireJson(chemin, 'catalogue illisible', ErreurCatalogue);
  const catalogue = validerCatalogue(brut, new Set(Object.keys(CALCULS)), chemin);
  charges.set(chemin, catalogue);
  return catalogue;
}
