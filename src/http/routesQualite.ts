// La qualité des données d'une ML ou d'un territoire, par année : score, niveau de confiance et
// constats ; pour les utilisateurs de la ML, les jeunes à corriger (réponse jamais gardée en cache).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { Base } from '../application/ports/base.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { calculerQualiteTerritoire, lireQualiteStructure, lireQualiteTerritoire, type CalculQualiteTerritoire } from '../application/qualite/lireQualite.ts';
import type { CatalogueQualite } from '../domaine/qualite/catalogue.ts';
import { utilisateurDe } from './acces.ts';
import { CacheParVersion } from './cacheParVersion.ts';
import { annee, code } from './schemas.ts';

const niveau = z.enum(['eleve', 'moyen', 'faible']).nullable().describe('niveau de confiance : élevé, moyen, faible ; null sans rien à examiner');
const qualite = {
  annee: z.number(),
  catalogue: z.string().describe('version du catalogue des règles de qualité'),
  score: z.number().nullable().describe('0 à 100'),
  niveau,
  constats: z.array(
    z.object({
      regle: z.string(),
      libelle: z.string(),
      explication: z.string(),
      nombre: z.number().describe('cas en défaut'),
      base: z.number().describe('cas examinés'),
      part: z.number().nullable(),
      seuil: z.number().describe('part tolérée'),
      gravite: z.string(),
      libelle_gravite: z.string(),
      respectee: z.boolean(),
    }),
  ),
};

/**
 * Les nombres d'un territoire (toutes ses ML : lourd au national) sont gardés pour la version des
 * données et le jour en cours, dont dépendent les situations restées ouvertes. Le périmètre, lui, se
 * vérifie à chaque requête, avant de les demander ici.
 */
function qualiteTerritoireEnCache(base: Base, catalogue: CatalogueQualite, horloge: Horloge, versionDesDonnees: () => Promise<number>): CalculQualiteTerritoire {
  const cache = new CacheParVersion(1000);
  return async (niveau, code, annee) => {
    const jour = horloge.dateDuJour();
    const { garder } = cache.pour(`${await versionDesDonnees()}/${jour}`);
    return garder(`${niveau}/${code}/${annee}`, () => calculerQualiteTerritoire(base, catalogue, niveau, code, annee, jour));
  };
}

export function routesQualite(app: FastifyInstance, base: Base, catalogue: CatalogueQualite, horloge: Horloge, versionDesDonnees: () => Promise<number>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const territoire = qualiteTerritoireEnCache(base, catalogue, horloge, versionDesDonnees);
  r.get(
    '/api/structures/:code/qualite',
    {
      config: { droit: 'lire_qualite' },
      schema: {
        tags: ['qualité des données'],
        summary: "Qualité des données d'une Mission locale pour une année : score, niveau de confiance, constats par règle ; les jeunes à corriger pour les utilisateurs de la ML seulement (lecture auditée)",
        params: z.object({ code }),
        querystring: z.object({ annee }),
        response: {
          200: z.object({
            ...qualite,
            structure: z.object({ code: z.string(), nom: z.string() }),
            jeunes: z.record(z.string(), z.array(z.string())).optional().describe('par règle, les identifiants des jeunes en défaut'),
            maxJeunesParRegle: z.number().optional(),
          }),
        },
      },
    },
    async (req) => lireQualiteStructure(base, catalogue, horloge, utilisateurDe(req), req.params.code, req.query.annee, req.ip),
  );
  r.get(
    '/api/qualite/:niveau/:code',
    {
      config: { droit: 'lire_qualite' },
      schema: {
        tags: ['qualité des données'],
        summary: "Qualité des données d'un territoire (FR pour la nation) et de chacune de ses Missions locales, pour une année : des nombres seulement",
        params: z.object({ niveau: z.enum(['departement', 'region', 'national']), code }),
        querystring: z.object({ annee }),
        response: {
          200: z.object({
            ...qualite,
            structures: z.array(z.object({ code: z.string(), nom: z.string(), score: z.number().nullable(), niveau })),
          }),
        },
      },
    },
    async (req) => lireQualiteTerritoire(base, territoire, utilisateurDe(req), req.params.niveau, req.params.code, req.query.annee),
  );
}
