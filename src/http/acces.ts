// Autorisation de chaque route : elle déclare dans `config.droit` l'action de la table des droits
// qu'elle exige (ou `public`). Une route /api sans droit déclaré empêche le serveur de démarrer.
// La session (cookie chiffré, httpOnly, SameSite) ne porte que l'identifiant d'une session ouverte en
// base ; l'utilisateur, son organisation et sa portée sont relus avec elle. Chaque refus est tracé.
import { randomBytes } from 'node:crypto';
import Tokens from '@fastify/csrf';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySecureSession from '@fastify/secure-session';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { utilisateurDuJeton } from '../application/acces/jetons.ts';
import { utilisateurDeLaSession } from '../application/acces/utilisateurs.ts';
import { auditer } from '../application/audit.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { ACTIONS_NOMINATIVES, ErreurAcces, LIBELLES_ACTION, ROLES, peut, type Action, type Utilisateur } from '../domaine/acces/droits.ts';
import { ErreurMetier } from '../domaine/erreurs.ts';
import type { Base } from '../application/ports/base.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    droit?: Action | 'public';
    /** La route accepte un jeton de dépôt (Authorization: Bearer) au lieu d'une session : les seuls dépôts. */
    jeton?: boolean;
  }
  interface FastifyRequest {
    utilisateur: Utilisateur | null;
  }
}
declare module '@fastify/secure-session' {
  interface SessionData {
    /** L'identifiant de la session ouverte en base (table session_utilisateur). */
    session: string;
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
 * Une session relue en base au plus toutes les deux secondes : sous charge, cela évite une requête par
 * appel aux tableaux de bord. Les routes nominatives et les écritures la revérifient à chaque requête ;
 * une session fermée par ce processus est oubliée aussitôt.
 */
const FRAICHEUR_SESSION_MS = 2000;

/** Les sessions lues récemment, par identifiant, avec leur utilisateur (null : fermée ou inconnue). */
export class SessionsRecentes {
  private readonly lues = new Map<string, { utilisateur: Utilisateur | null; lu: number }>();
  constructor(
    private readonly base: Base,
    /** Durée de vie d'une session ouverte, en secondes. */
    readonly dureeS: number,
    /** L'heure des expirations en base et de la fraîcheur des sessions relues. */
    readonly horloge: Horloge,
  ) {}

  async utilisateur(id: string, reverifier: boolean): Promise<Utilisateur | null> {
    const lue = this.lues.get(id);
    if (!reverifier && lue && this.horloge.ms() - lue.lu < FRAICHEUR_SESSION_MS) return lue.utilisateur;
    const utilisateur = await utilisateurDeLaSession(this.base, id, this.horloge);
    if (this.lues.size > 10_000) this.lues.clear();
    this.lues.set(id, { utilisateur, lu: this.horloge.ms() });
    return utilisateur;
  }

  oublier(id: string) {
    this.lues.delete(id);
  }

