// Dans Chromium, sur chaque moteur : la direction d'une ML saisit ses ETP ; une valeur invalide est
// refusée par la règle de l'import et reste dans son champ avec son message, rien n'est écrit ; corrigée,
// elle est enregistrée, le ratio qui en dépend change et l'historique la montre. La DIRECCTE téléverse un
// fichier de contexte : refusé en entier pour une ligne hors de sa région, erreurs en tableau.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fichierDeclare } from '../../src/domaine/declarees/declaration.ts';
import { lireValeur } from '../../src/domaine/echange/valeurs.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

const ML = 'ML02A01';

surChaqueMoteur('Données déclarées dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-${nom}`);
  beforeAll(async () => {
    application = await demarrerApplication(moteur);
  }, 180_000);
  afterAll(() => application?.fermer());

  it('la direction saisit ses ETP : une valeur invalide reste dans le champ avec le message de l’import, puis corrigée, elle est enregistrée', async () => {
    const page = await application.connecte('Paul Lefebvre');
    const annee: number = (await (await page.request.get('/api/moi')).json()).annees.at(-1);
    const etp = async () => (await application.base.query<{ etp: number | null }>('SELECT etp_conseillers::float8 AS etp FROM moyens WHERE code_structure = $1 AND annee = $2', [ML, annee]))[0]?.etp;
    const avant = await etp();
    const historiqueAvant = (await application.base.query('SELECT 1 FROM declaration_historique')).length;

    await page.getByRole('link', { name: 'Données déclarées' }).first().click();
    await page.locator('main h1', { hasText: 'Données déclarées' }).waitFor();
    const champ = page.getByLabel('Conseillers (ETP)', { exact: true });
    await champ.fill('douze');
    await page.getByRole('button', { name: `Enregistrer les moyens ${annee}` }).click();
    const message = lireValeur(fichierDeclare('moyens').colonnes.find((c) => c.nom === 'etp_conseillers')!, 'douze', '2018-12-31').erreur!;
    const attendu = `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
    await page.locator('.fr-message--error', { hasText: attendu }).waitFor();
    expect(await champ.inputValue()).toBe('douze');
    expect(await champ.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.getByRole('alert').filter({ hasText: "Rien n'a été envoyé" }).waitFor();
    expect(await etp()).toBe(avant);
    expect((await application.base.query('SELECT 1 FROM declaration_historique')).length).toBe(historiqueAvant);
    await capture(page, 'declarees-refus');
    expect(await violationsGraves(page)).toEqual([]);

    await champ.fill('12,5');
    await page.getByRole('button', { name: `Enregistrer les moyens ${annee}` }).click();
    await page.locator('.fr-alert--success', { hasText: 'Enregistré : 1 valeur changée' }).waitFor();
    expect(await etp()).toBe(12.5);
    expect(await page.locator('.fr-message--error').count()).toBe(0);
    const historique = page.locator('main section[aria-label^="Changements des données déclarées"] tbody tr').first();
    await expect.poll(() => historique.innerText()).toMatch(/Moyens — Conseillers \(ETP\)\s+.*\s+12,5\s+Paul Lefebvre/);
    // Le ratio qui en dépend a changé aussitôt : jeunes accompagnés par conseiller.
    const chiffres = await (await page.request.get(`/api/annees/${annee}/structures/${ML}`)).json();
    expect(chiffres.ratios.ratio_06).toBeCloseTo(chiffres.indicateurs.jeunes_accompagnes / 12.5, 6);
    await capture(page, 'declarees-enregistre');
  });

  it('la DIRECCTE téléverse le contexte de ses ML : une ligne hors de sa région refuse tout, erreurs en tableau', async () => {
    // Une ML d'une autre région, hors du périmètre de la DIRECCTE de Corse.
    await application.base.query(`INSERT INTO mission_locale (code_structure, nom, code_departement, code_region) VALUES ('ML75001', 'Mission locale de Paris', '75', '11') ON CONFLICT DO NOTHING`);
    const page = await application.connecte('Sophie Bernard');
    await page.getByRole('link', { name: 'Données déclarées' }).first().click();
    await page.locator('main h1', { hasText: 'Données déclarées' }).waitFor();
    const dossier = dossierTemporaire('contexte-e2e');
    const fichier = join(dossier, 'contexte.csv');
    writeFileSync(fichier, `code_structure;annee;pop_16_25\n${ML};2017;41000\nML75001;2017;12\n`);
    await page.setInputFiles('#fichier-contexte', fichier);
    await page.getByRole('button', { name: 'Téléverser' }).click();
    await page.getByRole('alert').filter({ hasText: "Hors de votre périmètre : fichier contexte.csv refusé, rien n'a été écrit (ligne 3)." }).waitFor();
    const erreur = page.locator('main section[aria-label^="Erreurs du fichier contexte.csv"] tbody tr');
    await expect.poll(() => erreur.first().innerText()).toMatch(/^3\s+code_structure\s+ML75001\s+hors de votre périmètre/);
    expect((await application.base.query(`SELECT 1 FROM contexte WHERE code_structure = $1 AND annee = 2017 AND pop_16_25 = 41000`, [ML])).length).toBe(0);

    const correct = join(dossier, 'contexte-corrige.csv');
    writeFileSync(correct, `code_structure;annee;pop_16_25\n${ML};2017;41000\n`);
    await page.setInputFiles('#fichier-contexte', correct);
    await page.getByRole('button', { name: 'Téléverser' }).click();
    await page.locator('.fr-alert--success', { hasText: 'Fichier contexte-corrige.csv enregistré : 1 ligne(s) lue(s), 1 changée(s)' }).waitFor();
    expect((await application.base.query(`SELECT 1 FROM contexte WHERE code_structure = $1 AND annee = 2017 AND pop_16_25 = 41000`, [ML])).length).toBe(1);
    expect(await violationsGraves(page)).toEqual([]);
  });
});
