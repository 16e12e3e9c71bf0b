// Le réseau de référence des Missions locales : catalogues/reseau-missions-locales.json, lu une fois.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGIONS } from '../../domaine/referentiel/geographie.ts';
import { ErreurReseau, validerReseau, type Reseau } from '../../domaine/referentiel/reseau.ts';

const CHEMIN = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'reseau-missions-locales.json');
let reseau: Reseau | undefined;

export function chargerReseau(): Reseau {
  if (!reseau) {
    let brut: unknown;
    try {
      brut = JSON.parse(readFileSync(CHEMIN, 'utf8'));
    } catch (e) {
      throw new ErreurReseau(`réseau des Missions locales illisible : ${CHEMIN} (${(e as Error).message})`);
    }
    reseau = validerReseau(brut, REGIONS.map((r) => r.code), CHEMIN);
  }
  return reseau;
}
