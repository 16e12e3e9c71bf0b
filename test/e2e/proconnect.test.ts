// La connexion ProConnect de bout en bout, dans Chromium, avec un vrai fournisseur OpenID Connect sur
// la boucle locale : redirection avec PKCE, connexion chez le fournisseur, retour, session, déconnexion
// chez le fournisseur ; un compte inconnu ou désactivé est refusé et tracé.
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
    application = await demarrerApplication(moteur, { oidc: { issuer: fournisseur.issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, scope: 'openid email' } });
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

  it("un compte ProConnect sans utilisateur dans l'application est refusé, avec un message français, et tracé", async () => {
    const page = await seConnecterChezLeFournisseur('inconnu@exemple.gouv.fr');
    await page.getByText("Votre compte ProConnect n'est rattaché à aucun utilisateur de CPO Missions locales.").waitFor();
    expect((await page.request.get('/api/moi')).status()).toBe(401);
    const [trace] = await application.base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'connexion_refusee' ORDER BY id DESC LIMIT 1`);
    expect(trace).toMatchObject({ acteur: 'inconnu@exemple.gouv.fr', details: { motif: 'compte inconnu' } });
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
