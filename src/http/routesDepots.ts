// Les dépôts d'extraits par les Missions locales (page de la ML ou système de la ML avec un jeton), leurs
// jetons, et le suivi des dépôts pour l'État. Le corps d'un dépôt est l'archive zip elle-même : reçue en
// flux, après l'autorisation, dans un fichier de travail, et coupée à la limite de taille.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { creerJeton, listerJetons, revoquerJeton } from '../application/acces/jetons.ts';
import { exigerDepotPermis, type ServiceDepots } from '../application/echange/depots.ts';
import { limitesParDefaut } from '../application/echange/importerExtrait.ts';
import { suiviEnTableau, suivreDepots } from '../application/echange/suiviDepots.ts';
import type { Base } from '../application/ports/base.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import { FICHIERS } from '../domaine/echange/format.ts';
import { ErreurMetier } from '../domaine/erreurs.ts';
import { volume } from '../infrastructure/fichiers/extrait.ts';
import { utilisateurDe } from './acces.ts';
import { code } from './schemas.ts';
import { envoyerTableau, FORMATS_TABLEUR } from './tableaux.ts';

const TYPE_ZIP = 'application/zip';
/** Le schéma de sécurité OpenAPI des jetons de dépôt. */
export const SECURITE_JETON = 'jetonDepot';

const identifiant = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const etat = z.enum(['en_cours', 'accepte', 'refuse', 'echoue']).describe('en_cours, accepte, refuse ; echoue : coupé par une panne ou un arrêt du serveur, rien n’a été écrit');
const erreurImport = z.object({ fichier: z.string(), ligne: z.number().describe('0 : l’extrait entier'), colonne: z.string(), valeur: z.string(), message: z.string() });
const rapport = z
  .object({
    source: z.string().optional(),
    mode: z.enum(['strict', 'tolerant']).optional(),
    statut: z.enum(['importe', 'refuse', 'importe_avec_rejets']).optional(),
    fichiers: z
      .array(
        z.object({
          fichier: z.string(),
          encodage: z.string(),
          separateur: z.string(),
          lignes: z.number(),
          crees: z.number(),
          misAJour: z.number(),
          inchanges: z.number(),
          rejetes: z.number(),
          colonnesIgnorees: z.array(z.string()),
        }),
      )
      .optional(),
    erreurs: z.array(erreurImport).optional(),
    erreursNonDetaillees: z.number().optional(),
    avertissements: z.array(erreurImport).optional(),
    fichiersIgnores: z.array(z.string()).optional(),
    dureeMs: z.number().optional(),
    motif: z.string().optional().describe('un dépôt en échec : pourquoi'),
  })
  .nullable()
  .describe('le rapport d’import : comptes par fichier et chaque erreur ; null tant que le dépôt est en cours');
const depot = z.object({
  id: z.number(),
  code_structure: z.string(),
  depose_par: z.string(),
  depose_le: z.string(),
  termine_le: z.string().nullable(),
  taille: z.number().describe('octets reçus'),
  mode: z.enum(['strict', 'tolerant']),
  etat,
  progression: z.number().min(0).max(1),
  lignes: z.number().nullable(),
  erreurs: z.number().nullable(),
});
const jeton = z.object({
  id: z.number(),
  code_structure: z.string(),
  libelle: z.string(),
  cree_par: z.string(),
  cree_le: z.string(),
  expire_le: z.string(),
  revoque_le: z.string().nullable(),
  derniere_utilisation: z.string().nullable(),
});
const suivi = z.object({
  mois: z.string(),
  sansDepotCeMois: z.number(),
  structures: z.array(
    z.object({
      code: z.string(),
      nom: z.string(),
      code_departement: z.string(),
      code_region: z.string(),
      dernier: z.object({ id: z.number(), depose_le: z.string(), etat, age_jours: z.number(), lignes: z.number().nullable(), erreurs: z.number().nullable() }).nullable(),
      dernier_accepte_le: z.string().nullable(),
      accepte_ce_mois: z.boolean(),
    }),
  ),
});

