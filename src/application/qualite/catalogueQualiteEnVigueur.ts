// Les règles de qualité des données en vigueur : le fichier désigné par CPO_CATALOGUE_QUALITE, ou
// catalogues/qualite-donnees.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErreurCatalogueQualite, validerCatalogueQualite, type CatalogueQualite } from '../../domaine/qualite/catalogue.ts';

const PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'qualite-donnees.json');
const charges = new Map<string, CatalogueQualite>();

export function chargerCatalogueQualite(chemin = process.env.CPO_CATALOGUE_QUALITE || PAR_DEFAUT): CatalogueQualite {
  let catalogue = charges.get(chemin);
  if (!catalogue) {
    let brut: unknown;
    try {
      brut = JSON.parse(readFileSync(chemin, 'utf8'));
    } catch (e) {
      throw new ErreurCatalogueQualite(`catalogue de qualité des données illisible : ${chemin} (${(e as Error).message})`);
    }
    catalogue = validerCatalogueQualite(brut, chemin);
    charges.set(chemin, catalogue);
  }
  return catalogue;
}
