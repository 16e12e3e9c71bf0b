// La liste de travail du conseiller (« Mes jeunes ») : réservée aux utilisateurs de la ML, chaque
// lecture et chaque export audités, jamais gardés en cache ; ses compteurs pour l'accueil de la ML.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { compterListeDeTravail } from '../application/parcours/compterListeDeTravail.ts';
import { exporterListeDeTravail } from '../application/parcours/exporterListeDeTravail.ts';
import { lireListeDeTravail } from '../application/parcours/lireListeDeTravail.ts';
import type { Base } from '../application/ports/base.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { ALERTES, COLONNES_LISTE_DE_TRAVAIL } from '../domaine/parcours/echeances.ts';
import type { TableauExport } from '../domaine/outils/tableur.ts';
import { utilisateurDe } from './acces.ts';
import { code } from './schemas.ts';
import { envoyerTableau, FORMATS_TABLEUR } from './tableaux.ts';

/** Les filtres de la liste, les mêmes pour ses exports. */
const filtre = z.object({
  // Un identifiant de l'extrait : tout texte de 64 caractères au plus (format-echange.md).
  conseiller: z.string().min(1).max(64).optional().describe('identifiant du conseiller référent des jeunes'),
  alerte: z.enum(ALERTES).optional().describe('une seule alerte'),
});

const PAS_DE_CACHE = 'no-store';

export function routesListeDeTravail(app: FastifyInstance, base: Base, horloge: Horloge) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/structures/:code/liste-de-travail',
    {
      config: { droit: 'lire_jeunes' },
      schema: {
        tags: ['jeunes'],
        summary: "La liste de travail d'une Mission locale à la date du jour : chaque jeune à suivre et ses alertes (utilisateurs de cette ML seulement ; lecture auditée)",
        params: z.object({ code }),
        querystring: filtre,
      },
    },
    async (req, rep) => {
      rep.header('cache-control', PAS_DE_CACHE);
      return lireListeDeTravail(base, horloge, utilisateurDe(req), req.params.code, req.query, req.ip);
    },
  );
  r.get(
    '/api/structures/:code/liste-de-travail/compteurs',
    {
      config: { droit: 'lire_jeunes' },
      schema: {
        tags: ['jeunes'],
        summary: "Le nombre de jeunes par alerte de la liste de travail, pour l'accueil de la Mission locale (utilisateurs de cette ML seulement)",
        params: z.object({ code }),
      },
    },
    async (req, rep) => {
      rep.header('cache-control', PAS_DE_CACHE);
      return compterListeDeTravail(base, horloge, utilisateurDe(req), req.params.code);
    },
  );
  for (const format of FORMATS_TABLEUR) {
    r.get(
      `/api/structures/:code/liste-de-travail.${format}`,
      {
        config: { droit: 'lire_jeunes' },
        schema: {
          tags: ['jeunes'],
          summary: `Exporter en ${format.toUpperCase()} la liste de travail du filtre (utilisateurs de cette ML seulement ; export audité)`,
          params: z.object({ code }),
          querystring: filtre,
        },
      },
      async (req, rep) => {
        const ml = req.params.code;
        const jeunes = await exporterListeDeTravail(base, horloge, utilisateurDe(req), ml, req.query, format, req.ip);
        const tableau: TableauExport = {
          titre: `Liste de travail ${ml}`,
          entetes: COLONNES_LISTE_DE_TRAVAIL.map((c) => c.libelle),
          lignes: jeunes.map((j) => COLONNES_LISTE_DE_TRAVAIL.map((c) => c.valeur(j))),
        };
        return envoyerTableau(rep.header('cache-control', PAS_DE_CACHE), tableau, format, `liste-de-travail-${ml}-${horloge.dateDuJour()}`);
      },
    );
  }
}