/** Une archive reçue tient dans la limite par fichier de la ligne de commande, fois le nombre de fichiers du format. */
const tailleMaxArchive = () => limitesParDefaut().octets * FICHIERS.length;

/** Le corps reçu en flux dans un fichier de travail ; refusé au-delà de `octetsMax`. */
async function recevoir(corps: unknown, octetsMax: number) {
  if (!corps || typeof (corps as Readable).pipe !== 'function') {
    throw new ErreurMetier(`Dépôt : le corps de la requête doit être l'archive zip de l'extrait (Content-Type: ${TYPE_ZIP}).`);
  }
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-depot-'));
  const chemin = join(dossier, 'extrait.zip');
  let taille = 0;
  const compteur = new Transform({
    transform(morceau: Buffer, _e, suite) {
      taille += morceau.length;
      if (taille > octetsMax) return suite(new ErreurMetier(`Dépôt refusé : l'archive dépasse ${volume(octetsMax)} (CPO_IMPORT_TAILLE_MAX_MO par fichier).`));
      suite(null, morceau);
    },
  });
  try {
    await pipeline(corps as Readable, compteur, createWriteStream(chemin));
  } catch (e) {
    rmSync(dossier, { recursive: true, force: true });
    throw e instanceof ErreurMetier ? e : new ErreurMetier("Dépôt : l'archive n'a pas été reçue en entier (connexion coupée ?) : déposez-la de nouveau.");
  }
  if (taille === 0) {
    rmSync(dossier, { recursive: true, force: true });
    throw new ErreurMetier("Dépôt : le corps de la requête est vide ; l'archive zip de l'extrait est attendue.");
  }
  return { chemin, dossier, taille };
}

