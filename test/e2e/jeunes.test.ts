// Dans Chromium, sur chaque moteur : la liste des jeunes d'une ML, ses exports (toutes les lignes du
// filtre, dans l'ordre de la liste), le dossier d'un jeune et sa frise ; puis, à 1366 px, le suivi de
// campagne de la DIRECCTE et l'historique d'un dialogue tiennent sans défilement horizontal.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formaterValeur } from '../../src/domaine/indicateurs/format.ts';
import { friseDuParcours } from '../../src/domaine/parcours/dossier.ts';
import { dateEnFrancais } from '../../src/domaine/temps/dates.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

const ML = 'ML02A01';

surChaqueMoteur('Jeunes, dossier et tableaux larges dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-${nom}`);
  beforeAll(async () => {
    application = await demarrerApplication(moteur);
  }, 180_000);
  afterAll(() => application?.fermer());

  /** Le tableau tient dans son conteneur : pas de défilement horizontal. */
  const tient = (page: Page, section: string) =>
    page.locator(`section[aria-label^="${section}"] .fr-table__container`).evaluate((e) => ({ defilement: e.scrollWidth, largeur: e.clientWidth }));

  it("la liste exporte toutes ses lignes, dans son ordre, et mène au dossier d'un jeune et à sa frise", async () => {
    const page = await application.connecte('Claire Martin');
    await page.getByRole('link', { name: 'Jeunes suivis' }).click();
    const { total } = await (await page.request.get(`/api/structures/${ML}/jeunes`)).json();
    expect(total).toBeGreaterThan(1000);
    // « 7 213 jeunes » : séparateur des milliers.
    const titre = `${formaterValeur(total, 'jeunes')} jeunes`;
    await page.locator('caption', { hasText: titre }).waitFor();
    expect(await page.locator('main table tbody tr').count()).toBe(50);

    // Tri par date de naissance, sur toute la liste : la première ligne est le plus âgé de la ML.
    await page.getByRole('button', { name: /^Date de naissance/ }).click();
    await expect.poll(() => page.url()).toMatch(/tri=naissance/);
    const [doyen] = await application.base.query<{ date_naissance: string }>(`SELECT min(date_naissance) AS date_naissance FROM jeune WHERE code_structure = $1`, [ML]);
    await expect.poll(() => page.locator('main table tbody tr').first().locator('td').nth(2).innerText()).toBe(dateEnFrancais(doyen.date_naissance));
    const ordreEcran = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ligne')));
    await capture(page, 'jeunes-liste');
    expect(await violationsGraves(page)).toEqual([]);

    const section = page.locator('main section[aria-label*=" jeunes — page 1 sur "]');
    const [csv] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: /^CSV/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(new RegExp(`^jeunes-${ML}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
    const lignes = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lignes).toHaveLength(total + 1);
    expect(lignes[0]).toBe('Nom;Prénom;Identifiant;Date de naissance;Sexe;Premier accueil;Conseiller');
    expect(lignes.slice(1, 51).map((l) => l.split(';')[2])).toEqual(ordreEcran);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), section.getByRole('link', { name: /^XLSX/ }).click()]);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.readFile(await xlsx.path());
    expect(classeur.worksheets[0].rowCount).toBe(total + 1);
    const traces = await application.base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'exporter_jeunes' ORDER BY id`);
    expect(traces.map((t) => t.details)).toEqual([
      { format: 'csv', lignes: total, recherche: '', tri: 'naissance', ordre: 'asc' },
      { format: 'xlsx', lignes: total, recherche: '', tri: 'naissance', ordre: 'asc' },
    ]);

    // Le dossier du premier jeune : identité, puis parcours en frise, année par année.
    const premier = page.locator('main table tbody tr').first().getByRole('link');
    const nom = (await premier.innerText()).trim();
    await premier.click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/structures/${ML}/jeunes/${ordreEcran[0]}$`));
    const dossier = await (await page.request.get(`/api/structures/${ML}/jeunes/${ordreEcran[0]}`)).json();
    const etapes = friseDuParcours(dossier);
    await page.locator('main h1', { hasText: nom }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Parcours' }).waitFor();
    const frise = page.locator('main ol.cpo-frise > li');
    expect(await frise.count()).toBe(etapes.length);
    expect(await frise.first().innerText()).toMatch(new RegExp(`^${dateEnFrancais(dossier.jeune.date_premier_accueil)}\\s+Accueil\\s+Premier accueil à la Mission locale`, 'i'));
    expect(await page.locator('main time').first().getAttribute('datetime')).toBe(dossier.jeune.date_premier_accueil);
    const annees = [...new Set(etapes.map((e) => e.date.slice(0, 4)))];
    expect(await page.locator('main section[aria-labelledby^="annee-"] h3').allInnerTexts()).toEqual(annees);
    await capture(page, 'jeune-dossier');
    expect(await violationsGraves(page)).toEqual([]);
    // À 375 px, la page ne défile pas de côté.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await capture(page, 'jeune-dossier-375');
  });

  it("un agent de l'État ne voit ni la liste, ni ses exports, ni le dossier d'un jeune", async () => {
    const page = await application.connecte('Sophie Bernard');
    for (const adresse of [`/api/structures/${ML}/jeunes.csv`, `/api/structures/${ML}/jeunes.xlsx`, `/api/structures/${ML}/jeunes/J000001`]) {
      expect((await page.request.get(adresse)).status(), adresse).toBe(403);
    }
    await page.goto(`/structures/${ML}/jeunes/J000001`);
    await page.getByText('Accès refusé').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Parcours|Date de naissance/);
  });

  it('à 1366 px, le suivi de campagne montre montant décidé, variation et dépassement sans défilement ; l’historique du dialogue non plus', async () => {
    const page = await application.connecte('Sophie Bernard');
    await page.setViewportSize({ width: 1366, height: 900 });
    const campagne = await envoyer(page, '/api/campagnes', { annee: 2018, region: '94', echeanceAutodiagnostic: '2018-02-15', echeanceEntretien: '2018-03-15', echeanceSignature: '2018-04-30' });
    expect(campagne.status()).toBe(201);
    const { id } = await campagne.json();
    // Des états avancés posés en base : le tableau a alors ses cellules les plus larges (états longs,
    // montants à sept chiffres, décision au-delà des 10 %), et l'historique un long motif de renvoi.
    const dialogues = await application.base.query<{ id: number }>(`SELECT id FROM dialogue WHERE campagne_id = $1 ORDER BY id`, [id]);
    const etats = ['decision_financiere', 'signe_ml', 'objectifs_arretes', 'autodiagnostic_soumis'];
    for (const [i, d] of dialogues.entries()) {
      const decision = i < 2 ? { montants: { fonctionnement_cpo: 1_234_567, garantie_jeunes: 250_000 }, enveloppe: { variation: i === 0 ? 0.152 : -0.031, depasse: i === 0 }, justification: 'Antenne nouvelle.' } : null;
      await application.base.query(`UPDATE dialogue SET etat = $2, objectifs = $3, decision = $4 WHERE id = $1`, [
        d.id,
        etats[i],
        i < 3 ? JSON.stringify({ cibles: { ratio_07: 0.364, ratio_08: 0.125 }, plan: [], qualitatifs: '' }) : null,
        decision && JSON.stringify(decision),
      ]);
    }
    await application.base.query(
      `INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role, motif) VALUES ($1, 'renvoyer', 'autodiagnostic_soumis', 'ouvert', 'marc.robin@ud-2a.demo', 'agent_ud', $2)`,
      [dialogues[0].id, "L'autodiagnostic ne commente ni l'objectif 3 (accès à l'alternance) ni la baisse des entrées en Garantie jeunes : merci de compléter ces deux points avant l'entretien."],
    );

    await page.goto(`/campagnes/${id}`);
    await page.locator('main table tbody tr').first().waitFor();
    const suivi = await tient(page, 'Dialogues de gestion 2018');
    expect(suivi.defilement).toBeLessThanOrEqual(suivi.largeur);
    const conteneur = (await page.locator('section[aria-label^="Dialogues de gestion"] .fr-table__container').boundingBox())!;
    for (const entete of [/^Montant décidé/, /^Variation sur la convention/, /^Au-delà de 10 %/]) {
      const boite = (await page.getByRole('columnheader', { name: entete }).boundingBox())!;
      expect(boite.x + boite.width, String(entete)).toBeLessThanOrEqual(conteneur.x + conteneur.width + 1);
    }
    const ligne = page.locator('main table tbody tr', { hasText: "Mission locale d'Ajaccio" });
    expect(await ligne.innerText()).toMatch(/1\s484\s567\s€[\s\S]*15,2\s%[\s\S]*oui, justifié/);
    expect(await ligne.locator('td').last().isVisible()).toBe(true);
    await capture(page, 'suivi-campagne-1366');
    expect(await violationsGraves(page)).toEqual([]);

    await page.goto(`/dialogues/${dialogues[0].id}`);
    await page.getByRole('heading', { name: 'Historique' }).waitFor();
    const historique = await tient(page, 'Chaque pas du dialogue');
    expect(historique.defilement).toBeLessThanOrEqual(historique.largeur);
    const etat = await tient(page, 'Ratios 2017');
    expect(etat.defilement).toBeLessThanOrEqual(etat.largeur);
    await capture(page, 'dialogue-historique-1366');
  });
});
