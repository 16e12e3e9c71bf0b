// Le réseau de référence des Missions locales : catalogues/reseau-missions-locales.json, lu une fois.
import { join } from 'node:path';
import { lireJson } from '../lireJson.ts';
import { REGIONS } from '../../domaine/referentiel/geographie.ts';
import { ErreurReseau, validerReseau, type Reseau } from '../../domaine/referentiel/reseau.ts';

const CHEMIN = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'reseau-missions-locales.json');
let reseau: Reseau | undefined;

export function chargerReseau(): Reseau {
  if (!reseau) {
    const brut = lireJson(CHEMIN, 'réseau des Missions locales illisible', ErreurReseau);
    reseau = validerReseau(brut, REGIONS.map((r) => r.code), CHEMIN);
  }
  return reseau;
}
