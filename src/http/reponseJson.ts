// Une réponse JSON gardée (les chiffres, par version des données) : son texte, et, s'il est gros, sa
// version gzip, faite une fois pour tous ceux qui la demandent (le tableau national pèse ~750 Ko).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';

/** Au-delà de cette taille (en caractères), la réponse est gardée aussi compressée. */
export const TAILLE_A_COMPRESSER = 32 * 1024;

export interface ReponseJson {
  json: string;
  gzip?: Buffer;
}

export function reponseJson(json: string): ReponseJson {
  return { json, ...(json.length > TAILLE_A_COMPRESSER && { gzip: gzipSync(json, { level: 6 }) }) };
}

/** Envoie la version compressée au client qui accepte gzip, le texte aux autres. */
export function envoyerJson(req: FastifyRequest, rep: FastifyReply, { json, gzip }: ReponseJson) {
  rep.type('application/json; charset=utf-8');
  if (!gzip) return rep.send(json);
  rep.header('vary', 'accept-encoding');
  return /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? rep.header('content-encoding', 'gzip').send(gzip) : rep.send(json);
}
