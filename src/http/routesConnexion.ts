// Connexion : ProConnect (OpenID Connect) pour les agents, la connexion de démonstration quand elle est
// ouverte, la déconnexion (de cette session ou de toutes), le jeton anti-CSRF et le profil de
// l'utilisateur connecté avec ses droits. Chaque session est ouverte et fermée en base.
import { finDuDernierMoisComplet } from '../domaine/temps/dates.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { fermerSession, fermerSessions, ouvrirSession } from '../application/acces/sessions.ts';
import { compteDuCourriel, utilisateursDemo } from '../application/acces/utilisateurs.ts';
import { auditer } from '../application/audit.ts';
import type { ServiceChiffres } from '../application/indicateurs/serviceChiffres.ts';
import { DROITS, ErreurAcces, ROLES, TYPES_ORGANISATION, accueil, peut, type Action, type Utilisateur } from '../domaine/acces/droits.ts';
import { ClientOidc, type AgentOidc, type ConfigurationOidc } from '../infrastructure/auth/oidc.ts';
import { accepterInvitation, demanderAcces } from '../application/acces/comptes.ts';
import type { Base } from '../application/ports/base.ts';
import { jetonCsrf, limiteConnexions, utilisateurDe, type SessionsRecentes } from './acces.ts';
import { introuvable } from './erreurs.ts';

const utilisateur = z.object({
  id: z.number(),
  nom: z.string(),
  courriel: z.string(),
  role: z.string(),
  libelleRole: z.string(),
  organisation: z.object({ type: z.string(), libelleType: z.string(), code: z.string(), nom: z.string() }),
  portee: z.object({ niveau: z.string(), code: z.string().optional(), code_departement: z.string().optional(), code_region: z.string().optional() }),
});

const presenter = (u: Utilisateur) => ({
  ...u,
  libelleRole: ROLES[u.role].libelle,
  organisation: { ...u.organisation, libelleType: TYPES_ORGANISATION[u.organisation.type] },
});

