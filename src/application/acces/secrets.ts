// Les secrets remis à un utilisateur ou à une machine (session, lien d'invitation, jeton de dépôt) :
// 256 bits au hasard ; la base ne garde, sauf pour la session, que leur empreinte.
import { randomBytes } from 'node:crypto';
import { empreinteSha256 } from '../../domaine/outils/jsonCanonique.ts';

export const secretAuHasard = () => randomBytes(32).toString('base64url');

/** L'empreinte gardée en base d'un lien d'invitation ou d'un jeton de dépôt. */
export const empreinteSecret = empreinteSha256;
