// Les comptes et les habilitations : ce que l'administrateur gère (organisations, comptes, demandes
// ProConnect en attente), inviter, changer le rôle, désactiver, créer une organisation, accepter ou
// refuser une demande. La route exige le droit ; la règle des habilitations borne ensuite qui et quoi.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { changerActif, changerRole, creerOrganisation, inviter, lireHabilitations, renvoyerInvitation, traiterDemande, type Contexte } from '../application/acces/comptes.ts';
import type { Base } from '../application/ports/base.ts';
import type { Horloge } from '../application/ports/horloge.ts';
import type { Messagerie } from '../application/ports/messagerie.ts';
import { ROLES } from '../domaine/acces/droits.ts';
import { utilisateurDe, type SessionsRecentes } from './acces.ts';

const id = z.coerce.number().int().positive();
const tags = ['comptes et habilitations'];

export function routesComptes(app: FastifyInstance, base: Base, sessions: SessionsRecentes, ports: { horloge: Horloge; messagerie: Messagerie; urlPublique?: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const contexte = (req: FastifyRequest): Contexte => ({
    origine: req.ip,
    adresse: ports.urlPublique ?? `${req.protocol}://${req.host}`,
    horloge: ports.horloge,
    messagerie: ports.messagerie,
  });

  r.get(
    '/api/comptes',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: 'Ce que vous gérez : organisations (et les rôles que vous pouvez y donner), comptes, demandes ProConnect en attente' } },
    async (req) => {
      const h = await lireHabilitations(base, utilisateurDe(req));
      return { ...h, roles: Object.fromEntries(Object.entries(ROLES).map(([cle, r]) => [cle, r.libelle])) };
    },
  );
  r.post(
    '/api/comptes',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: 'Inviter une personne par courriel, avec un rôle dans une organisation (lien à usage unique, valable 7 jours)', body: z.unknown() } },
    async (req, rep) => rep.code(201).send(await inviter(base, utilisateurDe(req), req.body, contexte(req))),
  );
  r.post(
    '/api/comptes/:id/invitation',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: "Renvoyer l'invitation d'un compte qui ne l'a pas acceptée : un lien neuf, l'ancien ne sert plus", params: z.object({ id }) } },
    async (req) => renvoyerInvitation(base, utilisateurDe(req), req.params.id, contexte(req)),
  );
  r.put(
    '/api/comptes/:id/role',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: "Changer le rôle d'un compte (ses sessions se ferment)", params: z.object({ id }), body: z.unknown() } },
    async (req) => {
      const compte = await changerRole(base, utilisateurDe(req), req.params.id, req.body, req.ip);
      sessions.oublierUtilisateur(compte.id);
      return compte;
    },
  );
  r.put(
    '/api/comptes/:id/actif',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: 'Désactiver un compte (ses sessions se ferment) ou le réactiver', params: z.object({ id }), body: z.unknown() } },
    async (req) => {
      const compte = await changerActif(base, utilisateurDe(req), req.params.id, req.body, req.ip);
      sessions.oublierUtilisateur(compte.id);
      return compte;
    },
  );
  r.post(
    '/api/organisations',
    { config: { droit: 'gerer_organisations' }, schema: { tags, summary: 'Créer une organisation (DGEFP : toutes ; DIRECCTE : UD, ML et Conseil régional de sa région)', body: z.unknown() } },
    async (req, rep) => rep.code(201).send(await creerOrganisation(base, utilisateurDe(req), req.body, req.ip)),
  );
  r.post(
    '/api/demandes-acces/:id',
    { config: { droit: 'gerer_comptes' }, schema: { tags, summary: "Accepter (avec un rôle) ou refuser la demande d'accès d'un agent venu par ProConnect", params: z.object({ id }), body: z.unknown() } },
    async (req) => traiterDemande(base, utilisateurDe(req), req.params.id, req.body, contexte(req)),
  );
}
