// Les dossiers nominatifs d'une ML : réservés à ses propres utilisateurs, chaque lecture auditée.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { ficheJeune, listerJeunes } from '../../application/parcours/jeunes.ts';
import type { Base } from '../db/base.ts';
import { utilisateurDe } from './acces.ts';
import { code } from './schemas.ts';

export function routesJeunes(app: FastifyInstance, base: Base) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/structures/:code/jeunes',
    {
      config: { droit: 'lire_jeunes' },
      schema: {
        tags: ['jeunes'],
        summary: "Les jeunes d'une Mission locale, avec leur identité (utilisateurs de cette ML seulement)",
        params: z.object({ code }),
        querystring: z.object({ recherche: z.string().max(100).optional(), page: z.coerce.number().int().min(1).max(100_000).optional() }),
      },
    },
    async (req) => listerJeunes(base, utilisateurDe(req), req.params.code, req.query, req.ip),
  );
  r.get(
    '/api/structures/:code/jeunes/:id',
    {
      config: { droit: 'lire_jeunes' },
      schema: { tags: ['jeunes'], summary: "Le dossier d'un jeune : identité, dispositifs, situations, activité", params: z.object({ code, id: code }) },
    },
    async (req, rep) =>
      (await ficheJeune(base, utilisateurDe(req), req.params.code, req.params.id, req.ip)) ??
      rep.code(404).send({ message: `Jeune inconnu dans cette Mission locale : ${req.params.id}` }),
  );
}
