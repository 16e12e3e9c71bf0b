// Cas d'usage : figer un instantané au nom d'un utilisateur, dans son périmètre (sa région, ou la
// nation pour la DGEFP). Le périmètre se vérifie avant tout calcul.
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Base } from '../ports/base.ts';
import { figerInstantane } from './figerInstantane.ts';
import type { Instantane } from './instantanes.ts';
import { couvreInstantane, HORS_PERIMETRE } from './situerChiffres.ts';

export async function figerInstantaneAutorise(
  base: Base,
  catalogue: Catalogue,
  utilisateur: Pick<Utilisateur, 'portee' | 'courriel'>,
  demande: { annee: number; region?: string; origine: string },
): Promise<Instantane> {
  const region = demande.region ?? null;
  exiger(couvreInstantane(utilisateur.portee, region), `${HORS_PERIMETRE} : ${region === null ? 'un instantané national' : `la région ${region}`}.`);
  return figerInstantane(base, catalogue, { ...demande, acteur: utilisateur.courriel });
}
