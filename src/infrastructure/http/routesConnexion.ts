// Connexion : pour l'instant la connexion de démonstration (un compte de chaque sorte), la
// déconnexion et le profil de l'utilisateur connecté, avec ce qu'il a le droit de faire.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { utilisateursDemo } from '../../application/acces/utilisateurs.ts';
import { auditer } from '../../application/audit.ts';
import type { ServiceChiffres } from '../../application/indicateurs/serviceChiffres.ts';
import { DROITS, ROLES, TYPES_ORGANISATION, accueil, peut, type Action, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Base } from '../db/base.ts';
import { utilisateurDe } from './acces.ts';

const utilisateur = z.object({
  id: z.number(),
  nom: z.string(),
  courriel: z.string(),
  role: z.string(),
  libelleRole: z.string(),
  organisation: z.object({ type: z.string(), libelleType: z.string(), code: z.string(), nom: z.string() }),
  portee: z.object({ niveau: z.string(), code: z.string().optional(), code_departement: z.string().optional(), code_region: z.string().optional() }),
});

const presenter = (u: Utilisateur) => ({
  ...u,
  libelleRole: ROLES[u.role].libelle,
  organisation: { ...u.organisation, libelleType: TYPES_ORGANISATION[u.organisation.type] },
});

export function routesConnexion(app: FastifyInstance, base: Base, service: ServiceChiffres, connexionDemo: boolean) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/connexion/demo',
    {
      config: { droit: 'public' },
      schema: {
        tags: ['connexion'],
        summary: 'Les comptes de démonstration (vide si la connexion de démonstration est désactivée)',
        response: { 200: z.object({ active: z.boolean(), utilisateurs: z.array(utilisateur) }) },
      },
    },
    async () => ({ active: connexionDemo, utilisateurs: connexionDemo ? (await utilisateursDemo(base)).map(presenter) : [] }),
  );

  r.post(
    '/api/connexion/demo',
    {
      config: { droit: 'public' },
      schema: {
        tags: ['connexion'],
        summary: 'Se connecter avec un compte de démonstration',
        body: z.object({ id: z.number().int().positive() }),
        response: { 200: utilisateur, 403: z.object({ message: z.string() }) },
      },
    },
    async (req, rep) => {
      const compte = connexionDemo ? (await utilisateursDemo(base)).find((u) => u.id === req.body.id) : undefined;
      if (!compte) {
        return rep.code(403).send({
          message: connexionDemo ? `Compte de démonstration inconnu : ${req.body.id}` : 'La connexion de démonstration est désactivée sur ce serveur.',
        });
      }
      req.session.regenerate();
      req.session.set('utilisateur', compte.id);
      await auditer(base, { acteur: compte.courriel, action: 'connexion_demo', origine: req.ip });
      return presenter(compte);
    },
  );

  r.post('/api/deconnexion', { config: { droit: 'public' }, schema: { tags: ['connexion'], summary: 'Se déconnecter' } }, async (req, rep) => {
    req.session.delete();
    return rep.code(204).send();
  });

  r.get(
    '/api/moi',
    {
      config: { droit: 'lire_profil' },
      schema: {
        tags: ['connexion'],
        summary: "L'utilisateur connecté, ses droits, sa page d'accueil et les années disponibles",
        response: { 200: z.object({ utilisateur, droits: z.array(z.string()), accueil: z.string(), annees: z.array(z.number()) }) },
      },
    },
    async (req) => {
      const u = utilisateurDe(req);
      return {
        utilisateur: presenter(u),
        droits: (Object.keys(DROITS) as Action[]).filter((a) => peut(u, a)),
        accueil: accueil(u.portee),
        annees: await service.annees(),
      };
    },
  );
}