  oublierUtilisateur(idUtilisateur: number) {
    for (const [id, lue] of this.lues) if (lue.utilisateur?.id === idUtilisateur) this.lues.delete(id);
  }
}

/** Les routes de documentation servies par le greffon OpenAPI : publiques. */
const estDocumentation = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

export function utilisateurDe(req: FastifyRequest): Utilisateur {
  if (!req.utilisateur) throw new ErreurAcces('Connexion requise.', 'non_connecte');
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

/** La route exige-t-elle une action nominative (liste et fiche des jeunes, journal d'audit) ? */
function estNominative(req: FastifyRequest): boolean {
  const droit = req.routeOptions.config?.droit;
  return droit !== undefined && droit !== 'public' && ACTIONS_NOMINATIVES.includes(droit);
}

/** Rend les sessions lues récemment, à oublier quand une route en ferme. */
export async function installerAcces(app: FastifyInstance, base: Base, horloge: Horloge, options: OptionsAcces = {}): Promise<SessionsRecentes> {
  const cleSession = options.cleSession ?? (process.env.CPO_SESSION_CLE ? Buffer.from(process.env.CPO_SESSION_CLE, 'hex') : randomBytes(32));
  const duree = options.dureeSessionS ?? DUREE_SESSION_S;
  await app.register(fastifySecureSession, {
    key: cleSession,
    cookieName: NOM_COOKIE_SESSION,
    // L'expiration est vérifiée côté serveur, dans le cookie chiffré et en base : un cookie gardé plus longtemps ne sert à rien.
    expiry: duree,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: process.env.CPO_COOKIE_SECURE === '1', maxAge: duree },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, contexte) =>
      new ErreurMetier(`Trop de tentatives de connexion depuis votre adresse : réessayez dans ${Math.ceil(contexte.ttl / 1000)} secondes.`, 'trop_de_tentatives'),
  });
  app.decorateRequest('utilisateur', null);
  const sessions = new SessionsRecentes(base, duree, horloge);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api') && !estDocumentation(route.url) && !route.config?.droit) {
      throw new Error(`la route ${route.method} ${route.url} ne déclare pas de droit (config.droit)`);
    }
  });

  // Une réponse nominative ne se garde dans aucun cache, pas même celui du navigateur ; refus compris.
  app.addHook('onRequest', async (req, rep) => {
    if (estNominative(req)) rep.header('cache-control', 'no-store');
  });

  // Session, jeton anti-CSRF et rôle sont vérifiés avant le contenu de la requête.
  app.addHook('preValidation', async (req) => {
    const droit = req.routeOptions.config?.droit;
    if (!droit) return;
    const ecriture = !METHODES_SURES.has(req.method);
    // Un système de ML qui dépose avec son jeton : pas de session, donc pas de jeton anti-CSRF (le navigateur
    // n'envoie jamais cet en-tête de lui-même), et les seules routes des dépôts.
    const porteur = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (porteur && droit !== 'public') {
      if (!req.routeOptions.config?.jeton) throw new ErreurAcces("Un jeton de dépôt ne sert qu'aux routes des dépôts : connectez-vous pour le reste.", 'non_connecte');
      const codeStructure = (req.params as { code?: string } | undefined)?.code;
      const lu = await utilisateurDuJeton(base, porteur[1], { route: `${req.method} ${req.url}`, origine: req.ip, codeStructure }, horloge);
      req.utilisateur = lu.utilisateur ?? null;
      if (lu.refus) throw lu.refus;
    } else if (droit !== 'public') {
      const id = req.session.get('session');
      const utilisateur = typeof id === 'string' ? await sessions.utilisateur(id, ecriture || estNominative(req)) : null;
      if (!utilisateur) throw new ErreurAcces("Connexion requise : vous n'êtes pas connecté(e) ou votre session a expiré.", 'non_connecte');
      req.utilisateur = utilisateur;
    }
    // Jeton anti-CSRF (secret dans la session) exigé sur toute requête qui change l'état, connexion comprise.
    if (ecriture && !porteur) {
      const secret = req.session.get('csrf');
      const jeton = req.headers['x-csrf-token'];
      if (!secret || typeof jeton !== 'string' || !jetons.verify(secret, jeton)) {
        throw new ErreurAcces('Jeton anti-CSRF absent ou périmé : rechargez la page, puis recommencez.', 'jeton_csrf');
      }
    }
    if (droit !== 'public' && !peut(req.utilisateur!, droit)) {
      throw new ErreurAcces(`Votre rôle (${ROLES[req.utilisateur!.role].libelle}) ne permet pas de ${LIBELLES_ACTION[droit]}.`);
    }
  });

  // Chaque refus de l'API est tracé : tout 403, tout refus d'une requête qui change l'état, tout 401 sur une route nominative.
  app.addHook('onSend', async (req, rep, corps) => {
    const statut = rep.statusCode;
    const refus = statut >= 400 && statut < 500 && req.url.startsWith('/api');
    if (refus && (statut === 403 || !METHODES_SURES.has(req.method) || (statut === 401 && estNominative(req)))) await tracerRefus(base, req, statut, corps);
    return corps;
  });
  return sessions;
}

/** Qui a tenté quoi, d'où, et ce qu'on lui a répondu (code HTTP, route, motif). */
function tracerRefus(base: Base, req: FastifyRequest, statut: number, corps: unknown) {
  return auditer(base, {
    acteur: req.utilisateur?.courriel ?? 'anonyme',
    action: req.url.startsWith('/api/connexion') ? 'connexion_refusee' : statut === 401 || statut === 403 ? 'acces_refuse' : 'requete_refusee',
    objet: `${req.method} ${req.url}`,
    origine: req.ip,
    details: { statut, route: `${req.method} ${req.routeOptions.url ?? '(adresse inconnue)'}`, motif: messageDe(corps) },
  });
}

/** Le message d'une réponse d'erreur de l'API (`{ code, message }` en JSON). */
function messageDe(corps: unknown): string | undefined {
  if (typeof corps !== 'string') return undefined;
  try {
    return JSON.parse(corps).message;
  } catch {
    return undefined;
  }
}
