// L'application dans un vrai Chromium, servie par le vrai serveur sur chaque moteur : connexion de
// chaque sorte d'utilisateur, déconnexion partout, tableau de bord d'une ML, tableau régional, exports
// comparés à l'API, refus d'une route nominative à un agent de l'État, accessibilité (axe-core).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formaterValeur, lireNombreFr, valeurAffichee } from '../../src/domaine/indicateurs/format.ts';
import { dateEnFrancais } from '../../src/domaine/temps/dates.ts';
import { horlogeSysteme } from '../../src/infrastructure/horloge.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

const COMPTES = [
  { nom: 'Claire Martin', accueil: /\/structures\/ML02A01$/ },
  { nom: 'Paul Lefebvre', accueil: /\/structures\/ML02A01$/ },
  { nom: 'Inès Garnier', accueil: /\/structures\/ML02B01$/ },
  { nom: 'Marc Robin', accueil: /\/departements\/2A$/ },
  { nom: 'Sophie Bernard', accueil: /\/regions\/94$/ },
  { nom: 'Julien Morel', accueil: /\/regions\/94$/ },
  { nom: 'Nadia Haddad', accueil: /\/national$/ },
];

surChaqueMoteur('Application web dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  let base: Base;
  let navigateur: Browser;
  let adresse: string;
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-${nom}`);
  const connecte = (nom: string) => application.connecte(nom);

  beforeAll(async () => {
    application = await demarrerApplication(moteur);
    ({ base, navigateur, adresse } = application);
  }, 180_000);
  afterAll(() => application?.fermer());

  const api = async (page: Page, url: string) => {
    const reponse = await page.request.get(url);
    expect(reponse.status(), url).toBe(200);
    return reponse.json();
  };

  it('la page de connexion propose un compte de chaque sorte, une UD par département, sans violation d’accessibilité grave', async () => {
    const contexte = await navigateur.newContext({ baseURL: adresse });
    const page = await contexte.newPage();
    await page.goto('/structures/ML02A01');
    await expect.poll(() => page.url()).toMatch(/\/connexion$/);
    await page.getByRole('button', { name: /^Se connecter/ }).first().waitFor();
    // Une carte par rôle ; la direction de ML et l'UD se choisissent par organisation (une UD par département).
    for (const { nom } of COMPTES) expect(await page.locator('main').locator('button, option', { hasText: nom }).count(), nom).toBeGreaterThan(0);
    for (const ud of ['UD Corse-du-Sud', 'UD Haute-Corse']) expect(await page.locator('main option', { hasText: ud }).count(), ud).toBe(1);
    await capture(page, 'connexion');
    expect(await violationsGraves(page)).toEqual([]);
    await contexte.close();
  });

  it("la page de connexion ne demande aucun fichier d'ECharts ; le tableau de bord, si", async () => {
    const contexte = await navigateur.newContext({ baseURL: adresse, viewport: { width: 1400, height: 1000 } });
    const page = await contexte.newPage();
    const demandes: string[] = [];
    page.on('request', (r) => demandes.push(new URL(r.url()).pathname));
    await page.goto('/connexion');
    await page.getByRole('button', { name: 'Se connecter en tant que Paul Lefebvre' }).waitFor();
    const scripts = demandes.filter((d) => d.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((d) => /echarts/i.test(d))).toEqual([]);
    // Le même écouteur voit ECharts arriver avec la première page à graphiques.
    await page.getByRole('button', { name: 'Se connecter en tant que Paul Lefebvre' }).click();
    await page.locator('figure[data-graphique] canvas').first().waitFor();
    expect(demandes.filter((d) => /\/assets\/echarts-[^/]+\.js$/.test(d))).toHaveLength(1);
    await contexte.close();
  });

  it("les pages d'information s'ouvrent sans connexion depuis le pied de page, accessibles, justes pour ce service", async () => {
    const contexte = await navigateur.newContext({ baseURL: adresse, viewport: { width: 1366, height: 900 } });
    const page = await contexte.newPage();
    await page.goto('/connexion');
    const pied = page.locator('footer');
    const pages: [string, string, RegExp[]][] = [
      ['Accessibilité : partiellement conforme', "Déclaration d'accessibilité", [/partiellement conforme/, /axe-core/, /avenant en PDF n'est pas balisé/]],
      ['Mentions légales', 'Mentions légales', [/édité par la Délégation générale à l'emploi et à la formation professionnelle \(DGEFP\)/, /non renseigné par l'exploitant/]],
      ['Données personnelles', 'Données personnelles', [/Effacée après 2 ans sans aucune activité du jeune/, /article 6, paragraphe 1, point e/, /cnil\.fr/]],
      ['Gestion des cookies', 'Gestion des cookies', [/cpo_session/, /8 heures au plus/]],
      ['Plan du site', 'Plan du site', [/Connexion/, /Documentation de l'API/]],
    ];
    for (const [lien, titre, contenus] of pages) {
      await pied.getByRole('link', { name: lien }).click();
      await page.locator('main h1', { hasText: titre }).waitFor();
      const texte = await page.locator('main').innerText();
      for (const c of contenus) expect(texte, titre).toMatch(c);
      expect(page.url(), titre).not.toMatch(/\/connexion$/);
      await capture(page, `information-${new URL(page.url()).pathname.slice(1)}`);
      expect(await violationsGraves(page), titre).toEqual([]);
    }
    // Sur un téléphone (375 px), ouverte directement par son adresse.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/donnees-personnelles');
    await page.locator('main h1', { hasText: 'Données personnelles' }).waitFor();
    await capture(page, 'information-donnees-personnelles-375');
    expect(await violationsGraves(page)).toEqual([]);
    await contexte.close();
  });

  it.each(COMPTES)('$nom se connecte et arrive sur son tableau de bord, accessible', async ({ nom, accueil }) => {
    const page = await connecte(nom);
    expect(page.url()).toMatch(accueil);
    await page.locator('table').first().waitFor();
    await expect.poll(() => page.getByText(nom, { exact: false }).first().isVisible()).toBe(true);
    await capture(page, `accueil-${nom.replace(/\W+/g, '-')}`);
    expect(await violationsGraves(page)).toEqual([]);
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await expect.poll(() => page.url()).toMatch(/\/connexion$/);
  });

  it('« Se déconnecter partout » ferme aussi la session ouverte dans un autre navigateur', async () => {
    const ici = await connecte('Inès Garnier');
    const ailleurs = await connecte('Inès Garnier');
    expect((await ailleurs.request.get('/api/moi')).status()).toBe(200);
    await ici.getByRole('button', { name: 'Se déconnecter partout' }).first().click();
    await expect.poll(() => ici.url()).toMatch(/\/connexion$/);
    expect((await ici.request.get('/api/moi')).status()).toBe(401);
    expect((await ailleurs.request.get('/api/moi')).status()).toBe(401);
  });

  it("le tableau de bord d'une ML affiche les valeurs de l'API, ses références et sa place dans la région", async () => {
    const page = await connecte('Paul Lefebvre');
    const catalogue = await api(page, '/api/catalogue');
    const annee = (await api(page, '/api/moi')).annees.at(-1);
    const chiffres = await api(page, `/api/annees/${annee}/structures/ML02A01`);
    await page.locator('tr[data-ligne="ratio_13"]').waitFor();
    for (const r of catalogue.ratios) {
      const cellules = await page.locator(`tr[data-ligne="${r.id}"]`).first().locator('th, td').allInnerTexts();
      expect(cellules[0]).toContain(r.libelle);
      expect(cellules[1], r.id).toBe(formaterValeur(chiffres.ratios[r.id], r.unite));
      expect(cellules[2], r.id).toBe(formaterValeur(chiffres.precedent?.ratios[r.id] ?? null, r.unite));
      expect(cellules[4], r.id).toBe(formaterValeur(chiffres.references.departement.ratios[r.id], r.unite));
      expect(cellules[5], r.id).toBe(formaterValeur(chiffres.references.region.ratios[r.id], r.unite));
      expect(cellules[6], r.id).toBe(formaterValeur(chiffres.references.national.ratios[r.id], r.unite));
    }
    const boite = page.locator('tr[data-ligne="ratio_03"] svg[role="img"]');
    const effectif = chiffres.references.distributions.region.ratio_03.effectif;
    expect(await boite.getAttribute('aria-label')).toContain(`des ${effectif} ML de la région (médiane ${formaterValeur(chiffres.references.distributions.region.ratio_03.mediane, 'part')}`);
    // Onglet « Résultats » : les indicateurs du groupe, valeurs de l'API.
    await page.getByRole('tab', { name: 'Résultats' }).click();
    const emploi = catalogue.indicateurs.find((i: any) => i.id === 'jeunes_entres_emploi');
    const ligne = page.locator('tr[data-ligne="jeunes_entres_emploi"]');
    await ligne.waitFor();
    expect((await ligne.locator('td').first().innerText()).trim()).toBe(formaterValeur(chiffres.indicateurs.jeunes_entres_emploi, emploi.unite));
    // Déclinaisons : un graphique par ventilation, avec son tableau de données.
    await page.locator('figure[data-graphique*="par sexe"] canvas').waitFor();
    await capture(page, 'tableau-ml');
    expect(await violationsGraves(page)).toEqual([]);
  });

  it('le tableau régional trie, filtre et mène à une ML ; son export CSV et XLSX a exactement les valeurs de l’API', async () => {
    const page = await connecte('Sophie Bernard');
    const annee = (await api(page, '/api/moi')).annees.at(-1);
    const region = await api(page, `/api/annees/${annee}/regions/94`);
    const lignes = page.locator('section[aria-label^="Missions locales"] tbody tr');
    await expect.poll(() => lignes.count()).toBe(region.structures.length);
    // Tri par « Jeunes accompagnés » : décroissant d'abord.
    await page.getByRole('button', { name: /^Jeunes accompagnés/ }).click();
    const attendu = [...region.structures].sort((a: any, b: any) => b.indicateurs.jeunes_accompagnes - a.indicateurs.jeunes_accompagnes).map((s: any) => s.code);
    expect(await lignes.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ligne')))).toEqual(attendu);
    await capture(page, 'tableau-regional');
    expect(await violationsGraves(page)).toEqual([]);

    const section = page.locator('section[aria-label^="Missions locales"]');
    const [csv] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: /^CSV/ }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const texte = readFileSync(await csv.path(), 'utf8');
    const [entete, ...rangees] = texte.replace(/^\ufeff/, '').trim().split('\r\n').map((l) => l.split(';'));
    expect(entete).toEqual([
      'Mission locale',
      'Code',
      'Département',
      'Jeunes en contact',
      'Jeunes accompagnés',
      'Part des jeunes accompagnés parmi les jeunes en contact',
      "Taux d'accès à l'emploi des jeunes accompagnés",
      "Taux d'accès à l'emploi durable des jeunes accompagnés",
      'Coût par jeune accompagné (€ par jeune)',
    ]);
    expect(rangees.map((r) => r[1])).toEqual([...attendu, '']);
    const mesures: [string, string][] = [
      ['jeunes_en_contact', 'jeunes'],
      ['jeunes_accompagnes', 'jeunes'],
      ['ratio_03', 'part'],
      ['ratio_07', 'part'],
      ['ratio_08', 'part'],
      ['ratio_12', 'euros_par_jeune'],
    ];
    for (const r of rangees.slice(0, -1)) {
      const s = region.structures.find((x: any) => x.code === r[1]);
      mesures.forEach(([id, unite], i) => {
        const v = id.startsWith('ratio') ? s.ratios[id] : s.indicateurs[id];
        expect(r[3 + i], `${s.code} ${id}`).toBe(formaterValeur(v, unite));
      });
    }
    expect(lireNombreFr(rangees.at(-1)![4])).toBe(region.territoire.indicateurs.jeunes_accompagnes);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: /^XLSX/ }).click()]);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.readFile(await xlsx.path());
    const feuille = classeur.worksheets[0];
    expect(feuille.rowCount).toBe(region.structures.length + 2);
    for (let n = 2; n <= region.structures.length + 1; n++) {
      const rangee = feuille.getRow(n);
      const s = region.structures.find((x: any) => x.code === rangee.getCell(2).value);
      const attendue = (v: number | null, unite: string) => (v === null ? 'n.d.' : valeurAffichee(v, unite));
      expect(rangee.getCell(5).value).toBe(s.indicateurs.jeunes_accompagnes);
      expect(rangee.getCell(6).value).toBe(attendue(s.ratios.ratio_03, 'part'));
      if (s.ratios.ratio_03 !== null) expect(rangee.getCell(6).numFmt).toBe('0.0 %');
      expect(rangee.getCell(9).value).toBe(attendue(s.ratios.ratio_12, 'euros_par_jeune'));
    }

    // Un graphique se télécharge en PNG et en SVG.
    const figure = page.locator('figure[data-graphique]').first();
    const [png] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /^PNG/ }).click()]);
    expect(readFileSync(await png.path()).subarray(1, 4).toString()).toBe('PNG');
    // L'image porte son titre, son unité, sa source et le jour des données : un cartouche autour du graphique.
    const hauteur = await figure.locator('.cpo-graphique').evaluate((el) => el.clientHeight);
    expect(readFileSync(await png.path()).readUInt32BE(20)).toBeGreaterThan(2 * (hauteur + 60));
    const [svg] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: /^SVG/ }).click()]);
    const image = readFileSync(await svg.path(), 'utf8');
    expect(image).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const titre = (await figure.getAttribute('data-graphique'))!;
    expect(image).toContain(`>${titre.slice(0, 20)}`);
    expect(image).toContain('>Unité : ');
    expect(image).toContain(`>Source : CPO Missions locales, données au ${dateEnFrancais(horlogeSysteme.dateDuJour())}</text>`);

    // Le filtre, puis le clic sur une ML mène à son tableau de bord.
    await page.getByRole('searchbox', { name: /Filtrer/ }).fill('Borgo');
    await expect.poll(() => lignes.count()).toBe(1);
    await section.getByRole('link', { name: 'Mission locale de Borgo' }).click();
    await expect.poll(() => page.url()).toMatch(/\/structures\/ML02B02\?annee=/);
    await page.locator('main h1', { hasText: 'Mission locale de Borgo' }).waitFor();
  });

  it('une référence calculée sur une partie des ML le dit à côté du chiffre, à l’écran et dans l’export ; la DGEFP voit les régions chargées', async () => {
    // La démonstration charge la Corse seule : 4 ML sur les 4 de la région, 4 sur les 445 du pays.
    const page = await connecte('Nadia Haddad');
    const annee = (await api(page, '/api/moi')).annees.at(-1);
    const national = await api(page, `/api/annees/${annee}/national`);
    expect(national.territoire).toMatchObject({ structures: 4, attendues: 445 });
    await page.getByText('National — données chargées : 4 ML sur 445', { exact: false }).waitFor();
    const regions = page.locator('section[aria-label^="Missions locales chargées par région"]');
    const ligne = async (code: string) => (await regions.locator(`tr[data-ligne="${code}"]`).locator('th, td').allInnerTexts()).map((t) => t.trim());
    expect(await ligne('94')).toEqual(['Corse', '4', '4']);
    expect(await ligne('11')).toEqual(['Île-de-France', '0', '77']);
    expect(await ligne('FR')).toEqual(['France', '4', '445']);
    expect(await regions.locator('tbody tr').count()).toBe(18);
    const ensemble = page.locator('section[aria-label^="Missions locales —"] tfoot tr');
    expect(await ensemble.locator('th').first().innerText()).toBe('Ensemble — France (données chargées : 4 ML sur 445)');
    await capture(page, 'couverture-nationale');
    expect(await violationsGraves(page)).toEqual([]);

    // Le tableau de bord d'une ML : l'en-tête « National » le dit, la région (complète) non ; l'export aussi.
    const ml = await connecte('Paul Lefebvre');
    const section = ml.locator('section[aria-label^="Objectif 1"]');
    await section.locator('tbody tr').first().waitFor();
    await section.getByRole('columnheader', { name: /^National \(données chargées : 4 ML sur 445\)/ }).waitFor();
    expect(await section.getByRole('columnheader', { name: /^Région\b/ }).innerText()).not.toContain('données chargées');
    const [csv] = await Promise.all([ml.waitForEvent('download'), section.getByRole('button', { name: /^CSV/ }).click()]);
    const [entete] = readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(entete.split(';')).toContain('National (données chargées : 4 ML sur 445)');
  });

  it("l'évolution 2015-2018 d'un ratio montre les valeurs de l'API pour la ML et ses références", async () => {
    const page = await connecte('Claire Martin');
    const evolution = await api(page, '/api/evolution/structure/ML02A01');
    await page.goto('/evolution/structure/ML02A01?mesure=ratio_07');
    const tableau = page.locator('section[aria-label^="Taux d\'accès à l\'emploi"]');
    await tableau.locator('tbody tr').first().waitFor();
    const rangees = await tableau.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rangees.map((r) => Number(r[0]))).toEqual(evolution.annees);
    rangees.forEach((r, i) => {
      evolution.series.forEach((s: any, j: number) => expect(r[j + 1]).toBe(formaterValeur(s.valeurs[i]?.ratios.ratio_07 ?? null, 'part')));
    });
    await page.locator('figure[data-graphique] canvas').waitFor();
    await capture(page, 'evolution');
    expect(await violationsGraves(page)).toEqual([]);
  });

  it("le journal d'audit se lit : actions en français, personnes et organisations, changements en une phrase", async () => {
    const page = await connecte('Nadia Haddad');
    await page.getByRole('link', { name: "Journal d'audit" }).click();
    const lignes = page.locator('main table tbody tr');
    await lignes.first().waitFor();
    const texte = await page.locator('main table').innerText();
    expect(texte).toContain('Connexion de démonstration');
    expect(texte).toContain('Nadia Haddad');
    expect(texte).not.toMatch(/connexion_demo|[{}]/);
    const [organisation] = await base.query<{ nom: string }>(`SELECT nom FROM organisation WHERE type = 'dgefp'`);
    expect(texte).toContain(organisation.nom);
    await capture(page, 'journal-audit');
    // Filtrer par action, choisie par son libellé.
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: "Recherche dans le journal d'audit" });
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect.poll(() => page.url()).toMatch(/action=lire_audit/);
    await expect.poll(async () => (await lignes.allInnerTexts()).every((l) => l.includes("Recherche dans le journal d'audit"))).toBe(true);
    await capture(page, 'journal-audit-filtre');
    expect(await violationsGraves(page)).toEqual([]);
  });

  it("un agent de l'État qui tente la route nominative d'une ML est refusé, et le refus est tracé", async () => {
    const page = await connecte('Sophie Bernard');
    const reponse = await page.request.get('/api/structures/ML02A01/jeunes');
    expect(reponse.status()).toBe(403);
    expect((await reponse.json()).message).toMatch(/^Votre rôle \(Agent DIRECCTE\) ne permet pas de consulter les dossiers nominatifs/);
    await page.goto('/structures/ML02A01/jeunes');
    await page.getByText('Accès refusé').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Nom-|Date de naissance/);
    await capture(page, 'refus-nominatif');
    const traces = await base.query(`SELECT acteur FROM journal_audit WHERE action = 'acces_refuse' AND objet = 'GET /api/structures/ML02A01/jeunes'`);
    expect(traces).toEqual([{ acteur: 'sophie.bernard@direccte-94.demo' }]);
    // La conseillère de la ML, elle, voit ses jeunes.
    const conseillere = await connecte('Claire Martin');
    await conseillere.getByRole('link', { name: 'Jeunes suivis' }).click();
    await conseillere.locator('main table tbody tr').first().waitFor();
    expect(await conseillere.locator('main table tbody tr').count()).toBeGreaterThan(0);
  });

});
