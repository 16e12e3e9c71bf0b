// Un seul serveur : l'API (Fastify, schémas zod, OpenAPI sur /api/docs) et l'application web
// (React + DSFR, construite par Vite dans dist/web) qu'il sert telle quelle.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { assurerUtilisateursDemo } from '../application/acces/utilisateurs.ts';
import { chargerCadre } from '../application/dialogue/cadreEnVigueur.ts';
import { chargerCatalogue } from '../application/indicateurs/catalogueEnVigueur.ts';
import { chargerInformationsLegales } from '../application/informationsLegales.ts';
import { chargerCatalogueQualite } from '../application/qualite/catalogueQualiteEnVigueur.ts';
import { ServiceChiffres } from '../application/indicateurs/serviceChiffres.ts';
import { ServiceDepots } from '../application/echange/depots.ts';
import { ErreurMetier } from '../domaine/erreurs.ts';
import type { Catalogue } from '../domaine/indicateurs/catalogue.ts';
import { configurationOidcDepuisEnvironnement, type ConfigurationOidc } from '../infrastructure/auth/oidc.ts';
import { ports, type Ports } from '../composition.ts';
import type { Base } from '../application/ports/base.ts';
import { DUREE_SESSION_S, installerAcces, type OptionsAcces } from './acces.ts';
import { repondreErreur } from './erreurs.ts';
import { refuserCaractereNul, securiser } from './securite.ts';
import { routesAudit } from './routesAudit.ts';
import { routesComptes } from './routesComptes.ts';
import { routesConnexion } from './routesConnexion.ts';
import { routesDepots, SECURITE_JETON } from './routesDepots.ts';
import { routesDeclarees } from './routesDeclarees.ts';
import { routesDialogue } from './routesDialogue.ts';
import { routesIndicateurs } from './routesIndicateurs.ts';
import { routesInformations } from './routesInformations.ts';
import { routesJeunes } from './routesJeunes.ts';
import { routesListeDeTravail } from './routesListeDeTravail.ts';
import { routesSaisie } from './routesSaisie.ts';
import { routesQualite } from './routesQualite.ts';
import { erreur as schemaErreur } from './schemas.ts';

z.config(z.locales.fr());

/** Les refus de Fastify (corps, type de contenu, adresse), dits en français ; les autres, d'un message générique. */
const REFUS_FASTIFY: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "Requête invalide : le corps n'est pas du JSON valide.",
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Requête invalide : le corps est vide alors que son type annonce du JSON.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "Requête invalide : la taille du corps ne correspond pas à l'en-tête Content-Length.",
  FST_ERR_BAD_URL: 'Adresse invalide : un de ses éléments est mal encodé.',
  FST_ERR_MAX_PARAM_LENGTH: 'Adresse invalide : un élément du chemin est trop long.',
};

