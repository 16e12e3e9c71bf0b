// Les règles de qualité des données en vigueur : le fichier désigné par CPO_CATALOGUE_QUALITE, ou
// catalogues/qualite-donnees.json.
import { join } from 'node:path';
import { lireJson } from '../lireJson.ts';
import { ErreurCatalogueQualite, validerCatalogueQualite, type CatalogueQualite } from '../../domaine/qualite/catalogue.ts';

const PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'qualite-donnees.json');
const charges = new Map<string, CatalogueQualite>();

export function chargerCatalogueQualite(chemin = process.env.CPO_CATALOGUE_QUALITE || PAR_DEFAUT): CatalogueQualite {
  let catalogue = charges.get(chemin);
  if (!catalogue) {
    const brut = lireJson(chemin, 'catalogue de qualité des données illisible', ErreurCatalogueQualite);
    catalogue = validerCatalogueQualite(brut, chemin);
    charges.set(chemin, catalogue);
  }
  return catalogue;
}
