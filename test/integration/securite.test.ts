// Les protections de l'interface web, sur les deux moteurs : jeton anti-CSRF, limite des tentatives de
// connexion, expiration et révocation des sessions, refus tracés, en-têtes de sécurité, réponses en
// français aux requêtes mal formées, ouvertures concurrentes d'une campagne.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Base } from '../../src/application/ports/base.ts';
import { DUREE_SESSION_S } from '../../src/http/acces.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { compte, comptesDemo, connecter, jetonAnonyme, type CompteDemo } from '../outils/sessions.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

surChaqueMoteur('Sécurité de l’interface web', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  // L'heure du serveur, avancée à la main : l'expiration des sessions se vérifie sans attendre.
  const horloge = new HorlogeFixe('2019-03-01T10:00:00+01:00');
  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('securite');
    ecrireExtraitAleatoire(dossier, 3, { structures: 2, jeunesParStructure: 20 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, connexionsParMinute: 3, horloge });
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it("refuse une requête qui change l'état sans le jeton anti-CSRF de sa session, et n'écrit rien", async () => {
    const dgefp = await connecter(app, compte(await comptesDemo(app), 'agent_dgefp'));
    const avant = await base.query('SELECT count(*)::int AS n FROM instantane');
    const sansJeton = await app.inject({ method: 'POST', url: '/api/instantanes', payload: { annee: 2016 }, headers: { cookie: dgefp.cookie } });
    expect(sansJeton.statusCode).toBe(403);
    expect(sansJeton.json()).toEqual({ code: 'jeton_csrf', message: 'Jeton anti-CSRF absent ou périmé : rechargez la page, puis recommencez.' });
    const autre = await jetonAnonyme(app);
    const jetonEtranger = await app.inject({ method: 'POST', url: '/api/instantanes', payload: { annee: 2016 }, headers: { cookie: dgefp.cookie, 'x-csrf-token': autre['x-csrf-token'] } });
    expect(jetonEtranger.statusCode).toBe(403);
    expect(await base.query('SELECT count(*)::int AS n FROM instantane')).toEqual(avant);
    const [trace] = await base.query(`SELECT acteur FROM journal_audit WHERE action = 'acces_refuse' ORDER BY id DESC LIMIT 1`);
    expect(trace.acteur).toBe('nadia.haddad@dgefp.demo');
    expect((await app.inject({ method: 'POST', url: '/api/instantanes', payload: { annee: 2016 }, headers: dgefp })).statusCode).toBe(201);
  });

  it('une session expirée ne sert plus', async () => {
    const session = await connecter(app, (await comptesDemo(app))[0]);
    expect((await app.inject({ url: '/api/moi', headers: session })).statusCode).toBe(200);
    // À l'horloge du serveur, 3 s avant la fin : encore ouverte ; 8 h après l'ouverture : expirée en base
    // (le cookie, lui, reste valide ; 3 s dépassent les 2 s où une session relue sert sans revérification).
    horloge.avancer(DUREE_SESSION_S * 1000 - 3000);
    expect((await app.inject({ url: '/api/moi', headers: session })).statusCode).toBe(200);
    horloge.avancer(3000);
    const perimee = await app.inject({ url: '/api/moi', headers: session });
    expect(perimee.statusCode).toBe(401);
    expect(perimee.json()).toEqual({ code: 'non_connecte', message: expect.stringMatching(/^Connexion requise/) });
  });

  it('limite les tentatives de connexion par adresse, avec un message en français', async () => {
    const [premier] = await comptesDemo(app);
    const statuts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: premier.id }, headers: await jetonAnonyme(app), remoteAddress: '203.0.113.7' });
      statuts.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json().code).toBe('trop_de_tentatives');
      if (r.statusCode === 429) expect(r.json().message).toMatch(/^Trop de tentatives de connexion depuis votre adresse : réessayez dans \d+ secondes\.$/);
    }
    expect(statuts).toEqual([200, 200, 200, 429, 429]);
  });

  it('pose les en-têtes de sécurité : CSP, cadres interdits, pas de HSTS en http', async () => {
    const r = await app.inject({ url: '/api/sante' });
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['strict-transport-security']).toBeUndefined();
  });

  it('pose HSTS derrière un mandataire TLS de confiance', async () => {
    process.env.CPO_CONFIANCE_PROXY = '1';
    const derriere = await creerServeur(base, { connexionDemo: false });
    delete process.env.CPO_CONFIANCE_PROXY;
    const r = await derriere.inject({ url: '/api/sante', headers: { 'x-forwarded-proto': 'https' } });
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    await derriere.close();
  });

  describe('sessions en base, refus tracés, réponses', () => {
    // Deux instances du serveur sur la même base et la même clé de cookie, comme deux processus.
    let serveur: FastifyInstance;
    let autre: FastifyInstance;
    let comptes: CompteDemo[];
    let ml: string;
    let dialogue: number;
    const BROUILLON = { commentaires: {}, contexte: 'Contexte', planPropose: 'Plan', ciblesProposees: {} };
    const lireJeunes = (app: FastifyInstance, session: Record<string, string>) => app.inject({ url: `/api/structures/${ml}/jeunes`, headers: session });
    const ecrire = (app: FastifyInstance, session: Record<string, string>) =>
      app.inject({ method: 'PUT', url: `/api/dialogues/${dialogue}/autodiagnostic`, payload: BROUILLON, headers: session });
    const derniereTrace = async () => (await base.query(`SELECT acteur, action, objet, details FROM journal_audit ORDER BY id DESC LIMIT 1`))[0];
    const campagne = (annee: number) => ({
      annee,
      region: compte(comptes, 'agent_direccte').organisation.code,
      echeanceAutodiagnostic: `${annee}-02-15`,
      echeanceEntretien: `${annee}-03-15`,
      echeanceSignature: `${annee}-04-30`,
    });
    const sessionsOuvertes = async (id: number) =>
      (await base.query<{ n: number }>('SELECT count(*)::int AS n FROM session_utilisateur WHERE utilisateur_id = $1 AND expire_le > now()', [id]))[0].n;

    beforeAll(async () => {
      const cleSession = randomBytes(32);
      serveur = await creerServeur(base, { connexionDemo: true, connexionsParMinute: 1000, cleSession });
      autre = await creerServeur(base, { connexionDemo: true, connexionsParMinute: 1000, cleSession });
      comptes = await comptesDemo(serveur);
      ml = compte(comptes, 'conseiller').organisation.code;
      // Un dialogue ouvert (campagne 2017) où la direction de la ML écrit son autodiagnostic.
      const direccte = await connecter(serveur, compte(comptes, 'agent_direccte'));
      expect((await serveur.inject({ method: 'POST', url: '/api/campagnes', payload: campagne(2017), headers: direccte })).statusCode).toBe(201);
      [{ id: dialogue }] = await base.query<{ id: number }>('SELECT id FROM dialogue WHERE code_structure = $1 AND annee = 2017', [ml]);
    });
    afterAll(async () => {
      await serveur.close();
      await autre.close();
    });

    it("dix ouvertures simultanées d'une campagne : une réussit (201), neuf sont refusées (409) en français", async () => {
      const session = await connecter(serveur, compte(comptes, 'agent_direccte'));
      const reponses = await Promise.all(Array.from({ length: 10 }, () => serveur.inject({ method: 'POST', url: '/api/campagnes', payload: campagne(2018), headers: session })));
      expect(reponses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
      const { id } = reponses.find((r) => r.statusCode === 201)!.json();
      for (const r of reponses.filter((r) => r.statusCode === 409)) expect(r.json().message).toBe(`La campagne 2018 de cette région est déjà ouverte (campagne n° ${id}).`);
      expect(await base.query('SELECT id FROM campagne WHERE annee = 2018')).toEqual([{ id }]);
    });

    it("se déconnecter ferme la session : une copie du cookie ne lit plus les jeunes ni n'écrit, ici comme sur une autre instance", async () => {
      const direction = compte(comptes, 'direction_ml', ml);
      const session = await connecter(serveur, direction);
      const copie = { ...session };
      for (const app of [serveur, autre]) {
        expect((await lireJeunes(app, copie)).statusCode).toBe(200);
        expect((await ecrire(app, copie)).statusCode).toBe(200);
        expect((await app.inject({ url: '/api/moi', headers: copie })).statusCode).toBe(200);
      }
      expect((await serveur.inject({ method: 'POST', url: '/api/deconnexion', headers: session })).statusCode).toBe(204);
      for (const app of [serveur, autre]) {
        const lecture = await lireJeunes(app, copie);
        expect(lecture.statusCode).toBe(401);
        expect(lecture.json().message).toMatch(/^Connexion requise/);
        expect((await ecrire(app, copie)).statusCode).toBe(401);
      }
      // Sur l'instance qui a fermé la session, même les tableaux de bord la refusent aussitôt.
      expect((await serveur.inject({ url: '/api/moi', headers: copie })).statusCode).toBe(401);
      expect(await sessionsOuvertes(direction.id)).toBe(0);
      const [sortie] = await base.query(`SELECT acteur FROM journal_audit WHERE action = 'deconnexion' ORDER BY id DESC LIMIT 1`);
      expect(sortie).toEqual({ acteur: direction.courriel });
    });

    it('se déconnecter partout ferme toutes les sessions de l’utilisateur, pas celles des autres', async () => {
      const region = compte(comptes, 'agent_region');
      const [a, b] = [await connecter(serveur, region), await connecter(autre, region)];
      const tiers = await connecter(serveur, compte(comptes, 'agent_ud'));
      for (const s of [a, b, tiers]) expect((await serveur.inject({ url: '/api/moi', headers: s })).statusCode).toBe(200);
      expect(await sessionsOuvertes(region.id)).toBe(2);
      const sans = await serveur.inject({ method: 'POST', url: '/api/deconnexion/partout', headers: { cookie: a.cookie } });
      expect(sans.statusCode).toBe(403);
      expect((await serveur.inject({ method: 'POST', url: '/api/deconnexion/partout', headers: a })).statusCode).toBe(204);
      expect(await derniereTrace()).toMatchObject({ acteur: region.courriel, action: 'deconnexion_partout', details: { sessions: 2 } });
      expect(await sessionsOuvertes(region.id)).toBe(0);
      for (const s of [a, b]) expect((await serveur.inject({ url: '/api/moi', headers: s })).statusCode).toBe(401);
      expect((await serveur.inject({ url: '/api/moi', headers: tiers })).statusCode).toBe(200);
    });

    it("changer en SQL le rôle, l'organisation ou le courriel d'un compte, ou le désactiver, ferme ses sessions : refus aussitôt", async () => {
      const conseiller = compte(comptes, 'conseiller');
      const session = await connecter(serveur, conseiller);
      expect((await lireJeunes(serveur, session)).statusCode).toBe(200);
      expect((await ecrire(serveur, session)).statusCode).toBe(403);
      await base.query(`UPDATE utilisateur SET role = 'direction_ml' WHERE id = $1`, [conseiller.id]);
      try {
        expect(await sessionsOuvertes(conseiller.id)).toBe(0);
        expect((await lireJeunes(serveur, session)).statusCode).toBe(401);
        expect((await ecrire(serveur, session)).statusCode).toBe(401);
      } finally {
        await base.query(`UPDATE utilisateur SET role = 'conseiller' WHERE id = $1`, [conseiller.id]);
      }
      const [{ organisation_id: organisation }] = await base.query('SELECT organisation_id FROM utilisateur WHERE id = $1', [conseiller.id]);
      const [{ id: autreOrganisation }] = await base.query(`SELECT id FROM organisation WHERE type = 'ml' AND id <> $1 LIMIT 1`, [organisation]);
      const changements: [string, unknown, unknown][] = [
        ['organisation_id', autreOrganisation, organisation],
        ['courriel', 'claire.martin@ailleurs.demo', conseiller.courriel],
        ['actif', false, true],
      ];
      for (const [colonne, valeur, avant] of changements) {
        const ouverte = await connecter(serveur, conseiller);
        expect((await lireJeunes(serveur, ouverte)).statusCode, colonne).toBe(200);
        await base.query(`UPDATE utilisateur SET ${colonne} = $2 WHERE id = $1`, [conseiller.id, valeur]);
        try {
          expect((await lireJeunes(serveur, ouverte)).statusCode, colonne).toBe(401);
          expect(await sessionsOuvertes(conseiller.id), colonne).toBe(0);
          if (colonne === 'actif') {
            const reconnexion = await serveur.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: conseiller.id }, headers: await jetonAnonyme(serveur) });
            expect([reconnexion.statusCode, reconnexion.json().message]).toEqual([403, `Compte de démonstration inconnu : ${conseiller.id}`]);
          }
        } finally {
          await base.query(`UPDATE utilisateur SET ${colonne} = $2 WHERE id = $1`, [conseiller.id, avant]);
        }
      }
      // Un changement qui ne touche ni le rôle, ni l'organisation, ni le courriel, ni l'activité ne ferme rien.
      const neuve = await connecter(serveur, conseiller);
      await base.query(`UPDATE utilisateur SET nom = nom || '' WHERE id = $1`, [conseiller.id]);
      expect((await lireJeunes(serveur, neuve)).statusCode).toBe(200);
    });

    it('trace chaque refus : 409 et 400 des actions du dialogue, 401 sur une route nominative, connexion échouée', async () => {
      const direccte = await connecter(serveur, compte(comptes, 'agent_direccte'));
      // Une signature bien formée, mais le dialogue n'en est pas là : refus d'état (409).
      const signature = { empreinte: '0'.repeat(64), qualite: 'Directrice régionale', lieu: 'Rennes' };
      const conflit = await serveur.inject({ method: 'POST', url: `/api/dialogues/${dialogue}/actions/signer_etat`, payload: signature, headers: direccte });
      expect(conflit.statusCode).toBe(409);
      expect(await derniereTrace()).toEqual({
        acteur: compte(comptes, 'agent_direccte').courriel,
        action: 'requete_refusee',
        objet: `POST /api/dialogues/${dialogue}/actions/signer_etat`,
        details: { statut: 409, route: 'POST /api/dialogues/:id/actions/:action', motif: conflit.json().message },
      });
      const direction = await connecter(serveur, compte(comptes, 'direction_ml', ml));
      const invalide = await serveur.inject({ method: 'PUT', url: `/api/dialogues/${dialogue}/autodiagnostic`, payload: { contexte: 3 }, headers: direction });
      expect(invalide.statusCode).toBe(400);
      expect(await derniereTrace()).toMatchObject({ action: 'requete_refusee', details: { statut: 400, route: 'PUT /api/dialogues/:id/autodiagnostic', motif: invalide.json().message } });
      const anonyme = await serveur.inject({ url: `/api/structures/${ml}/jeunes?recherche=Dupont` });
      expect(anonyme.statusCode).toBe(401);
      expect(await derniereTrace()).toMatchObject({
        acteur: 'anonyme',
        action: 'acces_refuse',
        objet: `GET /api/structures/${ml}/jeunes?recherche=Dupont`,
        details: { statut: 401, route: 'GET /api/structures/:code/jeunes', motif: anonyme.json().message },
      });
      // Un 401 sur une lecture non nominative n'est pas une tentative sur des données personnelles : rien.
      const avant = await derniereTrace();
      expect((await serveur.inject({ url: '/api/moi' })).statusCode).toBe(401);
      expect(await derniereTrace()).toEqual(avant);
      const echec = await serveur.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: 999_999 }, headers: await jetonAnonyme(serveur) });
      expect(echec.statusCode).toBe(403);
      expect(await derniereTrace()).toMatchObject({ action: 'connexion_refusee', details: { statut: 403, route: 'POST /api/connexion/demo', motif: 'Compte de démonstration inconnu : 999999' } });
    });

    it('les réponses nominatives ne se gardent dans aucun cache (Cache-Control: no-store), les autres si', async () => {
      const direction = await connecter(serveur, compte(comptes, 'direction_ml', ml));
      const liste = await lireJeunes(serveur, direction);
      const nominatives = [
        liste,
        await serveur.inject({ url: `/api/structures/${ml}/jeunes/${liste.json().jeunes[0].id_jeune}`, headers: direction }),
        await serveur.inject({ url: '/api/audit', headers: direction }),
        await serveur.inject({ url: '/api/audit.csv', headers: direction }),
        await serveur.inject({ url: `/api/structures/${ml}/jeunes` }),
      ];
      expect(nominatives.map((r) => [r.statusCode, r.headers['cache-control']])).toEqual([
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [401, 'no-store'],
      ]);
      expect((await serveur.inject({ url: `/api/annees/2017/structures/${ml}`, headers: direction })).headers['cache-control']).toBeUndefined();
    });

    it('un caractère nul dans la chaîne de requête, le corps ou le chemin : 400 qui dit où, en français', async () => {
      const direction = await connecter(serveur, compte(comptes, 'direction_ml', ml));
      const cas: [string, string, unknown, string][] = [
        ['GET', `/api/structures/${ml}/jeunes?recherche=a%00b`, undefined, "Requête invalide — chaîne de requête, champ recherche : le caractère nul (\\0) n'est pas permis."],
        ['GET', '/api/audit?acteur=%00', undefined, "Requête invalide — chaîne de requête, champ acteur : le caractère nul (\\0) n'est pas permis."],
        ['PUT', `/api/dialogues/${dialogue}/autodiagnostic`, { ...BROUILLON, commentaires: { obj_1: 'a\u0000' } }, "Requête invalide — corps, champ commentaires.obj_1 : le caractère nul (\\0) n'est pas permis."],
        ['GET', `/api/structures/${ml}/jeunes/J%00`, undefined, "Requête invalide — chemin, champ id : le caractère nul (\\0) n'est pas permis."],
      ];
      for (const [method, url, corps, message] of cas) {
        const r = await serveur.inject({ method: method as 'GET', url, payload: corps as object, headers: direction });
        expect([r.statusCode, r.json()], url).toEqual([400, { code: 'saisie_invalide', message }]);
      }
    });

    it('les refus de requêtes mal formées sont en français, sans fragment anglais', async () => {
      const direction = await connecter(serveur, compte(comptes, 'direction_ml', ml));
      const url = `/api/dialogues/${dialogue}/autodiagnostic`;
      const envoyer = (corps: string, type: string) => serveur.inject({ method: 'PUT', url, body: corps, headers: { ...direction, 'content-type': type } });
      const cas = [
        [await envoyer('{"contexte": ', 'application/json'), 400, "Requête invalide : le corps n'est pas du JSON valide."],
        [await envoyer('', 'application/json'), 400, 'Requête invalide : le corps est vide alors que son type annonce du JSON.'],
        [await serveur.inject({ method: 'PUT', url, body: '{}', headers: { ...direction, 'content-type': 'application/json', 'content-length': '50' } }), 400, "Requête invalide : la taille du corps ne correspond pas à l'en-tête Content-Length."],
        [await envoyer('<brouillon/>', 'application/xml'), 415, 'Type de contenu non pris en charge : envoyez du JSON (Content-Type: application/json).'],
        [await envoyer(JSON.stringify({ ...BROUILLON, contexte: 'x'.repeat(1_100_000) }), 'application/json'), 413, 'Corps de la requête trop volumineux : 1 Mo au plus.'],
        [await serveur.inject({ url: '/api/structures/%E0%A4%A/jeunes', headers: direction }), 400, 'Adresse invalide : un de ses éléments est mal encodé.'],
        [await serveur.inject({ method: 'PUT', url: `/api/dialogues/${'1'.repeat(200)}/autodiagnostic`, headers: direction }), 414, 'Adresse invalide : un élément du chemin est trop long.'],
      ] as const;
      expect(cas.map(([r]) => [r.statusCode, r.json().code, r.json().message])).toEqual(cas.map(([, statut, message]) => [statut, 'saisie_invalide', message]));
      // Un refus sans message connu : un message générique, pas l'anglais d'origine.
      const essai = await creerServeur(base, { connexionDemo: false });
      essai.get('/api/essai', { config: { droit: 'public' } }, async () => {
        throw Object.assign(new Error("I'm a teapot"), { statusCode: 418 });
      });
      const theiere = await essai.inject({ url: '/api/essai' });
      expect([theiere.statusCode, theiere.json().message]).toEqual([418, 'Requête refusée (code HTTP 418).']);
      await essai.close();
    });
  });
});
