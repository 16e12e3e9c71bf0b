// Les sessions ouvertes, en base (table session_utilisateur) : le cookie n'en porte que l'identifiant,
// si bien qu'une session fermée ici ne sert plus, même si une copie du cookie circule encore. Un compte
// désactivé, ou dont le rôle, l'organisation ou le courriel change, voit ses sessions fermées par un
// déclencheur (migration 0010).
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { secretAuHasard } from './secrets.ts';
import type { Horloge } from '../ports/horloge.ts';

/** Ouvre une session pour `dureeS` secondes et trace la connexion ; rend l'identifiant à mettre dans le cookie. */
export async function ouvrirSession(
  base: Base,
  compte: Pick<Utilisateur, 'id' | 'courriel'>,
  dureeS: number,
  trace: { action: 'connexion_demo' | 'connexion_oidc' | 'connexion_invitation'; origine: string },
  horloge: Horloge,
): Promise<string> {
  const id = secretAuHasard();
  const maintenant = horloge.maintenant();
  await base.transaction(async (tx) => {
    // Les sessions expirées ne servent plus à rien : chaque connexion fait le ménage.
    await tx.query('DELETE FROM session_utilisateur WHERE expire_le <= $1::timestamptz', [maintenant.toISOString()]);
    await tx.query(`INSERT INTO session_utilisateur (id, utilisateur_id, ouverte_le, expire_le) VALUES ($1, $2, $3::timestamptz, $4::timestamptz)`, [
      id,
      compte.id,
      maintenant.toISOString(),
      new Date(maintenant.getTime() + dureeS * 1000).toISOString(),
    ]);
    await auditer(tx, { acteur: compte.courriel, action: trace.action, origine: trace.origine });
  });
  return id;
}

/** Ferme une session (se déconnecter) et le trace ; sans effet si elle est déjà fermée. */
export async function fermerSession(base: Base, id: string, origine: string): Promise<void> {
  await base.transaction(async (tx) => {
    const [fermee] = await tx.query<{ courriel: string }>(
      'DELETE FROM session_utilisateur s USING utilisateur u WHERE s.id = $1 AND u.id = s.utilisateur_id RETURNING u.courriel',
      [id],
    );
    if (fermee) await auditer(tx, { acteur: fermee.courriel, action: 'deconnexion', origine });
  });
}

/** Ferme toutes les sessions d'un utilisateur (se déconnecter partout) et trace combien étaient ouvertes. */
export async function fermerSessions(base: Base, utilisateur: Utilisateur, origine: string, horloge: Horloge): Promise<void> {
  await base.transaction(async (tx) => {
    const fermees = await tx.query<{ ouverte: boolean }>('DELETE FROM session_utilisateur WHERE utilisateur_id = $1 RETURNING expire_le > $2::timestamptz AS ouverte', [
      utilisateur.id,
      horloge.maintenant().toISOString(),
    ]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'deconnexion_partout', origine, details: { sessions: fermees.filter((f) => f.ouverte).length } });
  });
}
