// Les données annuelles déclarées : moyens (la direction de la ML), contexte (DIRECCTE, DGEFP), par
// formulaire ou par fichier CSV (tout ou rien), et leur historique.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { declarer } from '../application/declarees/declarer.ts';
import { lireDeclarations } from '../application/declarees/lireDeclarations.ts';
import { televerserDeclarations } from '../application/declarees/televerser.ts';
import type { ServiceChiffres } from '../application/indicateurs/serviceChiffres.ts';
import type { Base } from '../application/ports/base.ts';
import type { LecteurFichiers } from '../application/ports/fichiers.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { NATURES_DECLAREES } from '../domaine/declarees/declaration.ts';
import { ACTION_DECLARER } from '../application/declarees/commun.ts';
import { utilisateurDe } from './acces.ts';
import { introuvable } from './erreurs.ts';
import { annee, code, erreur } from './schemas.ts';

const tags = ['données déclarées'];

const erreurFichier = z.object({ fichier: z.string(), ligne: z.number(), colonne: z.string(), valeur: z.string(), message: z.string() });
const rapport = z.object({
  fichier: z.string(),
  statut: z.enum(['accepte', 'refuse']),
  lignes: z.number().describe('lignes de données lues'),
  lignesChangees: z.number(),
  champsChanges: z.number(),
  erreurs: z.array(erreurFichier).describe('chaque erreur : fichier, ligne, colonne, valeur, message'),
  lignesHorsPerimetre: z.array(z.number()).describe("les lignes d'une ML hors de votre périmètre (refus 403)"),
});
/** Un refus du fichier : l'erreur de l'API et le rapport. */
const refus = z.union([rapport.extend(erreur.shape), erreur]);

export function routesDeclarees(app: FastifyInstance, base: Base, service: ServiceChiffres, ports: { horloge: Horloge; fichiers: LecteurFichiers }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/structures/:code/donnees-declarees',
    {
      config: { droit: 'lire_chiffres_structure' },
      schema: { tags, summary: "Les moyens et le contexte déclarés d'une Mission locale, année par année, et l'historique de leurs changements", params: z.object({ code }) },
    },
    async (req) => (await lireDeclarations(base, utilisateurDe(req), req.params.code)) ?? introuvable(`Mission locale inconnue : ${req.params.code}`),
  );
  for (const nature of NATURES_DECLAREES) {
    r.put(
      `/api/structures/:code/${nature}/:annee`,
      {
        config: { droit: ACTION_DECLARER[nature] },
        schema: {
          tags,
          summary:
            nature === 'moyens'
              ? "Déclarer les moyens d'une année (direction de la ML) : les champs envoyés changent, les autres restent ; chaque changement gardé et audité"
              : "Déclarer le contexte d'une année (DIRECCTE de la région, DGEFP) : les champs envoyés changent, les autres restent ; chaque changement gardé et audité",
          description: `Corps : { "valeurs": { "<colonne de ${nature}.csv>": "texte tel que saisi" | nombre | null } }, contrôlé par les règles de l'import.`,
          params: z.object({ code, annee }),
          body: z.unknown(),
        },
      },
      async (req) => declarer(base, { catalogue: service.catalogue, horloge: ports.horloge }, utilisateurDe(req), nature, req.params.code, req.params.annee, req.body, req.ip),
    );
    r.post(
      `/api/${nature}/import`,
      {
        config: { droit: ACTION_DECLARER[nature] },
        bodyLimit: 4 * 1024 * 1024,
        schema: {
          tags,
          summary: `Téléverser un fichier ${nature}.csv (format de l'extrait) pour plusieurs ML de votre périmètre : tout ou rien, avec le rapport d'erreurs`,
          body: z.object({ nom: z.string().max(200), contenu: z.string().max(4_000_000) }),
          response: { 200: rapport, 400: refus, 403: refus },
        },
      },
      async (req, rep) => {
        const resultat = await televerserDeclarations(base, ports, utilisateurDe(req), nature, req.body.nom, req.body.contenu, req.ip);
        if (resultat.statut === 'accepte') return resultat;
        const n = resultat.erreurs.length;
        const refuse = `fichier ${resultat.fichier} refusé, rien n'a été écrit`;
        if (resultat.lignesHorsPerimetre.length) {
          const lignes = resultat.lignesHorsPerimetre;
          return rep.code(403).send({ ...resultat, code: 'hors_perimetre', message: `Hors de votre périmètre : ${refuse} (ligne${lignes.length > 1 ? 's' : ''} ${lignes.join(', ')}).` });
        }
        return rep.code(400).send({ ...resultat, code: 'saisie_invalide', message: `${refuse.charAt(0).toUpperCase()}${refuse.slice(1)} : ${n} erreur${n > 1 ? 's' : ''}.` });
      },
    );
  }
}
