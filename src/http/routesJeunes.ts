// Les dossiers nominatifs d'une ML : réservés à ses propres utilisateurs, chaque lecture auditée, et
// jamais gardés en cache (navigateur, mandataire).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { exporterJeunes, ficheJeune, listerJeunes } from '../application/parcours/jeunes.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { COLONNES_JEUNES, TRIS_JEUNES } from '../domaine/parcours/dossier.ts';
import type { TableauExport } from '../domaine/outils/tableur.ts';
import type { Base } from '../application/ports/base.ts';
import { utilisateurDe } from './acces.ts';
import { introuvable } from './erreurs.ts';
import { code } from './schemas.ts';
import { envoyerTableau, FORMATS_TABLEUR } from './tableaux.ts';

/** Les filtres de la liste, les mêmes pour ses exports. */
const filtre = z.object({
  recherche: z.string().max(100).optional().describe('nom, prénom ou identifiant, en partie'),
  tri: z.enum(TRIS_JEUNES).optional().describe('colonne de tri (nom par défaut), sur toute la liste'),
  ordre: z.enum(['asc', 'desc']).optional(),
});

const PAS_DE_CACHE = 'no-store';

export function routesJeunes(app: FastifyInstance, base: Base, horloge: Horloge) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/structures/:code/jeunes',
    {
      config: { droit: 'lire_jeunes' },
      schema: {
        tags: ['jeunes'],
        summary: "Les jeunes d'une Mission locale, avec leur identité, 50 par page (utilisateurs de cette ML seulement)",
        params: z.object({ code }),
        querystring: filtre.extend({ page: z.coerce.number().int().min(1).max(100_000).optional() }),
      },
    },
    async (req, rep) => {
      rep.header('cache-control', PAS_DE_CACHE);
      return listerJeunes(base, utilisateurDe(req), req.params.code, req.query, req.ip);
    },
  );
  for (const format of FORMATS_TABLEUR) {
    r.get(
      `/api/structures/:code/jeunes.${format}`,
      {
        config: { droit: 'lire_jeunes' },
        schema: {
          tags: ['jeunes'],
          summary: `Exporter en ${format.toUpperCase()} tous les jeunes du filtre de la liste, dans son ordre (utilisateurs de cette ML seulement ; export audité)`,
          params: z.object({ code }),
          querystring: filtre,
        },
      },
      async (req, rep) => {
        const ml = req.params.code;
        const jeunes = await exporterJeunes(base, utilisateurDe(req), ml, req.query, format, req.ip);
        const tableau: TableauExport = {
          titre: `Jeunes suivis ${ml}`,
          entetes: COLONNES_JEUNES.map((c) => c.libelle),
          lignes: jeunes.map((j) => COLONNES_JEUNES.map((c) => c.valeur(j))),
        };
        return envoyerTableau(rep.header('cache-control', PAS_DE_CACHE), tableau, format, `jeunes-${ml}-${horloge.dateDuJour()}`);
      },
    );
  }
  r.get(
    '/api/structures/:code/jeunes/:id',
    {
      config: { droit: 'lire_jeunes' },
      schema: {
        tags: ['jeunes'],
        summary: "Le dossier d'un jeune : identité et parcours entier (événements, dispositifs, situations, aides)",
        params: z.object({ code, id: code }),
      },
    },
    async (req, rep) => {
      rep.header('cache-control', PAS_DE_CACHE);
      return (
        (await ficheJeune(base, utilisateurDe(req), req.params.code, req.params.id, req.ip)) ??
        introuvable(`Jeune inconnu dans cette Mission locale : ${req.params.id}`)
      );
    },
  );
}
