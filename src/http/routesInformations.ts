// Les informations des pages légales, ouvertes sans connexion : celles de l'exploitant (éditeur,
// hébergeur, contacts) et ce que ce serveur applique (conservation des identités, cookie de session).
import type { FastifyInstance } from 'fastify';
import type { InformationsLegales } from '../application/informationsLegales.ts';
import { dureeConservationAnnees } from '../application/parcours/retention.ts';
import { NOM_COOKIE_SESSION } from './acces.ts';

export function routesInformations(app: FastifyInstance, informations: InformationsLegales, dureeSessionS: number) {
  app.get(
    '/api/informations-legales',
    { config: { droit: 'public' }, schema: { tags: ['service'], summary: 'Éditeur, hébergeur, contacts, durées de conservation et cookie : le contenu des pages légales' } },
    async () => ({
      ...informations,
      conservation: { identite_jeunes_annees: dureeConservationAnnees(), session: { cookie: NOM_COOKIE_SESSION, duree_heures: dureeSessionS / 3600 } },
    }),
  );
}
