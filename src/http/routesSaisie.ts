// La saisie du parcours d'un jeune par les conseillers et la direction de sa ML : chaque saisie passe
// par l'import (mêmes règles, mêmes messages) ; un refus rend chaque champ fautif et n'écrit rien.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { RefusSaisie, saisirParcours, type Demande } from '../application/parcours/saisirParcours.ts';
import type { Base } from '../application/ports/base.ts';
import type { LecteurFichiers } from '../application/ports/fichiers.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { NATURES_SAISIE } from '../domaine/parcours/saisie.ts';
import { utilisateurDe } from './acces.ts';
import { code, erreur } from './schemas.ts';

const tags = ['jeunes'];
// Le corps est lu par le cas d'usage, qui dit en français ce qui ne va pas.
const corps = z.unknown().describe('{ "valeurs": { "<colonne du fichier du format>": "texte tel que saisi" | nombre | booléen | null } } ; dates JJ/MM/AAAA ou AAAA-MM-JJ');
const resultat = z.object({
  id_jeune: z.string(),
  id: z.string().describe('identifiant de la ligne écrite'),
  changements: z.array(z.object({ champ: z.string(), ancienne: z.string().nullable(), nouvelle: z.string().nullable() })),
});
const refus = z.union([erreur.extend({ erreurs: z.array(z.object({ champ: z.string(), message: z.string() })).describe('chaque champ fautif et son message') }), erreur]);
const natures = NATURES_SAISIE.filter((n) => n !== 'jeunes') as [string, ...string[]];
const reponses = { 200: resultat, 400: refus };

export function routesSaisie(app: FastifyInstance, base: Base, ports: { horloge: Horloge; fichiers: LecteurFichiers }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const saisir = async (req: FastifyRequest, rep: FastifyReply, d: Demande) => {
    try {
      return await saisirParcours(base, ports, utilisateurDe(req), d, req.ip);
    } catch (e) {
      if (e instanceof RefusSaisie) return rep.code(400).send({ code: e.code, message: e.message, erreurs: e.erreurs });
      throw e;
    }
  };
  r.post(
    '/api/structures/:code/jeunes',
    {
      config: { droit: 'saisir_parcours' },
      schema: { tags, summary: 'Premier accueil : créer le dossier d’un nouveau jeune (colonnes de jeunes.csv)', params: z.object({ code }), body: corps, response: reponses },
    },
    (req, rep) => saisir(req, rep, { code: req.params.code, nature: 'jeunes', corps: req.body }),
  );
  r.post(
    '/api/structures/:code/jeunes/:id/:nature',
    {
      config: { droit: 'saisir_parcours' },
      schema: {
        tags,
        summary: `Saisir une ligne du parcours d'un jeune (${natures.join(', ')} : colonnes du fichier du même nom)`,
        params: z.object({ code, id: code, nature: z.enum(natures) }),
        body: corps,
        response: reponses,
      },
    },
    (req, rep) => saisir(req, rep, { code: req.params.code, nature: req.params.nature as Demande['nature'], idJeune: req.params.id, corps: req.body }),
  );
  r.patch(
    '/api/structures/:code/jeunes/:id/:nature/:ligne',
    {
      config: { droit: 'saisir_parcours' },
      schema: {
        tags,
        summary: "Modifier une ligne du parcours d'un jeune (sortie d'un dispositif, évaluation d'une phase, fin d'une situation) : les champs envoyés changent, les autres restent",
        params: z.object({ code, id: code, nature: z.enum(natures), ligne: code }),
        body: corps,
        response: reponses,
      },
    },
    (req, rep) => saisir(req, rep, { code: req.params.code, nature: req.params.nature as Demande['nature'], idJeune: req.params.id, idLigne: req.params.ligne, corps: req.body }),
  );
}
