// Comptes et habilitations, par l'API, sur les deux moteurs : inviter, changer le rôle, désactiver,
// créer une organisation, traiter une demande ProConnect ; dans et hors périmètre. Chaque refus est un
// 403 (ou 400) tracé au journal, et ne change rien en base.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { compteDuCourriel } from '../../src/application/acces/utilisateurs.ts';
import { demanderAcces } from '../../src/application/acces/comptes.ts';
import { ouvrirSession } from '../../src/application/acces/sessions.ts';
import { utilisateurDeLaSession } from '../../src/application/acces/utilisateurs.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import type { Courriel } from '../../src/application/ports/messagerie.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter, jetonAnonyme, type CompteDemo } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

/** Tout ce que les comptes touchent, pour vérifier qu'un refus n'a rien écrit. */
const ETAT = `SELECT (SELECT coalesce(json_agg(u ORDER BY id), '[]') FROM utilisateur u)::text AS u, (SELECT coalesce(json_agg(i ORDER BY id), '[]') FROM invitation i)::text AS i,
  (SELECT coalesce(json_agg(o ORDER BY id), '[]') FROM organisation o)::text AS o, (SELECT coalesce(json_agg(d ORDER BY id), '[]') FROM demande_acces d)::text AS d,
  (SELECT count(*) FROM session_utilisateur)::int AS s`;

