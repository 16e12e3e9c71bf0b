// Les campagnes du périmètre de l'utilisateur : toutes pour la DGEFP, celles de sa région pour les autres.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';
import { COLONNES_CAMPAGNE, type Campagne } from './campagnes.ts';

export async function listerCampagnes(db: Requeteur, utilisateur: Utilisateur): Promise<(Campagne & { nom_region: string })[]> {
  const toutes = await db.query<Campagne & { nom_region: string }>(
    `SELECT ${COLONNES_CAMPAGNE}, r.nom AS nom_region FROM campagne c JOIN region r ON r.code = c.code_region ORDER BY c.annee DESC, c.code_region`,
  );
  const { portee } = utilisateur;
  return toutes.filter(
    (c) => portee.niveau === 'national' || (portee.niveau === 'region' ? portee.code : 'code_region' in portee ? portee.code_region : '') === c.code_region,
  );
}
