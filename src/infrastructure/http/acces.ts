// Autorisation de chaque route : elle déclare dans `config.droit` l'action de la table des droits
// qu'elle exige (ou `public`). Une route /api sans droit déclaré empêche le serveur de démarrer.
// La session (cookie chiffré, httpOnly, SameSite) ne porte que l'identifiant de l'utilisateur ; son
// organisation et sa portée sont relues en base (au plus toutes les deux secondes).
import { randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import fastifyRateLimit from '@fastify/rate-limit';
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
    /** Connexion OpenID Connect en cours : vérificateur PKCE, état, nonce. */
    oidc: { verifier: string; state: string; nonce: string };
    /** Jeton d'identité du fournisseur, pour la déconnexion chez lui. */
    idToken: string;
    /** Secret anti-CSRF de la session. */
    csrf: string;
  }
}

export interface OptionsAcces {
  /** Clé (32 octets) qui chiffre les cookies de session ; à défaut CPO_SESSION_CLE, sinon tirée au hasard. */
  cleSession?: Buffer;
  /** Durée de vie d'une session ; 8 heures par défaut. */
  dureeSessionS?: number;
  /** Tentatives de connexion par adresse IP et par minute ; 20 par défaut. */
  connexionsParMinute?: number;
}

const METHODES_SURES = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Le seul cookie du service, et sa durée de vie par défaut (les pages légales les citent). */
export const NOM_COOKIE_SESSION = 'cpo_session';
export const DUREE_SESSION_S = 8 * 3600;

/**
 * Un utilisateur relu en base au plus toutes les deux secondes : sous charge, cela évite une requête
 * par appel ; un rôle retiré ou une organisation changée s'applique donc dans les deux secondes.
 */
const FRAICHEUR_UTILISATEUR_MS = 2000;

/** Les routes de documentation servies par le greffon OpenAPI : publiques. */
const estDocumentation = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

export function utilisateurDe(req: FastifyRequest): Utilisateur {
  if (!req.utilisateur) throw new ErreurAcces('Connexion requise.');
  return req.utilisateur;
}

const jetons = Tokens();

/** Le jeton anti-CSRF de la session (créé avec son secret s'il n'existe pas encore). */
export function jetonCsrf(req: FastifyRequest): string {
  let secret = req.session.get('csrf');
  if (!secret) req.session.set('csrf', (secret = jetons.secretSync()));
  return jetons.create(secret);
}

/** Les tentatives de connexion sont limitées par adresse IP (à poser dans `config` des routes de connexion). */
export const limiteConnexions = (parMinute: number) => ({ max: parMinute, timeWindow: '1 minute' });

export async function installerAcces(app: FastifyInstance, base: Base, options: OptionsAcces = {}) {
  const cleSession = options.cleSession ?? (process.env.CPO_SESSION_CLE ? Buffer.from(process.env.CPO_SESSION_CLE, 'hex') : randomBytes(32));
  const duree = options.dureeSessionS ?? DUREE_SESSION_S;
  await app.register(fastifySecureSession, {
    key: cleSession,
    cookieName: NOM_COOKIE_SESSION,
    // L'expiration est vérifiée côté serveur, dans le cookie chiffré : un cookie gardé plus longtemps ne sert à rien.
    expiry: duree,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: process.env.CPO_COOKIE_SECURE === '1', maxAge: duree },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, contexte) =>
      Object.assign(new Error(`Trop de tentatives de connexion depuis votre adresse : réessayez dans ${Math.ceil(contexte.ttl / 1000)} secondes.`), { statusCode: 429 }),
  });
  app.decorateRequest('utilisateur', null);
  const recents = new Map<number, { utilisateur: Utilisateur | null; lu: number }>();
  const utilisateurDuCompte = async (id: number) => {
    const recent = recents.get(id);
    if (recent && Date.now() - recent.lu < FRAICHEUR_UTILISATEUR_MS) return recent.utilisateur;
    const utilisateur = await chargerUtilisateur(base, id);
    if (recents.size > 10_000) recents.clear();
    recents.set(id, { utilisateur, lu: Date.now() });
    return utilisateur;
  };

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !estDocumentation(route.url) && !route.config?.droit) {
      throw new Error(`la route ${route.method} ${route.url} ne déclare pas de droit (config.droit)`);
    }
  });

  app.addHook('preHandler', async (req, rep) => {
    const droit = req.routeOptions.config?.droit;
    if (!droit) return;
    if (droit !== 'public') {
      const id = req.session.get('utilisateur');
      const utilisateur = typeof id === 'number' ? await utilisateurDuCompte(id) : null;
      if (!utilisateur) return rep.code(401).send({ message: "Connexion requise : vous n'êtes pas connecté(e) ou votre session a expiré." });
      req.utilisateur = utilisateur;
    }
    // Jeton anti-CSRF (secret dans la session) exigé sur toute requête qui change l'état, connexion comprise.
    if (!METHODES_SURES.has(req.method)) {
      const secret = req.session.get('csrf');
      const jeton = req.headers['x-csrf-token'];
      if (!secret || typeof jeton !== 'string' || !jetons.verify(secret, jeton)) {
        throw new ErreurAcces('Jeton anti-CSRF absent ou périmé : rechargez la page, puis recommencez.');
      }
    }
    if (droit !== 'public' && !peut(req.utilisateur!, droit)) {
      throw new ErreurAcces(`Votre rôle (${ROLES[req.utilisateur!.role].libelle}) ne permet pas de ${LIBELLES_ACTION[droit]}.`);
    }
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
