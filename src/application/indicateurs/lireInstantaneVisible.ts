// Cas d'usage : relire un instantané figé. Sa région est chargée et le périmètre vérifié avant d'en
// lire le contenu et d'en recalculer l'empreinte.
import { exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import type { Requeteur } from '../ports/base.ts';
import { lireInstantane, type InstantaneLu } from './instantanes.ts';
import { couvreInstantane, HORS_PERIMETRE } from './situerChiffres.ts';

export async function lireInstantaneVisible(db: Requeteur, utilisateur: Pick<Utilisateur, 'portee'>, id: number): Promise<InstantaneLu> {
  const inconnu = `instantané inconnu : ${id}`;
  const [situe] = await db.query<{ code_region: string | null }>('SELECT code_region FROM instantane WHERE id = $1', [id]);
  if (!situe) introuvable(inconnu);
  exiger(couvreInstantane(utilisateur.portee, situe.code_region), `${HORS_PERIMETRE} : l'instantané ${id}.`);
  return (await lireInstantane(db, id)) ?? introuvable(inconnu);
}
