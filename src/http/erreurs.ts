// Le statut HTTP de chaque code d'erreur : la seule table qui les relie. Toute réponse d'erreur de
// l'API est `{ code, message }` ; le client décide sur le code, montre le message.
import type { FastifyReply } from 'fastify';
import type { CodeErreur } from '../domaine/erreurs.ts';

export { introuvable } from '../domaine/erreurs.ts';

export const STATUT_HTTP: Record<CodeErreur, number> = {
  saisie_invalide: 400,
  non_connecte: 401,
  droit_insuffisant: 403,
  hors_perimetre: 403,
  jeton_csrf: 403,
  introuvable: 404,
  etat_incompatible: 409,
  trop_de_tentatives: 429,
  integrite: 500,
  interne: 500,
};

/** Répond l'erreur `{ code, message }`, au statut de son code. */
export const repondreErreur = (reponse: FastifyReply, code: CodeErreur, message: string) => reponse.code(STATUT_HTTP[code]).send({ code, message });