function messageRefus(erreur: { code?: string; statusCode?: number }, limiteCorps?: number): string {
  if (erreur.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return `Corps de la requête trop volumineux${limiteCorps ? ` : ${(limiteCorps / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo au plus` : ''}.`;
  }
  return (erreur.code && REFUS_FASTIFY[erreur.code]) ?? `Requête refusée (code HTTP ${erreur.statusCode ?? 400}).`;
}

/** L'application web construite (`npm run build`). */
export const DOSSIER_WEB = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface OptionsServeur extends OptionsAcces, Partial<Ports> {
  /** Calculer dès le démarrage les chiffres de chaque année. */
  prechauffer?: boolean;
  /** Connexion de démonstration ; par défaut : CPO_CONNEXION_DEMO, sinon seulement sur la base embarquée. */
  connexionDemo?: boolean;
  /** Connexion OpenID Connect (ProConnect) ; par défaut : CPO_OIDC_ISSUER, CPO_OIDC_CLIENT_ID, CPO_OIDC_CLIENT_SECRET. */
  oidc?: ConfigurationOidc | null;
  /** Le catalogue des indicateurs et des ratios ; par défaut, celui de CPO_CATALOGUE ou de la CPO 2015-2018. */
  catalogue?: Catalogue;
}

export async function creerServeur(base: Base, options: OptionsServeur = {}): Promise<FastifyInstance> {
  const connexionDemo = options.connexionDemo ?? (process.env.CPO_CONNEXION_DEMO ? process.env.CPO_CONNEXION_DEMO === '1' : base.moteur === 'pglite');
  // Derrière un mandataire inverse (TLS), CPO_CONFIANCE_PROXY=1 fait lire l'adresse et le protocole d'origine.
  const app = Fastify({
    logger: false,
    trustProxy: process.env.CPO_CONFIANCE_PROXY === '1',
    // Adresse mal encodée, paramètre trop long : refusés avant le routage, avec un message à nous.
    // Ces refus de Fastify lui-même gardent leur statut précis (400, 413, 414, 415…), sous le code d'une saisie invalide.
    frameworkErrors: (erreur, _req, reponse: FastifyReply) => reponse.code(erreur.statusCode ?? 400).send({ code: 'saisie_invalide', message: messageRefus(erreur) }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(async (erreur, req, reponse) => {
    if (hasZodFastifySchemaValidationErrors(erreur)) {
      const details = erreur.validation.map((v) => `${v.instancePath.replace(/^\//, '') || 'requête'} : ${v.message}`);
      return repondreErreur(reponse, 'saisie_invalide', `Requête invalide — ${details.join(' ; ')}`);
    }
    if (erreur instanceof ErreurMetier) return repondreErreur(reponse, erreur.code, erreur.message);
    const statut = (erreur as { statusCode?: number }).statusCode;
    if (statut && statut >= 400 && statut < 500) {
      return reponse.code(statut).send({ code: 'saisie_invalide', message: messageRefus(erreur as { code?: string; statusCode?: number }, req.routeOptions.bodyLimit) });
    }
    reponse.log.error(erreur);
    return repondreErreur(reponse, 'interne', 'Erreur interne du serveur');
  });
  // Chaque route de l'API documente (et sert) ses erreurs sous une seule forme.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    route.schema = { ...route.schema, response: { '4xx': schemaErreur, '5xx': schemaErreur, ...(route.schema?.response as object | undefined) } };
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'API CPO Missions locales', description: "Chiffres de la CPO entre l'État et les Missions locales", version: '0.1.0' },
      components: {
        securitySchemes: {
          [SECURITE_JETON]: {
            type: 'http',
            scheme: 'bearer',
            description:
              "Jeton de dépôt d'une Mission locale, créé par sa direction (page « Jetons ») : il ne vaut que pour les dépôts de cette ML, jusqu'à son expiration ou sa révocation ; chaque usage est tracé. Sans session, donc sans jeton anti-CSRF.",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await securiser(app);
  const { horloge, pdf, fichiers, dialogues, messagerie } = ports(options);
  const sessions = await installerAcces(app, base, horloge, options);
  refuserCaractereNul(app);

  if (connexionDemo) await assurerUtilisateursDemo(base);
  const service = new ServiceChiffres(base, options.catalogue ?? chargerCatalogue());
  app.get('/api/sante', { config: { droit: 'public' } }, async () => ({ statut: 'ok', moteur: base.moteur }));
  const oidc = options.oidc === undefined ? configurationOidcDepuisEnvironnement() : options.oidc;
  routesConnexion(app, base, service, sessions, { demo: connexionDemo, oidc, connexionsParMinute: options.connexionsParMinute ?? 20 });
  routesComptes(app, base, sessions, { horloge, messagerie, urlPublique: oidc?.urlPublique ?? process.env.CPO_URL_PUBLIQUE });
  routesIndicateurs(app, base, service, horloge);
  routesJeunes(app, base, horloge);
  routesListeDeTravail(app, base, horloge);
  routesSaisie(app, base, { horloge, fichiers });
  routesAudit(app, base);
  routesQualite(app, base, chargerCatalogueQualite(), horloge, () => service.version());
  routesDialogue(app, base, dialogues(base), service, chargerCadre(), horloge, pdf, fichiers);
  routesDeclarees(app, base, service, { horloge, fichiers });
  routesInformations(app, chargerInformationsLegales(), options.dureeSessionS ?? DUREE_SESSION_S);
  const depots = new ServiceDepots(base, horloge, fichiers);
  // Un dépôt resté en cours a été coupé par l'arrêt du serveur : marqué en échec avant d'en recevoir d'autres.
  await depots.marquerInterrompus();
  app.addHook('onClose', () => depots.attendre());
  routesDepots(app, base, depots, horloge);
  if (options.prechauffer) void service.prechauffer().catch((e) => app.log.warn(e));

  // Toute adresse hors /api est une page de l'application : index.html, le routeur du navigateur fait le reste.
  const webConstruit = existsSync(resolve(DOSSIER_WEB, 'index.html'));
  if (webConstruit) {
    await app.register(fastifyStatic, {
      root: DOSSIER_WEB,
      // Les versions .br et .gz écrites à la construction, selon l'Accept-Encoding du navigateur.
      preCompressed: true,
      // Les fichiers de assets/ portent leur empreinte dans leur nom : gardés un an ; index.html jamais.
      setHeaders: (reponse, chemin) =>
        reponse.header('cache-control', chemin.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler((req, reponse) => {
    if (req.method === 'GET' && !req.url.startsWith('/api') && webConstruit) return reponse.header('cache-control', 'no-cache').sendFile('index.html');
    return repondreErreur(reponse, 'introuvable', `Adresse inconnue : ${req.method} ${req.url}`);
  });
  return app;
}
