// Le journal d'audit : recherche paginée, et export CSV complet de la recherche.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { chercherAudit } from '../application/chercherAudit.ts';
import { estDateValide } from '../domaine/temps/dates.ts';
import { lignesEnCsv } from '../domaine/outils/tableur.ts';
import type { Base } from '../application/ports/base.ts';
import { utilisateurDe } from './acces.ts';
import { code } from './schemas.ts';

const jour = z.string().refine(estDateValide, 'date AAAA-MM-JJ attendue');
const filtre = z.object({
  acteur: z.string().max(200).optional(),
  action: z.string().regex(/^[a-z_]{1,64}$/, 'action invalide').optional(),
  structure: code.optional(),
  depuis: jour.optional(),
  jusqua: jour.optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
});

export function routesAudit(app: FastifyInstance, base: Base) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/audit',
    { config: { droit: 'lire_audit' }, schema: { tags: ['audit'], summary: "Chercher dans le journal d'audit (DGEFP : tout ; ML : ses données)", querystring: filtre } },
    async (req) => {
      const { page, ...f } = req.query;
      const { total, lignes } = await chercherAudit(base, utilisateurDe(req), f, { page, origine: req.ip });
      return { total, lignes, page: page ?? 1 };
    },
  );
  r.get(
    '/api/audit.csv',
    { config: { droit: 'lire_audit' }, schema: { tags: ['audit'], summary: "Exporter en CSV toute la recherche dans le journal d'audit (100 000 lignes au plus)", querystring: filtre } },
    async (req, rep) => {
      const { page: _, ...f } = req.query;
      const { lignes } = await chercherAudit(base, utilisateurDe(req), f, { tout: true, origine: req.ip });
      // Les colonnes d'origine, puis leurs versions lisibles.
      const csv = lignesEnCsv([
        ['horodatage', 'acteur', 'action', 'objet', 'code_structure', 'origine', 'details', 'action_libelle', 'acteur_nom', 'acteur_organisation', 'changement'],
        ...lignes.map((l) => [
          l.horodatage,
          l.acteur,
          l.action,
          l.objet ?? '',
          l.code_structure ?? '',
          l.origine ?? '',
          l.details === null ? '' : JSON.stringify(l.details),
          l.libelle_action,
          l.nom_acteur,
          l.organisation_acteur ?? '',
          l.resume,
        ]),
      ]);
      return rep.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="journal-audit.csv"').send(csv);
    },
  );
}