export function routesConnexion(
  app: FastifyInstance,
  base: Base,
  service: ServiceChiffres,
  sessions: SessionsRecentes,
  options: { demo: boolean; oidc: ConfigurationOidc | null; connexionsParMinute: number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const connexionDemo = options.demo;
  const oidc = options.oidc ? new ClientOidc(options.oidc) : null;
  const limite = limiteConnexions(options.connexionsParMinute);
  const origine = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;
  /** Une session neuve (le cookie est renouvelé), ouverte en base pour ce compte. */
  const ouvrir = async (req: FastifyRequest, compte: { id: number; courriel: string }, action: 'connexion_demo' | 'connexion_oidc' | 'connexion_invitation') => {
    req.session.regenerate();
    req.session.set('session', await ouvrirSession(base, compte, sessions.dureeS, { action, origine: req.ip }, sessions.horloge));
  };
  /** Le cookie effacé ; connecté par ProConnect, l'adresse où fermer aussi la session chez le fournisseur. */
  const quitter = async (req: FastifyRequest) => {
    const idToken = req.session.get('idToken');
    req.session.delete();
    return oidc && idToken ? await oidc.finDeSession(idToken, `${origine(req)}/connexion`).catch(() => null) : null;
  };

  r.get(
    '/api/csrf',
    { config: { droit: 'public' }, schema: { tags: ['connexion'], summary: 'Le jeton anti-CSRF de la session, à renvoyer dans l’en-tête X-CSRF-Token' } },
    async (req) => ({ jeton: jetonCsrf(req) }),
  );

  r.get(
    '/api/connexion/oidc',
    { config: { droit: 'public', rateLimit: limite }, schema: { tags: ['connexion'], summary: 'Se connecter avec ProConnect : redirige vers le fournisseur d’identité' } },
    async (req, rep) => {
      if (!oidc) return introuvable("La connexion ProConnect n'est pas configurée sur ce serveur.");
      const { url, tentative } = await oidc.debut(origine(req));
      req.session.set('oidc', tentative);
      return rep.redirect(url);
    },
  );

  r.get(
    '/api/connexion/oidc/retour',
    { config: { droit: 'public', rateLimit: limite }, schema: { tags: ['connexion'], summary: 'Retour du fournisseur d’identité' } },
    async (req, rep) => {
      const tentative = req.session.get('oidc');
      if (!oidc || !tentative) return rep.redirect('/connexion?erreur=session');
      req.session.set('oidc', undefined);
      let agent: AgentOidc;
      try {
        agent = await oidc.retour(origine(req), req.url, tentative);
      } catch (e) {
        await auditer(base, { acteur: 'anonyme', action: 'connexion_refusee', origine: req.ip, details: { motif: (e as Error).message } });
        return rep.redirect('/connexion?erreur=fournisseur');
      }
      const { courriel } = agent;
      const compte = courriel ? await compteDuCourriel(base, courriel) : null;
      // Sans compte, une demande d'accès attend un administrateur si l'organisation est connue par son SIRET : aucun droit n'est donné ici.
      if (!compte && courriel) {
        const issue = await demanderAcces(base, { courriel, nom: agent.nom, siret: agent.siret }, req.ip, sessions.horloge);
        return rep.redirect(`/connexion?erreur=${issue === 'en_attente' ? 'attente' : issue === 'refusee' ? 'refusee' : 'organisation'}`);
      }
      if (!compte?.actif || !compte.accepte) {
        const motif = !compte ? 'compte inconnu' : !compte.actif ? 'compte désactivé' : 'invitation non acceptée';
        await auditer(base, { acteur: courriel ?? 'anonyme', action: 'connexion_refusee', origine: req.ip, details: { motif } });
        return rep.redirect(`/connexion?erreur=${!compte ? 'compte' : !compte.actif ? 'desactive' : 'invitation'}`);
      }
      await ouvrir(req, compte, 'connexion_oidc');
      if (agent.idToken) req.session.set('idToken', agent.idToken);
      return rep.redirect('/');
    },
  );

  r.get(
    '/api/connexion/demo',
    {
      config: { droit: 'public' },
      schema: {
        tags: ['connexion'],
        summary: 'Les comptes de démonstration (vide si la connexion de démonstration est désactivée)',
        response: { 200: z.object({ active: z.boolean(), proconnect: z.boolean(), utilisateurs: z.array(utilisateur) }) },
      },
    },
    async () => ({ active: connexionDemo, proconnect: oidc !== null, utilisateurs: connexionDemo ? (await utilisateursDemo(base)).map(presenter) : [] }),
  );

  r.post(
    '/api/connexion/demo',
    {
      config: { droit: 'public', rateLimit: limite },
      schema: {
        tags: ['connexion'],
        summary: 'Se connecter avec un compte de démonstration',
        body: z.object({ id: z.number().int().positive() }),
        response: { 200: utilisateur },
      },
    },
    async (req, rep) => {
      const compte = connexionDemo ? (await utilisateursDemo(base)).find((u) => u.id === req.body.id) : undefined;
      if (!compte) {
        throw new ErreurAcces(connexionDemo ? `Compte de démonstration inconnu : ${req.body.id}` : 'La connexion de démonstration est désactivée sur ce serveur.');
      }
      await ouvrir(req, compte, 'connexion_demo');
      return presenter(compte);
    },
  );

  r.post(
    '/api/invitations/acceptation',
    {
      config: { droit: 'public', rateLimit: limite },
      schema: {
        tags: ['connexion'],
        summary: "Accepter une invitation reçue par courriel (jeton à usage unique) ; rend l'adresse où se connecter",
        body: z.object({ jeton: z.string().min(1).max(200) }),
        response: { 200: z.object({ redirection: z.string() }) },
      },
    },
    async (req) => {
      const compte = await accepterInvitation(base, req.body.jeton, sessions.horloge, req.ip);
      // Avec ProConnect, l'identité se prouve chez lui ; sans (base de démonstration), le lien reçu en tient lieu.
      if (oidc) return { redirection: '/api/connexion/oidc' };
      await ouvrir(req, compte, 'connexion_invitation');
      return { redirection: '/' };
    },
  );

  const fin = (rep: FastifyReply, redirection: string | null) => (redirection ? { redirection } : rep.code(204).send());
  r.post(
    '/api/deconnexion',
    { config: { droit: 'public' }, schema: { tags: ['connexion'], summary: 'Se déconnecter ; rend l’adresse de déconnexion du fournisseur d’identité s’il y en a une' } },
    async (req, rep) => {
      const id = req.session.get('session');
      if (id) {
        await fermerSession(base, id, req.ip);
        sessions.oublier(id);
      }
      return fin(rep, await quitter(req));
    },
  );

  r.post(
    '/api/deconnexion/partout',
    {
      config: { droit: 'fermer_sessions' },
      schema: { tags: ['connexion'], summary: 'Se déconnecter partout : ferme toutes vos sessions, sur tous vos appareils' },
    },
    async (req, rep) => {
      const u = utilisateurDe(req);
      await fermerSessions(base, u, req.ip, sessions.horloge);
      sessions.oublierUtilisateur(u.id);
      return fin(rep, await quitter(req));
    },
  );

  r.get(
    '/api/moi',
    {
      config: { droit: 'lire_profil' },
      schema: {
        tags: ['connexion'],
        summary: "L'utilisateur connecté, ses droits, sa page d'accueil, les années disponibles, le jour des dernières données, la date proposée pour les chiffres à date et le jour du serveur",
        response: {
          200: z.object({ utilisateur, droits: z.array(z.string()), accueil: z.string(), annees: z.array(z.number()),
            donnees_au: z.string().nullable(),
            /** Le dernier jour du dernier mois complet, quand son année a des données et qu'il n'est pas le 31 décembre : les tableaux de bord proposent les chiffres à cette date. */
            au_propose: z.string().nullable(),
            /** Le jour du serveur à Paris : les échéances du parcours se comptent de ce jour. */
            aujourdhui: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const u = utilisateurDe(req);
      const annees = await service.annees();
      const aujourdhui = sessions.horloge.dateDuJour();
      const au = finDuDernierMoisComplet(aujourdhui);
      return {
        utilisateur: presenter(u),
        droits: (Object.keys(DROITS) as Action[]).filter((a) => peut(u, a)),
        accueil: accueil(u.portee),
        annees,
        donnees_au: await service.donneesAu(),
        au_propose: annees.includes(Number(au.slice(0, 4))) && !au.endsWith('-12-31') ? au : null,
        aujourdhui,
      };
    },
  );
}
