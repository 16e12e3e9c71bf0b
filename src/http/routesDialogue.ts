// Le dialogue de gestion : conventions, campagnes, dialogues et leurs étapes, avenant, bilan.
// Chaque route nomme son droit ; le pas précis d'un dialogue est réglé par la table des transitions.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { listerCampagnes } from '../application/dialogue/listerCampagnes.ts';
import { lireSuiviCampagne } from '../application/dialogue/lireSuiviCampagne.ts';
import { ouvrirCampagne } from '../application/dialogue/ouvrirCampagne.ts';
import { enregistrerConvention } from '../application/dialogue/enregistrerConvention.ts';
import { importerConventions } from '../application/dialogue/importerConventions.ts';
import { listerConventions } from '../application/dialogue/listerConventions.ts';
import { aFaire } from '../application/dialogue/aFaire.ts';
import { agir } from '../application/dialogue/agir.ts';
import { ajouterBilan } from '../application/dialogue/ajouterBilan.ts';
import { dialoguesDeLaStructure } from '../application/dialogue/dialoguesDeLaStructure.ts';
import { enregistrerAutodiagnostic } from '../application/dialogue/enregistrerAutodiagnostic.ts';
import { lireDialogue } from '../application/dialogue/lireDialogue.ts';
import { pdfAvenant } from '../application/dialogue/pdfAvenant.ts';
import type { ServiceChiffres } from '../application/indicateurs/serviceChiffres.ts';
import type { LecteurFichiers } from '../application/ports/fichiers.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import type { RenduPdf } from '../application/ports/pdf.ts';
import type { CadreDialogue } from '../domaine/dialogue/cadre.ts';
import type { Base } from '../application/ports/base.ts';
import type { DepotDialogues } from '../application/ports/depotDialogues.ts';
import { utilisateurDe } from './acces.ts';
import { introuvable } from './erreurs.ts';
import { code } from './schemas.ts';

const id = z.coerce.number().int().positive();
const tags = ['dialogue de gestion'];

