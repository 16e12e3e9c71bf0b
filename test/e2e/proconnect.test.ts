// La connexion ProConnect de bout en bout, dans Chromium, avec un vrai fournisseur OpenID Connect sur
// la boucle locale : redirection avec PKCE, connexion chez le fournisseur, retour, session, déconnexion
// chez le fournisseur ; un compte inconnu ou désactivé est refusé et tracé ; un agent sans compte d'une
// organisation connue par son SIRET attend qu'un administrateur accepte sa demande.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { surChaqueMoteur } from '../outils/bases.ts';
import { CLIENT, demarrerFournisseur } from './fournisseurOidc.ts';
import { capturer, demarrerApplication } from './navigateur.ts';

surChaqueMoteur('Connexion ProConnect dans Chromium', (moteur) => {
  let fournisseur: Awaited<ReturnType<typeof demarrerFournisseur>>;
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  beforeAll(async () => {
    fournisseur = await demarrerFournisseur();
    application = await demarrerApplication(moteur, { oidc: { issuer: fournisseur.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, scope: 'openid email given_name usual_name siret' } });
    fournisseur.accepter(application.adresse);
  }, 180_000);
  afterAll(async () => {
    await application?.fermer();
    await fournisseur?.fermer();
  });

  async function seConnecterChezLeFournisseur(courriel: string): Promise<Page> {
    const contexte = await application.navigateur.newContext({ baseURL: application.adresse, locale: 'fr-FR' });
    contexte.setDefaultTimeout(15_000);
    const page = await contexte.newPage();
    await page.goto('/connexion');
    await page.getByRole('link', { name: /ProConnect/ }).first().click();
    await page.waitForURL((url) => url.href.startsWith(fournisseur.issuer));
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
    await page.locator('input[name="login"]').fill(courriel);
    await page.locator('input[name="password"]').fill('peu importe');
    await page.locator('button[type="submit"]').click();
    // Premier passage : le fournisseur demande le consentement.
    const consentement = page.getByRole('button', { name: 'Continue' });
    await page.waitForURL((url) => url.href.startsWith(application.adresse) || url.pathname.startsWith('/interaction/'));
    if (page.url().startsWith(fournisseur.issuer) && (await consentement.count())) await consentement.click();
    await page.waitForURL((url) => url.href.startsWith(application.adresse));
    return page;
  }

  it("un agent connu se connecte par ProConnect, arrive sur son tableau de bord, puis se déconnecte aussi chez le fournisseur", async () => {
    const page = await seConnecterChezLeFournisseur('sophie.bernard@direccte-94.demo');
    await page.locator('main h1', { hasText: 'Corse' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/regions/94');
    await capturer(page, `${moteur.nom}-proconnect-connecte`);
    const [trace] = await application.base.query(`SELECT acteur FROM journal_audit WHERE action = 'connexion_oidc' ORDER BY id DESC LIMIT 1`);
    expect(trace.acteur).toBe('sophie.bernard@direccte-94.demo');

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL((url) => url.href.startsWith(fournisseur.issuer));
    // oidc-provider demande confirmation de la déconnexion, puis revient à l'application.
    await page.locator('button[autofocus], button[type="submit"]').first().click();
    await page.waitForURL((url) => url.href.startsWith(`${application.adresse}/connexion`));
    expect((await page.request.get('/api/moi')).status()).toBe(401);
  });

  it("un agent sans compte d'une organisation inconnue est refusé, avec un message français, et tracé", async () => {
    fournisseur.sirets.set('inconnu@exemple.gouv.fr', '11122233344455');
    const page = await seConnecterChezLeFournisseur('inconnu@exemple.gouv.fr');
    await page.getByText("Votre organisation (le SIRET que ProConnect a transmis) n'est pas enregistrée dans CPO Missions locales", { exact: false }).waitFor();
    expect((await page.request.get('/api/moi')).status()).toBe(401);
    const [trace] = await application.base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'connexion_refusee' ORDER BY id DESC LIMIT 1`);
    expect(trace).toMatchObject({ acteur: 'inconnu@exemple.gouv.fr', details: { motif: 'organisation inconnue', siret: '11122233344455' } });
    expect(await application.base.query('SELECT 1 FROM demande_acces')).toEqual([]);
  });

  it("un agent sans compte d'une ML connue attend ; accepté par la DIRECCTE, il se connecte", async () => {
    const [ml] = await application.base.query<{ code: string; nom: string; siret: string }>(`SELECT code, nom, siret FROM organisation WHERE type = 'ml' AND siret IS NOT NULL ORDER BY code LIMIT 1`);
    const courriel = 'nouvel.agent@ml-corse.fr';
    fournisseur.sirets.set(courriel, ml.siret);
    const attente = await seConnecterChezLeFournisseur(courriel);
    await attente.getByRole('heading', { name: "Votre demande d'accès est en attente" }).waitFor();
    expect((await attente.request.get('/api/moi')).status()).toBe(401);
    await capturer(attente, `${moteur.nom}-proconnect-demande-en-attente`);
    expect(await application.base.query(`SELECT etat FROM demande_acces WHERE courriel = $1`, [courriel])).toEqual([{ etat: 'en_attente' }]);
    expect(await application.base.query('SELECT 1 FROM utilisateur WHERE courriel = $1', [courriel])).toEqual([]);

    const direccte = await application.connecte('Sophie Bernard');
    await direccte.getByRole('link', { name: 'Comptes' }).first().click();
    await direccte.getByRole('heading', { name: `Agent nouvel.agent — ${courriel}` }).waitFor();
    await direccte.getByLabel('Rôle donné à Agent nouvel.agent').selectOption({ label: 'Direction / présidence de ML' });
    await direccte.getByRole('button', { name: 'Accepter la demande de Agent nouvel.agent' }).click();
    await direccte.getByText('Aucune demande en attente.').waitFor();
    expect(await application.base.query(`SELECT role FROM utilisateur WHERE courriel = $1`, [courriel])).toEqual([{ role: 'direction_ml' }]);

    const connecte = await seConnecterChezLeFournisseur(courriel);
    await connecte.waitForURL((url) => url.pathname === `/structures/${ml.code}`);
    expect((await (await connecte.request.get('/api/moi')).json()).utilisateur).toMatchObject({ courriel, role: 'direction_ml' });
  });

  it('un compte désactivé est refusé à la connexion ProConnect, avec un message français, et tracé', async () => {
    const [{ courriel }] = await application.base.query<{ courriel: string }>(`UPDATE utilisateur SET actif = false WHERE role = 'agent_ud' RETURNING courriel`);
    try {
      const page = await seConnecterChezLeFournisseur(courriel);
      await page.getByText('Votre compte CPO Missions locales est désactivé.', { exact: false }).waitFor();
      expect((await page.request.get('/api/moi')).status()).toBe(401);
      const [trace] = await application.base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'connexion_refusee' ORDER BY id DESC LIMIT 1`);
      expect(trace).toMatchObject({ acteur: courriel, details: { motif: 'compte désactivé' } });
    } finally {
      await application.base.query(`UPDATE utilisateur SET actif = true WHERE role = 'agent_ud'`);
    }
  });
});