export function routesDepots(app: FastifyInstance, base: Base, depots: ServiceDepots, horloge: Horloge) {
  // L'archive n'est pas lue ici : la route la lit en flux, une fois l'appelant autorisé.
  app.addContentTypeParser(TYPE_ZIP, (_req, flux, fait) => fait(null, flux));
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Une session (cookie) ou un jeton de dépôt.
  const parJeton: Record<string, string[]>[] = [{ [SECURITE_JETON]: [] }, {}];

  r.post(
    '/api/structures/:code/depots',
    {
      config: { droit: 'deposer_extrait', jeton: true },
      schema: {
        tags: ['dépôts'],
        summary: "Déposer l'extrait d'une Mission locale (corps : l'archive zip, Content-Type: application/zip) ; traité en arrière-plan",
        description:
          "Par la direction de la ML (session), ou par son système avec un jeton de dépôt (Authorization: Bearer, sans jeton anti-CSRF). L'extrait ne doit contenir que des lignes de cette ML : une ligne d'une autre ML refuse tout le dépôt. Mêmes limites que la ligne de commande. Suivre le dépôt avec GET /api/depots/{id}.",
        security: parJeton,
        consumes: [TYPE_ZIP],
        body: z.any().describe("l'archive zip de l'extrait, telle quelle"),
        params: z.object({ code }),
        querystring: z.object({ mode: z.enum(['strict', 'tolerant']).default('strict').describe('strict : la moindre erreur refuse tout ; tolerant : les lignes fautives sont écartées') }),
        response: { 202: z.object({ id: z.number() }) },
      },
    },
    async (req, rep) => {
      const utilisateur = utilisateurDe(req);
      exigerDepotPermis(utilisateur, req.params.code);
      const extrait = await recevoir(req.body, tailleMaxArchive());
      return rep.code(202).send(await depots.deposer(utilisateur, req.params.code, extrait, req.query.mode, req.ip));
    },
  );

  r.get(
    '/api/structures/:code/depots',
    {
      config: { droit: 'lire_depots', jeton: true },
      schema: { tags: ['dépôts'], summary: "Les dépôts d'une Mission locale, du plus récent au plus ancien", security: parJeton, params: z.object({ code }), response: { 200: z.object({ depots: z.array(depot) }) } },
    },
    async (req) => ({ depots: await depots.lister(utilisateurDe(req), req.params.code) }),
  );

  r.get(
    '/api/depots/:id',
    {
      config: { droit: 'lire_depots', jeton: true },
      schema: {
        tags: ['dépôts'],
        summary: 'Un dépôt : son état, sa progression (0 à 1) et son rapport (comptes par fichier, chaque erreur)',
        security: parJeton,
        params: z.object({ id: identifiant }),
        response: { 200: depot.extend({ rapport, rejets: z.array(z.string()).describe('les fichiers de lignes rejetées, à télécharger') }) },
      },
    },
    async (req) => depots.lire(utilisateurDe(req), req.params.id, req.ip),
  );

  r.get(
    '/api/depots/:id/rejets/:fichier',
    {
      config: { droit: 'lire_depots', jeton: true },
      schema: {
        tags: ['dépôts'],
        summary: "Les lignes rejetées d'un fichier d'un dépôt tolérant, au format d'échange (avec le motif de chaque ligne)",
        security: parJeton,
        params: z.object({ id: identifiant, fichier: z.enum(FICHIERS.map((f) => f.nom) as [string, ...string[]]) }),
      },
    },
    async (req, rep) => {
      const contenu = await depots.rejets(utilisateurDe(req), req.params.id, req.params.fichier, req.ip);
      return rep
        .header('content-disposition', `attachment; filename="depot-${req.params.id}-rejets-${req.params.fichier}"`)
        .type('text/csv; charset=utf-8')
        .send(contenu);
    },
  );

  r.get(
    '/api/structures/:code/jetons',
    {
      config: { droit: 'gerer_jetons' },
      schema: { tags: ['dépôts'], summary: "Les jetons de dépôt d'une Mission locale (jamais le jeton lui-même)", params: z.object({ code }), response: { 200: z.object({ jetons: z.array(jeton) }) } },
    },
    async (req) => ({ jetons: await listerJetons(base, utilisateurDe(req), req.params.code) }),
  );

  r.post(
    '/api/structures/:code/jetons',
    {
      config: { droit: 'gerer_jetons' },
      schema: {
        tags: ['dépôts'],
        summary: 'Créer un jeton de dépôt pour le système de la Mission locale : le jeton est rendu cette seule fois',
        params: z.object({ code }),
        body: z.object({ libelle: z.string().max(100), expire: z.string().describe('dernier jour de validité, AAAA-MM-JJ (un an au plus)') }),
        response: { 201: jeton.extend({ jeton: z.string().describe('à garder : il ne sera plus montré') }) },
      },
    },
    async (req, rep) => rep.code(201).send(await creerJeton(base, utilisateurDe(req), req.params.code, req.body, req.ip, horloge)),
  );

  r.post(
    '/api/jetons/:id/revocation',
    {
      config: { droit: 'gerer_jetons' },
      schema: { tags: ['dépôts'], summary: 'Révoquer un jeton de dépôt : il ne sert plus', params: z.object({ id: identifiant }), response: { 200: jeton } },
    },
    async (req) => revoquerJeton(base, utilisateurDe(req), req.params.id, req.ip, horloge),
  );

  r.get(
    '/api/suivi-depots',
    {
      config: { droit: 'suivre_depots' },
      schema: {
        tags: ['dépôts'],
        summary: 'Le suivi des dépôts des Missions locales de votre périmètre : dernier dépôt, âge, lignes et erreurs, dépôt accepté ce mois-ci',
        response: { 200: suivi },
      },
    },
    async (req) => suivreDepots(base, utilisateurDe(req), horloge),
  );
  for (const format of FORMATS_TABLEUR) {
    r.get(
      `/api/suivi-depots.${format}`,
      { config: { droit: 'suivre_depots' }, schema: { tags: ['dépôts'], summary: `Exporter le suivi des dépôts en ${format.toUpperCase()}` } },
      async (req, rep) => {
        const tableau = suiviEnTableau(await suivreDepots(base, utilisateurDe(req), horloge));
        return envoyerTableau(rep, tableau, format, `suivi-depots-${horloge.dateDuJour()}`);
      },
    );
  }
}
