// En-têtes de sécurité de toutes les réponses : politique de contenu (CSP) stricte sur les scripts,
// cadres interdits, pas de détection de type, pas de référent hors du site ; HSTS seulement derrière TLS.
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export async function securiser(app: FastifyInstance) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Les graphiques et le DSFR posent des attributs style : pas de script en ligne pour autant.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS n'a de sens que servi en https : posé plus bas, selon la requête.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, rep) => {
    if (req.protocol === 'https') rep.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
