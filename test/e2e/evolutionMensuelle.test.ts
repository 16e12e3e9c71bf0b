// L'évolution mois par mois dans Chromium : au 15 décembre 2018, la page d'évolution d'une ML passe de
// « Années » à « Mois par mois (N et N-1) » ; le graphique et le tableau montrent alors 2018 (jusqu'à
// fin novembre) et 2017, chaque fin de mois, aux valeurs de l'API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formaterValeur } from '../../src/domaine/indicateurs/format.ts';
import { auJourFixe } from '../../src/infrastructure/horloge.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

surChaqueMoteur('Évolution mois par mois dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  beforeAll(async () => {
    application = await demarrerApplication(moteur, { horloge: auJourFixe('2018-12-15') });
  }, 330_000);
  afterAll(() => application?.fermer());

  it('la page passe en mensuel et montre N et N-1 à chaque fin de mois, aux valeurs de l’API', async () => {
    const page = await application.connecte('Claire Martin');
    page.setDefaultTimeout(150_000);
    await page.goto('/evolution/structure/ML02A01?mesure=ratio_07');
    const annuel = page.locator('section[aria-label^="Taux d\'accès à l\'emploi"]');
    await annuel.locator('tbody tr').first().waitFor();
    expect(await annuel.locator('thead th').first().innerText()).toContain('Année');

    await page.getByText('Mois par mois (N et N-1)').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('vue')).toBe('mois');
    await page.getByRole('heading', { level: 1, name: 'Évolution mois par mois, 2018 et 2017' }).waitFor();
    const tableau = page.locator('section[aria-label$="mois par mois, 2018 et 2017"]');
    await tableau.locator('tbody tr').nth(11).waitFor();
    await page.getByRole('status').filter({ hasText: 'mois sur 12' }).waitFor({ state: 'detached' });

    const serie = await (await page.request.get('/api/evolution/structure/ML02A01/mois/2018')).json();
    expect(serie.au.at(-1)).toBeNull();
    const entetes = (await tableau.locator('thead th').allInnerTexts()).map((e) => e.split('\n')[0].replace(/[↕▲▼]/g, '').trim());
    expect(entetes.slice(0, 3)).toEqual(['Mois', `Mission locale — ${serie.series[0].nom} — 2018`, `Mission locale — ${serie.series[0].nom} — 2017`]);
    expect(entetes).toHaveLength(1 + 2 * serie.series.length);
    const rangees = await tableau.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim())));
    expect(rangees.map((r) => r[0])).toEqual(['Fin janvier', 'Fin février', 'Fin mars', 'Fin avril', 'Fin mai', 'Fin juin', 'Fin juillet', 'Fin août', 'Fin septembre', 'Fin octobre', 'Fin novembre', 'Fin décembre']);
    rangees.forEach((r, i) => {
      serie.series.forEach((s: any, j: number) => {
        expect(r[1 + 2 * j], `${s.code} 2018 mois ${i + 1}`).toBe(formaterValeur(s.valeurs[i]?.ratios.ratio_07 ?? null, 'part'));
        expect(r[2 + 2 * j], `${s.code} 2017 mois ${i + 1}`).toBe(formaterValeur(s.precedent[i]?.ratios.ratio_07 ?? null, 'part'));
      });
    });
    // N n'est pas l'année précédente : au moins un mois diffère.
    expect(rangees.some((r) => r[1] !== r[2])).toBe(true);
    await page.locator('figure[data-graphique$="mois par mois, 2018 et 2017"] canvas').waitFor();
    await capturer(page, `${moteur.nom}-evolution-mensuelle`);
    expect(await violationsGraves(page)).toEqual([]);

    // Une autre année : tous ses mois sont finis.
    await page.getByLabel('Année', { exact: true }).selectOption('2016');
    await page.getByRole('heading', { level: 1, name: 'Évolution mois par mois, 2016 et 2015' }).waitFor();
    const t2016 = page.locator('section[aria-label$="mois par mois, 2016 et 2015"]');
    await t2016.locator('tbody tr').nth(11).waitFor();
    const decembre = (await t2016.locator('tbody tr').nth(11).locator('td').first().innerText()).trim();
    expect(decembre).not.toBe('n.d.');
    // Revenir aux années retire le choix de l'adresse.
    await page.getByText('Années', { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('vue')).toBeNull();
    await annuel.locator('tbody tr').first().waitFor();
  }, 600_000);
});
