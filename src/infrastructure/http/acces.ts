// Autorisation de chaque route : elle déclare dans `config.droit` l'action de la table des droits
// qu'elle exige (ou `public`). Une route /api sans droit déclaré empêche le serveur de démarrer.
// La session (cookie chiffré, httpOnly, SameSite) ne porte que l'identifiant de l'utilisateur ; son
// organisation et sa portée sont relues en base à chaque requête.
import { randomBytes } from 'node:crypto';
import fastifySecureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { chargerUtilisateur } from '../../application/acces/utilisateurs.ts';
import { auditer } from '../../application/audit.ts';
import { ErreurAcces, LIBELLES_ACTION, ROLES, peut, type Action, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Base } from '../db/base.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    droit?: Action | 'public';
  }
  interface FastifyRequest {
    utilisateur: Utilisateur | null;
  }
}
declare module '@fastify/secure-session' {
  interface SessionData {
    utilisateur: number;
  }
}

/** Durée d'une session sans activité. */
const DUREE_SESSION_S = 8 * 3600;

/** Les routes de documentation servies par le greffon OpenAPI : publiques. */
const estDocumentation = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

export function utilisateurDe(req: FastifyRequest): Utilisateur {
  if (!req.utilisateur) throw new ErreurAcces('Connexion requise.');
  return req.utilisateur;
}

export async function installerAcces(app: FastifyInstance, base: Base, cle?: Buffer) {
  const cleSession = cle ?? (process.env.CPO_SESSION_CLE ? Buffer.from(process.env.CPO_SESSION_CLE, 'hex') : randomBytes(32));
  await app.register(fastifySecureSession, {
    key: cleSession,
    cookieName: 'cpo_session',
    expiry: DUREE_SESSION_S,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: process.env.CPO_COOKIE_SECURE === '1', maxAge: DUREE_SESSION_S },
  });
  app.decorateRequest('utilisateur', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !estDocumentation(route.url) && !route.config?.droit) {
      throw new Error(`la route ${route.method} ${route.url} ne déclare pas de droit (config.droit)`);
    }
  });

  app.addHook('preHandler', async (req, rep) => {
    const droit = req.routeOptions.config?.droit;
    if (!droit || droit === 'public') return;
    const id = req.session.get('utilisateur');
    const utilisateur = typeof id === 'number' ? await chargerUtilisateur(base, id) : null;
    if (!utilisateur) return rep.code(401).send({ message: "Connexion requise : vous n'êtes pas connecté(e) ou votre session a expiré." });
    req.utilisateur = utilisateur;
    if (!peut(utilisateur, droit)) throw new ErreurAcces(`Votre rôle (${ROLES[utilisateur.role].libelle}) ne permet pas de ${LIBELLES_ACTION[droit]}.`);
  });
}

/** Un refus est tracé : qui a tenté quoi, d'où. */
export function tracerRefus(base: Base, req: FastifyRequest, erreur: ErreurAcces) {
  return auditer(base, {
    acteur: req.utilisateur?.courriel ?? 'anonyme',
    action: 'acces_refuse',
    objet: `${req.method} ${req.url}`,
    origine: req.ip,
    details: { motif: erreur.message },
  });
}
