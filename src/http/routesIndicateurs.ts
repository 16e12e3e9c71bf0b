// Routes des chiffres de la CPO : une ML, un département, une région, la nation, par année (ou à une
// date, `?au=AAAA-MM-JJ`, avec N-1 au même jour), avec leurs références ; les instantanés figés. Schémas zod : validation et documentation OpenAPI.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { figerInstantaneAutorise } from '../application/indicateurs/figerInstantaneAutorise.ts';
import { lireChiffresStructure } from '../application/indicateurs/lireChiffresStructure.ts';
import { lireChiffresTerritoire } from '../application/indicateurs/lireChiffresTerritoire.ts';
import { lireEvolution } from '../application/indicateurs/lireEvolution.ts';
import { evolutionMensuelle, lireEvolutionMensuelle } from '../application/indicateurs/lireEvolutionMensuelle.ts';
import { lireInstantaneVisible } from '../application/indicateurs/lireInstantaneVisible.ts';
import { listerInstantanesVisibles } from '../application/indicateurs/listerInstantanesVisibles.ts';
import { situeurSql, type Situeur, type Territoire } from '../application/indicateurs/situerChiffres.ts';
import { listerStructuresVisibles } from '../application/indicateurs/listerStructuresVisibles.ts';
import type { Niveau, ServiceChiffres } from '../application/indicateurs/serviceChiffres.ts';
import type { Base } from '../application/ports/base.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { finDuDernierMoisComplet } from '../domaine/temps/dates.ts';
import { utilisateurDe } from './acces.ts';
import { CacheParVersion } from './cacheParVersion.ts';
import { envoyerJson, reponseJson } from './reponseJson.ts';
import { annee, au, code } from './schemas.ts';

const valeurs = z.record(z.string(), z.number().nullable());
const chiffres = z.object({ indicateurs: valeurs, ratios: valeurs });
/** `structures` : ML en base ; `attendues` : ML du réseau de référence (null pour un département). */
const couverture = { structures: z.number(), attendues: z.number().nullable() };
const territoire = z.object({ code: z.string(), nom: z.string(), ...couverture, indicateurs: valeurs, ratios: valeurs });
const distribution = z
  .object({ effectif: z.number(), minimum: z.number(), premierQuartile: z.number(), mediane: z.number(), troisiemeQuartile: z.number(), maximum: z.number() })
  .nullable();
const distributions = z.record(z.string(), distribution);
const situee = { code: z.string(), nom: z.string(), code_departement: z.string(), code_region: z.string() };
const instantane = z.object({
  id: z.number(),
  annee: z.number(),
  code_region: z.string().nullable(),
  catalogue: z.string(),
  cree_le: z.string(),
  cree_par: z.string(),
  empreinte: z.string(),
});

// Les chiffres ne dépendent que de l'adresse et de la version des données. Pour la version en cours sont
// gardés le JSON de chaque réponse (passé par son schéma, et compressé s'il est gros) et où sont les ML et
// les territoires : une requête ne coûte que la lecture de l'utilisateur et celle de la version, faite une fois.
const enJson = <T>(schema: z.ZodType, calculer: () => Promise<T | null>) => async () => {
  const valeur = await calculer();
  return valeur === null ? null : { valeur, ...reponseJson(JSON.stringify(schema.parse(valeur))) };
};


