// « Mes jeunes » dans Chromium, sur chaque moteur, au 15 décembre 2018 : les compteurs de l'accueil de la
// ML sont ceux de la liste ; le filtre par conseiller et par alerte ; l'état vide ; l'export audité ; le
// dossier d'un jeune dit la limite de son dispositif et son échéance.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formaterValeur } from '../../src/domaine/indicateurs/format.ts';
import { ALERTES, LIBELLES_ALERTE } from '../../src/domaine/parcours/echeances.ts';
import { auJourFixe } from '../../src/infrastructure/horloge.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

const ML = 'ML02A01';

surChaqueMoteur('Mes jeunes dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  beforeAll(async () => {
    application = await demarrerApplication(moteur, { horloge: auJourFixe('2018-12-15') });
    // Un jeune du conseiller CE2E : un diagnostic du 15 octobre sans CIVIS ni PACEA, et une Garantie jeunes
    // entrée le 1er janvier 2018, qui atteint ses 12 mois le 31 décembre.
    const b = application.base;
    await b.query(`INSERT INTO jeune (code_structure, id_jeune, date_naissance, sexe, date_premier_accueil, id_conseiller) VALUES ($1, 'ZZ0001', '2000-01-01', 'F', '2017-12-01', 'CE2E')`, [ML]);
    await b.query(`INSERT INTO jeune_identite (code_structure, id_jeune, nom, prenom) VALUES ($1, 'ZZ0001', 'Zébulon', 'Inès')`, [ML]);
    await b.query(`INSERT INTO evenement (code_structure, id_evenement, id_jeune, date, type) VALUES ($1, 'EZZ1', 'ZZ0001', '2018-12-01', 'ENTRETIEN_INDIVIDUEL')`, [ML]);
    await b.query(`INSERT INTO diagnostic (code_structure, id_diagnostic, id_jeune, date) VALUES ($1, 'GZZ1', 'ZZ0001', '2018-10-15')`, [ML]);
    await b.query(`INSERT INTO dispositif (code_structure, id_dispositif, id_jeune, type, date_debut) VALUES ($1, 'DZZ1', 'ZZ0001', 'GARANTIE_JEUNES', '2018-01-01')`, [ML]);
  }, 180_000);
  afterAll(() => application?.fermer());

  it("les compteurs de l'accueil, la liste filtrée par conseiller et par alerte, son export audité et le dossier avec ses échéances", async () => {
    const page = await application.connecte('Claire Martin');
    const api = await (await page.request.get(`/api/structures/${ML}/liste-de-travail/compteurs`)).json();
    expect(api.jour).toBe('2018-12-15');
    expect(api.total).toBeGreaterThan(0);
    // L'accueil de la ML : un compteur par alerte, celui de l'API.
    const accueil = page.locator('main section[aria-labelledby="liste-de-travail"]');
    await accueil.getByRole('heading', { name: 'Mes jeunes : la liste de travail au 15 décembre 2018' }).waitFor();
    for (const a of ALERTES) expect(await accueil.locator(`li[data-alerte="${a}"]`).innerText()).toBe(`${formaterValeur(api.compteurs[a], 'jeunes')} ${LIBELLES_ALERTE[a]}`);
    await capturer(page, `${moteur.nom}-accueil-compteurs`);

    // Un compteur mène à la liste de son alerte.
    await accueil.locator('li[data-alerte="sans_contact"]').getByRole('link').click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/structures/${ML}/mes-jeunes\\?alerte=sans_contact$`));
    await page.getByRole('heading', { level: 1, name: 'Mes jeunes' }).waitFor();
    const lignes = page.locator('main table tbody tr');
    await expect.poll(() => lignes.count()).toBe(api.compteurs.sans_contact);

    // Le conseiller CE2E, toutes alertes : son seul jeune, ses deux alertes, un lien vers son dossier.
    await page.getByLabel('Alerte').selectOption('');
    await page.getByLabel('Conseiller référent').selectOption('CE2E');
    await expect.poll(() => new URL(page.url()).search).toBe('?conseiller=CE2E');
    await expect.poll(() => lignes.count()).toBe(1);
    const ligne = await lignes.first().innerText();
    expect(ligne).toMatch(/^Zébulon\s+Inès\s+ZZ0001\s+CE2E/);
    expect(ligne).toContain("Garantie jeunes : 12 mois, prolongeables jusqu'à 6 mois, jusqu'au 31 décembre 2018");
    expect(ligne).toContain('diagnostic du 15 octobre 2018, sans CIVIS ni PACEA signé au plus tard le 15 novembre 2018');
    expect(await violationsGraves(page)).toEqual([]);
    await capturer(page, `${moteur.nom}-mes-jeunes`);

    // L'export : les lignes du filtre, et sa ligne d'audit.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^CSV/ }).click()]);
    expect(csv.suggestedFilename()).toBe(`liste-de-travail-${ML}-2018-12-15.csv`);
    const texte = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(texte).toHaveLength(2);
    expect(texte[1]).toMatch(/^Zébulon;Inès;ZZ0001;CE2E;Limite proche : Garantie jeunes .* \/ Diagnostic sans contrat : diagnostic du 15 octobre 2018/);
    const exports = await application.base.query<{ acteur: string; details: any }>(`SELECT acteur, details FROM journal_audit WHERE action = 'exporter_liste_de_travail'`);
    expect(exports).toEqual([{ acteur: `claire.martin@ml-${ML}.demo`, details: { format: 'csv', lignes: 1, jour: '2018-12-15', conseiller: 'CE2E', alerte: null } }]);
    const lectures = await application.base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'lire_liste_de_travail' ORDER BY id DESC LIMIT 1`);
    expect(lectures[0].details).toEqual({ jour: '2018-12-15', conseiller: 'CE2E', alerte: null, lus: ['ZZ0001'] });

    // Une alerte sans jeune : l'état vide le dit.
    await page.getByLabel('Alerte').selectOption('situation_echue');
    await page.getByText("Aucun jeune à suivre au 15 décembre 2018 pour l'alerte « Situation dont la fin prévue est passée » parmi les jeunes du conseiller CE2E.").waitFor();
    expect(await lignes.count()).toBe(0);

    // Le dossier : la limite de la Garantie jeunes et son échéance, du jour du serveur.
    await page.getByLabel('Alerte').selectOption('');
    await lignes.first().getByRole('link', { name: 'Zébulon' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/structures/${ML}/jeunes/ZZ0001$`));
    const limites = page.locator('main section[aria-labelledby="limites-dispositifs"]');
    await limites.getByRole('heading', { name: 'Dispositifs : limites et échéances' }).waitFor();
    expect(await limites.locator('li').allInnerTexts()).toEqual([
      "Garantie jeunes : 12 mois, prolongeables jusqu'à 6 mois, jusqu'au 31 décembre 2018 (jusqu'au 30 juin 2019 avec la prolongation) — dans 16 jours (entrée le 1er janvier 2018)",
    ]);
    expect(await violationsGraves(page)).toEqual([]);
  });

  it("un agent de l'État ne voit ni la liste, ni ses exports, ni ses compteurs sur le tableau de bord de la ML", async () => {
    const page = await application.connecte('Sophie Bernard');
    for (const adresse of [`/api/structures/${ML}/liste-de-travail`, `/api/structures/${ML}/liste-de-travail.csv`, `/api/structures/${ML}/liste-de-travail/compteurs`]) {
      expect((await page.request.get(adresse)).status(), adresse).toBe(403);
    }
    await page.goto(`/structures/${ML}/mes-jeunes`);
    await page.getByText('Accès refusé').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Zébulon|ZZ0001/);
    await page.goto(`/structures/${ML}`);
    await page.locator('main h1', { hasText: "Mission locale d'Ajaccio" }).waitFor();
    await page.getByRole('heading', { name: /^Les 13 ratios/ }).waitFor();
    expect(await page.locator('main section[aria-labelledby="liste-de-travail"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Mes jeunes' }).count()).toBe(0);
  });
});
