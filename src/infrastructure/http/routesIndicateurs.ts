// Routes des chiffres de la CPO : une ML, un département, une région, la nation, par année, avec
// leurs références ; les instantanés figés. Schémas zod : validation et documentation OpenAPI.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { figerInstantane, lireInstantane, listerInstantanes } from '../../application/indicateurs/instantanes.ts';
import type { ServiceChiffres } from '../../application/indicateurs/serviceChiffres.ts';
import type { Base } from '../db/base.ts';

const annee = z.coerce.number().int().min(1990).max(2100).describe('année civile');
const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'code invalide');
const valeurs = z.record(z.string(), z.number().nullable());
const chiffres = z.object({ indicateurs: valeurs, ratios: valeurs });
const territoire = z.object({ code: z.string(), nom: z.string(), structures: z.number(), indicateurs: valeurs, ratios: valeurs });
const distribution = z
  .object({ effectif: z.number(), minimum: z.number(), premierQuartile: z.number(), mediane: z.number(), troisiemeQuartile: z.number(), maximum: z.number() })
  .nullable();
const distributions = z.record(z.string(), distribution);
const erreur = z.object({ message: z.string() });
const instantane = z.object({
  id: z.number(),
  annee: z.number(),
  code_region: z.string().nullable(),
  catalogue: z.string(),
  cree_le: z.string(),
  cree_par: z.string(),
  empreinte: z.string(),
});

export function routesIndicateurs(app: FastifyInstance, base: Base, service: ServiceChiffres) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const introuvable = (message: string) => ({ statusCode: 404 as const, message });

  r.get('/api/catalogue', { schema: { tags: ['indicateurs'], summary: 'Le catalogue des indicateurs et des ratios en vigueur' } }, async () => service.catalogue);

  r.get(
    '/api/annees/:annee/structures/:code',
    {
      schema: {
        tags: ['indicateurs'],
        summary: "Chiffres d'une Mission locale, avec l'année précédente et ses références",
        params: z.object({ annee, code }),
        response: {
          200: chiffres.extend({
            annee: z.number(),
            catalogue: z.string(),
            structure: z.object({ code: z.string(), nom: z.string(), code_departement: z.string(), code_region: z.string() }),
            declinaisons: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))),
            precedent: chiffres.nullable(),
            references: z.object({
              departement: territoire,
              region: territoire,
              national: territoire,
              distributions: z.object({ region: distributions, national: distributions }),
            }),
          }),
          404: erreur,
        },
      },
    },
    async (req, rep) => {
      const resultat = await service.structure(req.params.annee, req.params.code);
      return resultat ?? rep.code(404).send(introuvable(`Mission locale inconnue : ${req.params.code}`));
    },
  );

  const reponseTerritoire = {
    200: z.object({
      annee: z.number(),
      catalogue: z.string(),
      niveau: z.enum(['departement', 'region', 'national']),
      territoire,
      precedent: chiffres.nullable(),
      structures: z.array(chiffres.extend({ code: z.string(), nom: z.string(), code_departement: z.string(), code_region: z.string() })),
      distributions,
    }),
    404: erreur,
  };
  for (const niveau of ['departement', 'region'] as const) {
    r.get(
      `/api/annees/:annee/${niveau}s/:code`,
      {
        schema: {
          tags: ['indicateurs'],
          summary: `Chiffres d'un${niveau === 'region' ? 'e région' : ' département'} : somme de ses ML, ses ML, la distribution des ratios`,
          params: z.object({ annee, code }),
          response: reponseTerritoire,
        },
      },
      async (req, rep) => {
        const resultat = await service.territoire(req.params.annee, niveau, req.params.code);
        return resultat ?? rep.code(404).send(introuvable(`${niveau === 'region' ? 'région' : 'département'} sans Mission locale en base : ${req.params.code}`));
      },
    );
  }
  r.get(
    '/api/annees/:annee/national',
    { schema: { tags: ['indicateurs'], summary: 'Chiffres nationaux, chaque ML et la distribution des ratios', params: z.object({ annee }), response: reponseTerritoire } },
    async (req, rep) => (await service.territoire(req.params.annee, 'national')) ?? rep.code(404).send(introuvable('aucune Mission locale en base')),
  );

  r.get(
    '/api/instantanes',
    {
      schema: {
        tags: ['instantanés'],
        summary: 'Les instantanés figés',
        querystring: z.object({ annee: annee.optional(), region: code.optional() }),
        response: { 200: z.object({ instantanes: z.array(instantane) }) },
      },
    },
    async (req) => ({ instantanes: await listerInstantanes(base, req.query) }),
  );
  r.get(
    '/api/instantanes/:id',
    {
      schema: {
        tags: ['instantanés'],
        summary: "Le contenu d'un instantané figé, et la vérification de son empreinte",
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (req, rep) => (await lireInstantane(base, req.params.id)) ?? rep.code(404).send(introuvable(`instantané inconnu : ${req.params.id}`)),
  );
  r.post(
    '/api/instantanes',
    {
      schema: {
        tags: ['instantanés'],
        summary: "Figer tous les chiffres d'une année (national, ou une région)",
        body: z.object({ annee: z.number().int().min(1990).max(2100), region: code.optional() }),
        response: { 201: instantane },
      },
    },
    async (req, rep) => rep.code(201).send(await figerInstantane(base, service.catalogue, { ...req.body, acteur: 'api' })),
  );
}