surChaqueMoteur('Comptes et habilitations', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let comptes: CompteDemo[];
  const courriels: Courriel[] = [];
  const horloge = new HorlogeFixe('2018-06-01');
  const session = new Map<string, Record<string, string>>();
  const en = (qui: string) => session.get(qui)!;
  const organisation = async (type: string, code: string) => (await base.query<{ id: number }>('SELECT id FROM organisation WHERE type = $1 AND code = $2', [type, code]))[0].id;

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('comptes');
    ecrireExtraitAleatoire(dossier, 11, { structures: 3, jeunesParStructure: 5 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, connexionsParMinute: 1000, horloge, messagerie: { envoyer: async (c) => void courriels.push(c) } });
    comptes = await comptesDemo(app);
    const qui = {
      conseiller: compte(comptes, 'conseiller', 'RA01'),
      direction_ra01: compte(comptes, 'direction_ml', 'RA01'),
      direction_ra02: compte(comptes, 'direction_ml', 'RA02'),
      ud_35: compte(comptes, 'agent_ud', '35'),
      direccte_53: compte(comptes, 'agent_direccte', '53'),
      dgefp: compte(comptes, 'agent_dgefp'),
    };
    for (const [nom, c] of Object.entries(qui)) session.set(nom, await connecter(app, c));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  /** La requête est refusée avec ce statut, tracée au journal, et la base n'a pas changé. */
  async function refusee(qui: string, methode: 'POST' | 'PUT', url: string, corps: unknown, statut = 403): Promise<string> {
    const [avant] = await base.query(ETAT);
    const [{ n: tracesAvant }] = await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_audit WHERE action IN ('acces_refuse', 'requete_refusee')`);
    const reponse = await app.inject({ method: methode, url, payload: corps as any, headers: en(qui) });
    expect(reponse.statusCode, `${qui} ${url} ${reponse.body}`).toBe(statut);
    expect((await base.query(ETAT))[0]).toEqual(avant);
    const [trace] = await base.query<{ objet: string; details: any }>(`SELECT objet, details FROM journal_audit WHERE action IN ('acces_refuse', 'requete_refusee') ORDER BY id DESC LIMIT 1`);
    const [{ n: tracesApres }] = await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_audit WHERE action IN ('acces_refuse', 'requete_refusee')`);
    expect(tracesApres).toBe(tracesAvant + 1);
    expect(trace).toMatchObject({ objet: `${methode} ${url}`, details: { statut } });
    return reponse.json().message;
  }

  const inviter = (qui: string, corps: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/comptes', payload: corps, headers: en(qui) });
  const lienDe = (c: Courriel) => c.texte.match(/\/invitation#([A-Za-z0-9_-]+)/)![1];

  describe('inviter', () => {
    it("la direction d'une ML invite un conseiller : compte inutilisable jusqu'au lien, jeton haché à usage unique", async () => {
      const reponse = await inviter('direction_ra01', { courriel: 'Lea.Nouvelle@ml-ra01.fr', nom: 'Léa Nouvelle', organisation: await organisation('ml', 'RA01'), role: 'conseiller' });
      expect(reponse.statusCode, reponse.body).toBe(201);
      const courriel = courriels.at(-1)!;
      expect(courriel.a).toBe('lea.nouvelle@ml-ra01.fr');
      expect(courriel.texte).toContain('« Conseiller(ère) »');
      const jeton = lienDe(courriel);
      // Le jeton n'est nulle part en clair dans la base.
      const [ligne] = await base.query<{ jeton_hache: string; expire_le: Date }>('SELECT jeton_hache, expire_le FROM invitation ORDER BY id DESC LIMIT 1');
      expect(ligne.jeton_hache).toMatch(/^[0-9a-f]{64}$/);
      expect((await base.query(ETAT))[0].i).not.toContain(jeton);
      expect(await compteDuCourriel(base, 'lea.nouvelle@ml-ra01.fr')).toMatchObject({ actif: true, accepte: false });
      const [trace] = await base.query(`SELECT acteur, code_structure, details FROM journal_audit WHERE action = 'inviter_compte' ORDER BY id DESC LIMIT 1`);
      expect(trace).toMatchObject({ acteur: compte(comptes, 'direction_ml', 'RA01').courriel, code_structure: 'RA01', details: { courriel: 'lea.nouvelle@ml-ra01.fr', role: 'Conseiller(ère)' } });

      const anonyme = await jetonAnonyme(app);
      const accepte = await app.inject({ method: 'POST', url: '/api/invitations/acceptation', payload: { jeton }, headers: anonyme });
      expect(accepte.statusCode, accepte.body).toBe(200);
      const cookie = String(accepte.headers['set-cookie']).split(';')[0];
      expect((await app.inject({ url: '/api/moi', headers: { cookie } })).json().utilisateur).toMatchObject({ courriel: 'lea.nouvelle@ml-ra01.fr', role: 'conseiller' });
      expect(await compteDuCourriel(base, 'lea.nouvelle@ml-ra01.fr')).toMatchObject({ actif: true, accepte: true });
      // Une seconde fois : refusé, rien ne change.
      expect(await refusee('conseiller', 'POST', '/api/invitations/acceptation', { jeton }, 409)).toMatch(/déjà servi/);
    });

    it('un lien expiré ou inconnu ne sert pas ; renvoyée, l’invitation a un lien neuf et l’ancien ne sert plus', async () => {
      await inviter('direccte_53', { courriel: 'tard@ml-ra02.fr', nom: 'Tom Tard', organisation: await organisation('ml', 'RA02'), role: 'direction_ml' });
      const jeton = lienDe(courriels.at(-1)!);
      horloge.avancer(8 * 86_400_000);
      try {
        expect(await refusee('conseiller', 'POST', '/api/invitations/acceptation', { jeton }, 409)).toMatch(/a expiré/);
        expect(await refusee('conseiller', 'POST', '/api/invitations/acceptation', { jeton: `${jeton}x` }, 404)).toMatch(/n'est pas valable/);
      } finally {
        horloge.avancer(-8 * 86_400_000);
      }
      // Renvoyée (par qui gère ce compte seulement) : un lien neuf sert, l'ancien plus jamais.
      const { id } = (await compteDuCourriel(base, 'tard@ml-ra02.fr'))!;
      expect(await refusee('direction_ra01', 'POST', `/api/comptes/${id}/invitation`, undefined)).toMatch(/^Hors de votre périmètre : la Mission locale RA02/);
      const renvoi = await app.inject({ method: 'POST', url: `/api/comptes/${id}/invitation`, headers: en('direccte_53') });
      expect(renvoi.statusCode, renvoi.body).toBe(200);
      const neuf = lienDe(courriels.at(-1)!);
      expect(neuf).not.toBe(jeton);
      expect(await refusee('conseiller', 'POST', '/api/invitations/acceptation', { jeton }, 404)).toMatch(/n'est pas valable/);
      const accepte = await app.inject({ method: 'POST', url: '/api/invitations/acceptation', payload: { jeton: neuf }, headers: await jetonAnonyme(app) });
      expect(accepte.statusCode, accepte.body).toBe(200);
      expect(await refusee('direccte_53', 'POST', `/api/comptes/${id}/invitation`, undefined, 409)).toMatch(/n'attend pas d'invitation : il est actif/);
    });

    it('dix invitations simultanées du même courriel (casse comprise) : une réussit, neuf sont refusées en français', async () => {
      const ra01 = await organisation('ml', 'RA01');
      const reponses = await Promise.all(
        Array.from({ length: 10 }, (_, i) => inviter(i % 2 ? 'direction_ra01' : 'direccte_53', { courriel: i % 2 ? 'MEME@ml-ra01.fr' : 'meme@ml-ra01.fr', nom: 'Même', organisation: ra01, role: 'conseiller' })),
      );
      expect(reponses.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(reponses.find((r) => r.statusCode === 409)!.json().message).toBe('Un compte existe déjà pour le courriel meme@ml-ra01.fr.');
      expect((await base.query(`SELECT 1 FROM utilisateur WHERE lower(courriel) = 'meme@ml-ra01.fr'`)).length).toBe(1);
      expect((await base.query(`SELECT 1 FROM invitation i JOIN utilisateur u ON u.id = i.utilisateur_id WHERE lower(u.courriel) = 'meme@ml-ra01.fr'`)).length).toBe(1);
    });

    it('hors de son périmètre ou au-delà de son rôle : 403 tracé, rien écrit', async () => {
      const ra01 = await organisation('ml', 'RA01');
      const ra02 = await organisation('ml', 'RA02');
      const corps = (organisation: number, role: string) => ({ courriel: 'x@exemple.fr', nom: 'X', organisation, role });
      expect(await refusee('direction_ra01', 'POST', '/api/comptes', corps(ra02, 'conseiller'))).toMatch(/^Hors de votre périmètre : la Mission locale RA02/);
      expect(await refusee('direction_ra01', 'POST', '/api/comptes', corps(ra01, 'direction_ml'))).toMatch(/ne peut pas donner le rôle « Direction/);
      expect(await refusee('direccte_53', 'POST', '/api/comptes', corps(await organisation('direccte', '53'), 'agent_direccte'))).toMatch(/ne peut pas donner le rôle « Agent DIRECCTE »/);
      expect(await refusee('direccte_53', 'POST', '/api/comptes', corps(await organisation('dgefp', 'FR'), 'agent_dgefp'))).toMatch(/^Hors de votre périmètre : la DGEFP/);
      expect(await refusee('conseiller', 'POST', '/api/comptes', corps(ra01, 'conseiller'))).toMatch(/^Votre rôle/);
      expect(await refusee('ud_35', 'POST', '/api/comptes', corps(ra01, 'conseiller'))).toMatch(/^Votre rôle/);
      expect(await refusee('direccte_53', 'POST', '/api/comptes', corps(ra01, 'agent_ud'), 400)).toMatch(/ne se donne pas dans la Mission locale RA01/);
      expect(await refusee('direction_ra01', 'POST', '/api/comptes', { ...corps(ra01, 'conseiller'), courriel: compte(comptes, 'conseiller').courriel.toUpperCase() }, 409)).toMatch(/existe déjà/);
      // La DGEFP donne tout.
      expect((await inviter('dgefp', corps(await organisation('direccte', '53'), 'agent_direccte'))).statusCode).toBe(201);
    });
  });

  describe('changer le rôle, désactiver', () => {
    it("la direction désactive son conseiller : ses sessions se ferment aussitôt ; une autre ML ne le peut pas", async () => {
      const conseiller = compte(comptes, 'conseiller', 'RA01');
      const url = `/api/comptes/${conseiller.id}/actif`;
      expect(await refusee('direction_ra02', 'PUT', url, { actif: false })).toMatch(/^Hors de votre périmètre : la Mission locale RA01/);
      expect(await refusee('ud_35', 'PUT', url, { actif: false })).toMatch(/^Votre rôle/);
      expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: en('conseiller') })).statusCode).toBe(200);
      const reponse = await app.inject({ method: 'PUT', url, payload: { actif: false }, headers: en('direction_ra01') });
      expect(reponse.statusCode, reponse.body).toBe(200);
      expect(reponse.json().etat).toBe('desactive');
      expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: en('conseiller') })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/moi', headers: en('conseiller') })).statusCode).toBe(401);
      const [trace] = await base.query(`SELECT acteur, objet, details FROM journal_audit WHERE action = 'desactiver_compte' ORDER BY id DESC LIMIT 1`);
      expect(trace).toMatchObject({ acteur: compte(comptes, 'direction_ml', 'RA01').courriel, objet: `comptes/${conseiller.id}`, details: { courriel: conseiller.courriel } });
      // Réactivé, il se reconnecte.
      expect((await app.inject({ method: 'PUT', url, payload: { actif: true }, headers: en('direction_ra01') })).json().etat).toBe('actif');
      session.set('conseiller', await connecter(app, conseiller));
    });

    it("escalade refusée : la direction ne fait pas d'un conseiller une direction ; la DIRECCTE si, et ses sessions se ferment", async () => {
      const conseiller = compte(comptes, 'conseiller', 'RA01');
      const url = `/api/comptes/${conseiller.id}/role`;
      expect(await refusee('direction_ra01', 'PUT', url, { role: 'direction_ml' })).toMatch(/ne peut pas donner le rôle « Direction/);
      expect(await refusee('direction_ra01', 'PUT', url, { role: 'agent_dgefp' }, 400)).toMatch(/ne se donne pas/);
      // Personne ne touche à son propre compte, ni à celui d'un égal.
      expect(await refusee('direction_ra01', 'PUT', `/api/comptes/${compte(comptes, 'direction_ml', 'RA01').id}/actif`, { actif: false })).toMatch(/propre compte/);
      expect(await refusee('direccte_53', 'PUT', `/api/comptes/${compte(comptes, 'agent_direccte', '53').id}/role`, { role: 'agent_dgefp' })).toMatch(/propre compte/);
      const reponse = await app.inject({ method: 'PUT', url, payload: { role: 'direction_ml' }, headers: en('direccte_53') });
      expect(reponse.statusCode, reponse.body).toBe(200);
      expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: en('conseiller') })).statusCode).toBe(401);
      const [trace] = await base.query(`SELECT details FROM journal_audit WHERE action = 'changer_role' ORDER BY id DESC LIMIT 1`);
      expect(trace.details).toMatchObject({ role_avant: 'Conseiller(ère)', role: 'Direction / présidence de ML' });
      // Devenu direction, il échappe à la direction de sa ML, pas à la DIRECCTE.
      expect(await refusee('direction_ra01', 'PUT', url, { role: 'conseiller' })).toMatch(/ne peut pas donner le rôle « Direction/);
      expect((await app.inject({ method: 'PUT', url, payload: { role: 'conseiller' }, headers: en('direccte_53') })).statusCode).toBe(200);
      session.set('conseiller', await connecter(app, conseiller));
    });

    it('chacun ne voit que les comptes et les organisations qu’il gère', async () => {
      const lire = async (qui: string) => (await app.inject({ url: '/api/comptes', headers: en(qui) })).json();
      const direction = await lire('direction_ra01');
      expect(direction.organisations.map((o: any) => `${o.type}:${o.code}:${o.roles.join('|')}`)).toEqual(['ml:RA01:conseiller']);
      expect(new Set(direction.comptes.map((c: any) => c.role))).toEqual(new Set(['conseiller']));
      const direccte = await lire('direccte_53');
      expect(direccte.organisations.map((o: any) => `${o.type}:${o.code}`).sort()).toEqual(['conseil_regional:53', 'ml:RA01', 'ml:RA02', 'ud:29', 'ud:35']);
      expect(direccte.comptes.some((c: any) => c.role === 'agent_direccte' || c.role === 'agent_dgefp')).toBe(false);
      expect((await app.inject({ url: '/api/comptes', headers: en('ud_35') })).statusCode).toBe(403);
    });
  });

  describe('organisations', () => {
    it('la DIRECCTE crée une UD de sa région, pas hors de sa région ; la DGEFP une ML, qui prend le SIRET de son extrait', async () => {
      const ud = await app.inject({ method: 'POST', url: '/api/organisations', payload: { type: 'ud', code: '22', nom: 'UD Côtes-d’Armor' }, headers: en('direccte_53') });
      expect(ud.statusCode, ud.body).toBe(201);
      expect(await refusee('direccte_53', 'POST', '/api/organisations', { type: 'ud', code: '75', nom: 'UD Paris' })).toMatch(/^Hors de votre périmètre : l'UD 75/);
      expect(await refusee('direccte_53', 'POST', '/api/organisations', { type: 'ml', code: 'RA03', nom: 'ML Paris' })).toMatch(/^Hors de votre périmètre : la Mission locale RA03/);
      expect(await refusee('direction_ra01', 'POST', '/api/organisations', { type: 'ml', code: 'RA03', nom: 'ML Paris' })).toMatch(/^Votre rôle/);
      expect(await refusee('dgefp', 'POST', '/api/organisations', { type: 'ml', code: 'ZZ99', nom: 'Inconnue' }, 400)).toMatch(/Mission locale inconnue : ZZ99/);
      const ml = await app.inject({ method: 'POST', url: '/api/organisations', payload: { type: 'ml', code: 'RA03', nom: 'ML Paris' }, headers: en('dgefp') });
      expect(ml.statusCode, ml.body).toBe(201);
      const [{ siret }] = await base.query<{ siret: string }>(`SELECT siret FROM mission_locale WHERE code_structure = 'RA03'`);
      expect(ml.json().siret).toBe(siret);
      expect((await base.query(`SELECT 1 FROM journal_audit WHERE action = 'creer_organisation'`)).length).toBe(2);
    });
  });

  describe('demandes ProConnect', () => {
    const siretDe = async (code: string) => (await base.query<{ siret: string }>(`SELECT siret FROM organisation WHERE type = 'ml' AND code = $1`, [code]))[0].siret;

    it("un agent sans compte d'une organisation connue attend ; accepté par la DIRECCTE, il peut se connecter", async () => {
      const siret = await siretDe('RA01');
      expect(siret).toMatch(/^\d{14}$/);
      const agent = { courriel: 'Agent.Attente@ml-ra01.fr', nom: 'Alix Attente', siret };
      expect(await demanderAcces(base, agent, 'test', horloge)).toBe('en_attente');
      // Une seule demande à la fois, aucun compte.
      expect(await demanderAcces(base, agent, 'test', horloge)).toBe('en_attente');
      expect((await base.query(`SELECT 1 FROM demande_acces WHERE courriel = 'agent.attente@ml-ra01.fr'`)).length).toBe(1);
      const [tentative] = await base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'connexion_refusee' ORDER BY id DESC LIMIT 1`);
      expect(tentative).toMatchObject({ acteur: agent.courriel, details: { motif: "demande d'accès en attente" } });
      expect(await compteDuCourriel(base, agent.courriel)).toBeNull();
      const [{ id }] = await base.query<{ id: number }>(`SELECT id FROM demande_acces WHERE courriel = 'agent.attente@ml-ra01.fr'`);
      const demandes = (await app.inject({ url: '/api/comptes', headers: en('direction_ra01') })).json().demandes;
      expect(demandes.map((d: any) => d.courriel)).toEqual(['agent.attente@ml-ra01.fr']);
      // Datée par l'horloge du serveur, à l'heure de Paris, comme toute date de l'application.
      const aParis = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' }).format(horloge.maintenant());
      expect(demandes[0].creee_le).toBe(aParis.replace(' ', 'T'));
      expect((await app.inject({ url: '/api/comptes', headers: en('direction_ra02') })).json().demandes).toEqual([]);

      const url = `/api/demandes-acces/${id}`;
      expect(await refusee('direction_ra02', 'POST', url, { decision: 'accepter', role: 'conseiller' })).toMatch(/^Hors de votre périmètre : la Mission locale RA01/);
      expect(await refusee('direction_ra02', 'POST', url, { decision: 'refuser' })).toMatch(/^Hors de votre périmètre/);
      expect(await refusee('direction_ra01', 'POST', url, { decision: 'accepter', role: 'direction_ml' })).toMatch(/ne peut pas donner le rôle/);
      expect(await refusee('ud_35', 'POST', url, { decision: 'accepter', role: 'conseiller' })).toMatch(/^Votre rôle/);
      const reponse = await app.inject({ method: 'POST', url, payload: { decision: 'accepter', role: 'direction_ml' }, headers: en('direccte_53') });
      expect(reponse.statusCode, reponse.body).toBe(200);
      expect(courriels.at(-1)).toMatchObject({ a: 'agent.attente@ml-ra01.fr', objet: 'Votre accès à CPO Missions locales est ouvert' });
      const accepte = await compteDuCourriel(base, agent.courriel);
      expect(accepte).toMatchObject({ actif: true, accepte: true });
      const idSession = await ouvrirSession(base, accepte!, 3600, { action: 'connexion_oidc', origine: 'test' }, horloge);
      expect(await utilisateurDeLaSession(base, idSession, horloge)).toMatchObject({ role: 'direction_ml', portee: { niveau: 'structure', code: 'RA01' } });
      expect(await refusee('direccte_53', 'POST', url, { decision: 'refuser' }, 409)).toMatch(/déjà été acceptée/);
    });

    it('refusée, elle ne donne rien et ne se renouvelle pas ; une organisation inconnue ne fait pas de demande', async () => {
      const agent = { courriel: 'refus@ml-ra02.fr', nom: 'Rémi Refus', siret: await siretDe('RA02') };
      expect(await demanderAcces(base, agent, 'test', horloge)).toBe('en_attente');
      const [{ id }] = await base.query<{ id: number }>(`SELECT id FROM demande_acces WHERE courriel = 'refus@ml-ra02.fr'`);
      const reponse = await app.inject({ method: 'POST', url: `/api/demandes-acces/${id}`, payload: { decision: 'refuser' }, headers: en('direction_ra02') });
      expect(reponse.statusCode, reponse.body).toBe(200);
      expect(await compteDuCourriel(base, agent.courriel)).toBeNull();
      expect(await demanderAcces(base, agent, 'test', horloge)).toBe('refusee');
      expect((await base.query(`SELECT etat FROM demande_acces WHERE courriel = 'refus@ml-ra02.fr'`)).map((d) => d.etat)).toEqual(['refusee']);
      const [{ n }] = await base.query<{ n: number }>('SELECT count(*)::int AS n FROM demande_acces');
      expect(await demanderAcces(base, { courriel: 'perdu@exemple.fr', nom: null, siret: '12345678901234' }, 'test', horloge)).toBe('organisation_inconnue');
      expect(await demanderAcces(base, { courriel: 'perdu@exemple.fr', nom: null, siret: null }, 'test', horloge)).toBe('organisation_inconnue');
      expect((await base.query<{ n: number }>('SELECT count(*)::int AS n FROM demande_acces'))[0].n).toBe(n);
    });
  });

  describe('échéances', () => {
    it("l'échéance d'une invitation se dit à l'heure de Paris (juste après minuit à Paris, la veille en temps universel)", async () => {
      const instant = horloge.maintenant().toISOString();
      horloge.fixer('2018-06-02T00:30:00+02:00');
      try {
        // Une session ouverte à cette heure-là : celles du début du fichier ont expiré, et s'effacent (dernier test du fichier).
        const direction = await connecter(app, compte(comptes, 'direction_ml', 'RA01'));
        const corps = { courriel: 'mina.minuit@ml-ra01.fr', nom: 'Mina Minuit', organisation: await organisation('ml', 'RA01'), role: 'conseiller' };
        const reponse = await app.inject({ method: 'POST', url: '/api/comptes', payload: corps, headers: direction });
        expect(reponse.json().expire_le, reponse.body).toBe('2018-06-09T00:30:00');
        const [trace] = await base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'inviter_compte' ORDER BY id DESC LIMIT 1`);
        expect(trace.details.expire_le).toBe('2018-06-09');
      } finally {
        horloge.fixer(instant);
      }
    });
  });
});
