// En-têtes de sécurité de toutes les réponses : politique de contenu (CSP) stricte sur les scripts,
// cadres interdits, pas de détection de type, pas de référent hors du site ; HSTS seulement derrière TLS.
// Et le caractère nul, que PostgreSQL refuse dans un texte, refusé dès l'entrée de la requête.
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { ErreurMetier } from '../domaine/erreurs.ts';

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

/** Le chemin (champ.sous_champ) du premier texte, ou de la première clé, qui contient un caractère nul. */
function cheminDuNul(valeur: unknown, chemin: string): string | null {
  if (typeof valeur === 'string') return valeur.includes('\0') ? chemin : null;
  if (valeur === null || typeof valeur !== 'object') return null;
  // Pas un corps laissé en flux (l'archive d'un dépôt) : seulement les données lues.
  if (typeof (valeur as { pipe?: unknown }).pipe === 'function') return null;
  for (const [cle, v] of Object.entries(valeur)) {
    const nom = cle.replaceAll('\0', '\\0');
    const sous = chemin ? `${chemin}.${nom}` : nom;
    if (cle.includes('\0')) return sous;
    const trouve = cheminDuNul(v, sous);
    if (trouve !== null) return trouve;
  }
  return null;
}

/** Un caractère nul dans le chemin, la chaîne de requête ou le corps JSON : 400, qui dit où. */
export function refuserCaractereNul(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const [lieu, valeur] of [['chemin', req.params], ['chaîne de requête', req.query], ['corps', req.body]] as const) {
      const chemin = cheminDuNul(valeur, '');
      if (chemin !== null) throw new ErreurMetier(`Requête invalide — ${lieu}${chemin ? `, champ ${chemin}` : ''} : le caractère nul (\\0) n'est pas permis.`);
    }
  });
}