export function routesDialogue(app: FastifyInstance, base: Base, dialogues: DepotDialogues, service: ServiceChiffres, cadre: CadreDialogue, horloge: Horloge, pdf: RenduPdf, fichiers: LecteurFichiers) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const catalogue = service.catalogue;

  r.get('/api/cadre-dialogue', { config: { droit: 'lire_profil' }, schema: { tags, summary: 'Le cadre du dialogue : états, transitions, financement, textes de l’avenant' } }, async () => cadre);

  r.get(
    '/api/conventions',
    { config: { droit: 'lire_conventions' }, schema: { tags, summary: 'Les conventions de votre périmètre', querystring: z.object({ structure: code.optional() }) } },
    async (req) => ({ conventions: await listerConventions(base, utilisateurDe(req).portee, req.query) }),
  );
  r.post(
    '/api/conventions',
    { config: { droit: 'gerer_conventions' }, schema: { tags, summary: 'Enregistrer (ou corriger) la convention d’une ML', body: z.unknown() } },
    async (req, rep) => rep.code(201).send(await enregistrerConvention(base, utilisateurDe(req), req.body, req.ip)),
  );
  r.post(
    '/api/conventions/import',
    {
      config: { droit: 'gerer_conventions' },
      bodyLimit: 2 * 1024 * 1024,
      schema: { tags, summary: 'Importer des conventions depuis un CSV (tout ou rien)', body: z.object({ nom: z.string().max(200), contenu: z.string().max(2_000_000) }) },
    },
    async (req) => importerConventions(base, fichiers, utilisateurDe(req), req.body.contenu, req.body.nom, req.ip),
  );

  r.get('/api/campagnes', { config: { droit: 'lire_campagnes' }, schema: { tags, summary: 'Les campagnes de votre périmètre' } }, async (req) => ({
    campagnes: await listerCampagnes(base, utilisateurDe(req)),
  }));
  r.post(
    '/api/campagnes',
    { config: { droit: 'ouvrir_campagne' }, schema: { tags, summary: "Ouvrir la campagne d'une année : fige les chiffres N-1 et crée le dialogue de chaque ML", body: z.unknown() } },
    async (req, rep) => rep.code(201).send(await ouvrirCampagne(base, cadre, catalogue, utilisateurDe(req), req.body, req.ip)),
  );
  r.get(
    '/api/campagnes/:id',
    { config: { droit: 'lire_campagnes' }, schema: { tags, summary: 'Le suivi d’une campagne : chaque ML, son état, ses échéances, cibles et montants', params: z.object({ id }) } },
    async (req) => (await lireSuiviCampagne(base, cadre, utilisateurDe(req), req.params.id, horloge.dateDuJour())) ?? introuvable(`Campagne inconnue : ${req.params.id}`),
  );

  r.get(
    '/api/structures/:code/dialogues',
    { config: { droit: 'lire_dialogues' }, schema: { tags, summary: "Les dialogues de gestion d'une Mission locale", params: z.object({ code }) } },
    async (req) => ({ dialogues: (await dialoguesDeLaStructure(base, cadre, utilisateurDe(req), req.params.code)) ?? introuvable(`Mission locale inconnue : ${req.params.code}`) }),
  );
  r.get('/api/dialogues/a-faire', { config: { droit: 'lire_profil' }, schema: { tags, summary: 'Les dialogues qui attendent votre action, avec leur retard sur l’échéance (date du serveur)' } }, async (req) => ({
    dialogues: await aFaire(base, cadre, utilisateurDe(req), horloge.dateDuJour()),
  }));
  r.get(
    '/api/dialogues/:id',
    { config: { droit: 'lire_dialogues' }, schema: { tags, summary: 'Un dialogue : étapes, chiffres N-1 figés, historique, actions permises', params: z.object({ id }) } },
    async (req) => lireDialogue(dialogues, cadre, catalogue, service, utilisateurDe(req), req.params.id, horloge),
  );
  r.put(
    '/api/dialogues/:id/autodiagnostic',
    { config: { droit: 'agir_dialogue' }, schema: { tags, summary: "Enregistrer le brouillon de l'autodiagnostic", params: z.object({ id }), body: z.unknown() } },
    async (req) => enregistrerAutodiagnostic(dialogues, cadre, catalogue, utilisateurDe(req), req.params.id, req.body, req.ip),
  );
  r.post(
    '/api/dialogues/:id/actions/:action',
    {
      config: { droit: 'agir_dialogue' },
      schema: { tags, summary: 'Faire avancer le dialogue (soumettre, renvoyer, entretien, objectifs, décision, avenant, signatures)', params: z.object({ id, action: code }), body: z.unknown().optional() },
    },
    async (req) => agir(dialogues, cadre, catalogue, utilisateurDe(req), req.params.id, req.params.action, req.body, req.ip, horloge, pdf),
  );
  for (const version of ['genere', 'signe'] as const) {
    r.get(
      version === 'genere' ? '/api/dialogues/:id/avenant.pdf' : '/api/dialogues/:id/avenant-signe.pdf',
      {
        config: { droit: 'telecharger_avenant' },
        schema: {
          tags,
          summary:
            version === 'genere'
              ? "L'avenant généré en PDF, reconstruit depuis ses données figées et vérifié"
              : "L'avenant signé par les deux parties en PDF, reconstruit depuis ses données et ses signatures figées, et vérifié",
          params: z.object({ id }),
        },
      },
      async (req, rep) => {
        const avenant =
          (await pdfAvenant(dialogues, cadre, utilisateurDe(req), req.params.id, version, pdf)) ??
          introuvable(version === 'genere' ? `Pas d'avenant pour le dialogue ${req.params.id}` : `L'avenant du dialogue ${req.params.id} n'est pas encore signé par les deux parties`);
        return rep.type('application/pdf').header('content-disposition', `attachment; filename="${avenant.nom}"`).send(avenant.pdf);
      },
    );
  }
  r.post(
    '/api/dialogues/:id/bilans',
    { config: { droit: 'saisir_bilan' }, schema: { tags, summary: 'Bilan intermédiaire : chiffres du moment contre les cibles, et un commentaire', params: z.object({ id }), body: z.unknown() } },
    async (req, rep) => rep.code(201).send(await ajouterBilan(dialogues, cadre, catalogue, service, utilisateurDe(req), req.params.id, req.body, req.ip, horloge)),
  );
}
