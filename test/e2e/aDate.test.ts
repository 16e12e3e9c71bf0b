// Les chiffres à date dans Chromium : le serveur, au 15 décembre 2018, propose « 2018 au 30 novembre
// 2018 » à côté des années entières ; le tableau de bord d'une ML et celui d'une région montrent alors
// les valeurs de l'API à cette date, et N-1 au même jour.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formaterValeur } from '../../src/domaine/indicateurs/format.ts';
import { auJourFixe } from '../../src/infrastructure/horloge.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

surChaqueMoteur('Chiffres à date dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  /** Une session ouverte par l'API de connexion de démonstration (sans attendre la page d'accueil), délais longs. */
  const sessionDe = async (nom: string) => {
    const contexte = await application.navigateur.newContext({ baseURL: application.adresse, viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' });
    contexte.setDefaultTimeout(60_000);
    const page = await contexte.newPage();
    const { utilisateurs } = await (await page.request.get('/api/connexion/demo', { timeout: 150_000 })).json();
    const compte = utilisateurs.find((u: { nom: string }) => u.nom.includes(nom));
    expect((await envoyer(page, '/api/connexion/demo', { id: compte.id })).status()).toBe(200);
    return page;
  };

  beforeAll(async () => {
    application = await demarrerApplication(moteur, { horloge: auJourFixe('2018-12-15') });
    // Le serveur calcule chaque année en arrière-plan au démarrage : l'évolution nationale attend la fin
    // de ce calcul, qui sur la base embarquée occupe le processus des tests (et le serveur avec lui).
    const page = await sessionDe('Nadia Haddad');
    expect((await page.request.get('/api/evolution/national/FR', { timeout: 150_000 })).status()).toBe(200);
    await page.context().close();
  }, 330_000);
  afterAll(() => application?.fermer());

  const api = async (page: Page, url: string) => {
    const reponse = await page.request.get(url);
    expect(reponse.status(), url).toBe(200);
    return reponse.json();
  };

  /** Choisit « 2018 au 30 novembre 2018 » dans le choix de l'année, puis attend les ratios à date. */
  const choisirADate = async (page: Page) => {
    expect((await api(page, '/api/moi')).au_propose).toBe('2018-11-30');
    await page.getByLabel('Année').selectOption({ label: '2018 au 30 novembre 2018' });
    await expect.poll(() => new URL(page.url()).search).toBe('?annee=2018&au=2018-11-30');
    await page.locator('main th', { hasText: 'au 30 novembre 2017' }).first().waitFor();
  };

  it("le tableau de bord d'une ML propose l'année au dernier jour du dernier mois complet, et montre les valeurs de l'API à cette date", async () => {
    const page = await application.connecte('Paul Lefebvre');
    const catalogue = await api(page, '/api/catalogue');
    await page.locator('tr[data-ligne="ratio_13"]').waitFor();
    await choisirADate(page);
    const chiffres = await api(page, '/api/annees/2018/structures/ML02A01?au=2018-11-30');
    const annee = await api(page, '/api/annees/2018/structures/ML02A01');
    expect(chiffres.indicateurs.jeunes_en_contact).toBeLessThan(annee.indicateurs.jeunes_en_contact);
    const entetes = await page.locator('table', { has: page.locator('tr[data-ligne="ratio_01"]') }).locator('thead th').allInnerTexts();
    expect(entetes.slice(1, 3).map((e) => e.split('\n')[0].trim())).toEqual(['au 30 novembre 2018', 'au 30 novembre 2017']);
    for (const r of catalogue.ratios) {
      const cellules = await page.locator(`tr[data-ligne="${r.id}"]`).first().locator('th, td').allInnerTexts();
      expect(cellules[1], r.id).toBe(formaterValeur(chiffres.ratios[r.id], r.unite));
      expect(cellules[2], r.id).toBe(formaterValeur(chiffres.precedent?.ratios[r.id] ?? null, r.unite));
    }
    await capturer(page, `${moteur.nom}-tableau-ml-a-date`);
    expect(await violationsGraves(page)).toEqual([]);
    // Revenir à l'année entière retire la date de l'adresse.
    await page.getByLabel('Année').selectOption({ label: '2018' });
    await expect.poll(() => new URL(page.url()).search).toBe('?annee=2018');
  });

  it('le tableau régional à date montre les ratios de la région de l’API à cette date', async () => {
    // La date vient aussi de l'adresse (lien partagé, page rechargée).
    const page = await sessionDe('Sophie Bernard');
    const catalogue = await api(page, '/api/catalogue');
    await page.goto('/regions/94?annee=2018&au=2018-11-30');
    await page.locator('main th', { hasText: 'au 30 novembre 2017' }).first().waitFor();
    expect(await page.getByLabel('Année').inputValue()).toBe('au');
    const chiffres = await api(page, '/api/annees/2018/regions/94?au=2018-11-30');
    for (const r of catalogue.ratios) {
      const cellules = await page.locator(`tr[data-ligne="${r.id}"]`).last().locator('th, td').allInnerTexts();
      expect(cellules[1], r.id).toBe(formaterValeur(chiffres.territoire.ratios[r.id], r.unite));
      expect(cellules[2], r.id).toBe(formaterValeur(chiffres.precedent?.ratios[r.id] ?? null, r.unite));
    }
  });
});
