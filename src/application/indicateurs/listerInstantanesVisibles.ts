// Cas d'usage : les instantanés figés que le périmètre de l'utilisateur laisse lire.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';
import { listerInstantanes, type Instantane } from './instantanes.ts';
import { couvreInstantane } from './situerChiffres.ts';

export async function listerInstantanesVisibles(
  db: Requeteur,
  utilisateur: Pick<Utilisateur, 'portee'>,
  filtre: { annee?: number; region?: string } = {},
): Promise<Instantane[]> {
  return (await listerInstantanes(db, filtre)).filter((i) => couvreInstantane(utilisateur.portee, i.code_region));
}