export function routesIndicateurs(app: FastifyInstance, base: Base, service: ServiceChiffres, horloge: Horloge) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const enCache = new CacheParVersion(5000);

  r.get(
    '/api/catalogue',
    { config: { droit: 'lire_catalogue' }, schema: { tags: ['indicateurs'], summary: 'Le catalogue des indicateurs et des ratios en vigueur' } },
    async () => service.catalogue,
  );

  r.get(
    '/api/structures',
    {
      config: { droit: 'lire_structures' },
      schema: {
        tags: ['indicateurs'],
        summary: 'Les Missions locales de votre périmètre',
        response: { 200: z.object({ structures: z.array(z.object({ ...situee, departement: z.string(), region: z.string() })) }) },
      },
    },
    async (req) => ({ structures: await listerStructuresVisibles(base, utilisateurDe(req)) }),
  );

  /** L'année entière, ou à la date `au` avec N-1 au même jour. */
  const periode = { annee: z.number(), au: z.string().optional(), auPrecedent: z.string().optional() };
  const querystring = z.object({ au });
  const reponseStructure = chiffres.extend({
    ...periode,
    catalogue: z.string(),
    recalculEnCours: z.string().optional(),
    structure: z.object(situee),
    declinaisons: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))),
    precedent: chiffres.nullable(),
    references: z.object({
      departement: territoire,
      region: territoire,
      national: territoire,
      distributions: z.object({ region: distributions, national: distributions }),
    }),
  });
  r.get(
    '/api/annees/:annee/structures/:code',
    {
      config: { droit: 'lire_chiffres_structure' },
      schema: {
        tags: ['indicateurs'],
        summary: "Chiffres d'une Mission locale, avec l'année précédente et ses références",
        params: z.object({ annee, code }),
        querystring,
        response: { 200: reponseStructure },
      },
    },
    async (req, rep) => envoyerJson(req, rep, await lireChiffresStructure(...(await vue()), utilisateurDe(req), req.params.annee, req.params.code, req.query.au)),
  );

  const chiffresTerritoire = z.object({
    ...periode,
    catalogue: z.string(),
    recalculEnCours: z.string().optional(),
    niveau: z.enum(['departement', 'region', 'national']),
    territoire,
    precedent: chiffres.nullable(),
    structures: z.array(chiffres.extend(situee)),
    distributions,
    couvertureRegions: z.array(z.object({ code: z.string(), nom: z.string(), structures: z.number(), attendues: z.number() })).optional(),
  });
  const reponseTerritoire = { 200: chiffresTerritoire };
  for (const niveau of ['departement', 'region'] as const) {
    r.get(
      `/api/annees/:annee/${niveau}s/:code`,
      {
        config: { droit: 'lire_chiffres_territoire' },
        schema: {
          tags: ['indicateurs'],
          summary: `Chiffres d'un${niveau === 'region' ? 'e région' : ' département'} : somme de ses ML, ses ML, la distribution des ratios`,
          params: z.object({ annee, code }),
          querystring,
          response: reponseTerritoire,
        },
      },
      async (req, rep) => envoyerJson(req, rep, await lireChiffresTerritoire(...(await vue()), utilisateurDe(req), req.params.annee, { niveau, code: req.params.code }, req.query.au)),
    );
  }
  r.get(
    '/api/annees/:annee/national',
    {
      config: { droit: 'lire_chiffres_territoire' },
      schema: { tags: ['indicateurs'], summary: 'Chiffres nationaux, chaque ML et la distribution des ratios', params: z.object({ annee }), querystring, response: reponseTerritoire },
    },
    async (req, rep) => envoyerJson(req, rep, await lireChiffresTerritoire(...(await vue()), utilisateurDe(req), req.params.annee, { niveau: 'national' }, req.query.au)),
  );

  const evolution = z.object({
    annees: z.array(z.number()),
    series: z.array(z.object({ niveau: z.string(), code: z.string(), nom: z.string(), couverture: z.object(couverture).optional(), valeurs: z.array(chiffres.nullable()) })),
  });
  const evolutionParMois = z.object({
    annee: z.number(),
    mois: z.array(z.number()).describe('les mois rendus (1 à 12) : les rangs de au, auPrecedent et des valeurs'),
    au: z.array(z.string().nullable()).describe('la fin de chaque mois de N ; null pour un mois pas encore fini'),
    auPrecedent: z.array(z.string()).describe('la fin de chaque mois de N-1'),
    series: z.array(
      z.object({
        niveau: z.string(),
        code: z.string(),
        nom: z.string(),
        couverture: z.object(couverture).optional(),
        valeurs: z.array(chiffres.nullable()).describe("l'année N du 1er janvier à chaque fin de mois"),
        precedent: z.array(chiffres.nullable()).describe("l'année N-1 du 1er janvier à chaque fin de mois"),
      }),
    ),
  });
  // Le service des chiffres et le situeur, vus par les cas d'usage, dont chaque réponse est gardée pour la version lue.
  const vue = async () => {
    const { garder } = enCache.pour(await service.etat());
    const sql = situeurSql(base);
    return [
      {
        structure: (code: string) => garder(`ml/${code}`, () => sql.structure(code)),
        territoire: (niveau: Territoire['niveau'], code: string) => garder(`situer/${niveau}/${code}`, () => sql.territoire(niveau, code)),
      } satisfies Situeur,
      {
        structure: (annee: number, code: string, au?: string) =>
          garder(`structure/${annee}/${code}/${au ?? ''}`, enJson(reponseStructure, () => service.structure(annee, code, au))),
        territoire: (annee: number, niveau: 'departement' | 'region' | 'national', code?: string, au?: string) =>
          garder(`${niveau}/${annee}/${code ?? 'FR'}/${au ?? ''}`, enJson(chiffresTerritoire, () => service.territoire(annee, niveau, code, au))),
        evolution: (niveau: Niveau, code: string) => garder(`evolution/${niveau}/${code}`, enJson(evolution, () => service.evolution(niveau, code))),
        // Les mois finis de N dépendent du jour : il est dans la clé.
        evolutionMensuelle: (niveau: Niveau, code: string, annee: number, mois?: readonly number[]) => {
          const jour = horloge.dateDuJour();
          return garder(
            `evolution-mois/${niveau}/${code}/${annee}/${finDuDernierMoisComplet(jour)}/${mois?.join(',') ?? ''}`,
            enJson(evolutionParMois, () => evolutionMensuelle(service, niveau, code, annee, jour, mois)),
          );
        },
      },
    ] as const;
  };
  r.get(
    '/api/evolution/:niveau/:code',
    {
      config: { droit: 'lire_chiffres_structure' },
      schema: {
        tags: ['indicateurs'],
        summary: "Évolution de tous les chiffres d'une ML (ou d'un territoire) et de ses références, année par année",
        params: z.object({ niveau: z.enum(['structure', 'departement', 'region', 'national']), code }),
        response: { 200: evolution },
      },
    },
    async (req, rep) => envoyerJson(req, rep, await lireEvolution(...(await vue()), utilisateurDe(req), req.params.niveau, req.params.code)),
  );
  r.get(
    '/api/evolution/:niveau/:code/mois/:annee',
    {
      config: { droit: 'lire_chiffres_structure' },
      schema: {
        tags: ['indicateurs'],
        summary:
          "Évolution mois par mois de tous les chiffres d'une ML (ou d'un territoire) et de ses références : l'année N à chaque fin de mois (les mois finis) et N-1 à chaque fin de mois",
        params: z.object({ niveau: z.enum(['structure', 'departement', 'region', 'national']), code, annee }),
        querystring: z.object({ mois: z.coerce.number().int().min(1).max(12).optional().describe('seulement ce mois (1 à 12), pour suivre la progression du calcul') }),
        response: { 200: evolutionParMois },
      },
    },
    async (req, rep) => {
      const { niveau, code, annee } = req.params;
      const mois = req.query.mois === undefined ? undefined : [req.query.mois];
      return envoyerJson(req, rep, await lireEvolutionMensuelle(...(await vue()), utilisateurDe(req), niveau, code, annee, mois));
    },
  );

  r.get(
    '/api/instantanes',
    {
      config: { droit: 'lire_instantanes' },
      schema: {
        tags: ['instantanés'],
        summary: 'Les instantanés figés de votre périmètre',
        querystring: z.object({ annee: annee.optional(), region: code.optional() }),
        response: { 200: z.object({ instantanes: z.array(instantane) }) },
      },
    },
    async (req) => ({ instantanes: await listerInstantanesVisibles(base, utilisateurDe(req), req.query) }),
  );
  r.get(
    '/api/instantanes/:id',
    {
      config: { droit: 'lire_instantanes' },
      schema: {
        tags: ['instantanés'],
        summary: "Le contenu d'un instantané figé, et la vérification de son empreinte",
        params: z.object({ id: z.coerce.number().int().positive() }),
      },
    },
    async (req) => lireInstantaneVisible(base, utilisateurDe(req), req.params.id),
  );
  r.post(
    '/api/instantanes',
    {
      config: { droit: 'figer_instantane' },
      schema: {
        tags: ['instantanés'],
        summary: "Figer tous les chiffres d'une année (national, ou une région)",
        body: z.object({ annee: z.number().int().min(1990).max(2100), region: code.optional() }),
        response: { 201: instantane },
      },
    },
    async (req, rep) => rep.code(201).send(await figerInstantaneAutorise(base, service.catalogue, utilisateurDe(req), { ...req.body, origine: req.ip })),
  );
}
