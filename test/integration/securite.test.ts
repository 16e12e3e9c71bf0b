// Les protections de l'interface web, sur les deux moteurs : jeton anti-CSRF, limite des tentatives de
// connexion, expiration des sessions, en-têtes de sécurité.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Base } from '../../src/infrastructure/db/base.ts';
import { creerServeur } from '../../src/infrastructure/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { compte, comptesDemo, connecter, jetonAnonyme } from '../outils/sessions.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

surChaqueMoteur('Sécurité de l’interface web', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('securite');
    ecrireExtraitAleatoire(dossier, 3, { structures: 2, jeunesParStructure: 20 });
    expect((await importerExtrait(base, dossier, { aujourdhui: '2018-12-31' })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, connexionsParMinute: 3, dureeSessionS: 2 });
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
    expect(sansJeton.json().message).toBe('Jeton anti-CSRF absent ou périmé : rechargez la page, puis recommencez.');
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
    await new Promise((r) => setTimeout(r, 3100));
    const perimee = await app.inject({ url: '/api/moi', headers: session });
    expect(perimee.statusCode).toBe(401);
    expect(perimee.json().message).toMatch(/^Connexion requise/);
  });

  it('limite les tentatives de connexion par adresse, avec un message en français', async () => {
    const [premier] = await comptesDemo(app);
    const statuts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await app.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: premier.id }, headers: await jetonAnonyme(app), remoteAddress: '203.0.113.7' });
      statuts.push(r.statusCode);
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
});
