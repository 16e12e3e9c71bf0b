// Dans Chromium, sur chaque moteur : la direction d'une ML dépose son extrait depuis sa page (une archive
// zip, puis les fichiers CSV eux-mêmes), suit son traitement et lit le résultat ; un dépôt qui contient une
// ligne d'une autre ML est refusé, la ligne nommée.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ajouterJours, dateAParis } from '../../src/domaine/temps/dates.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire } from '../outils/extraits.ts';
import { ecrireZip } from '../outils/zip.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

/** Les fichiers d'un extrait : `nombre` jeunes de la ML et leur entretien ; `autre` : une ligne d'une autre ML en plus. */
function extrait(ml: string, prefixe: string, nombre: number, autre?: string) {
  const jeunes = [['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil']];
  const evenements = [['code_structure', 'id_evenement', 'id_jeune', 'date', 'type']];
  for (let i = 1; i <= nombre; i++) {
    jeunes.push([ml, `${prefixe}${i}`, '2000-03-04', 'F', '2018-02-01']);
    evenements.push([ml, `${prefixe}E${i}`, `${prefixe}${i}`, '2018-03-05', 'ENTRETIEN_INDIVIDUEL']);
  }
  if (autre) jeunes.push([autre, `${prefixe}X`, '2000-03-04', 'H', '2018-02-01']);
  return { 'jeunes.csv': csv(jeunes), 'evenements.csv': csv(evenements) };
}

function enZip(fichiers: Record<string, string>): string {
  const chemin = join(dossierTemporaire('e2e-depot'), 'extrait.zip');
  ecrireZip(chemin, Object.entries(fichiers).map(([nom, contenu]) => ({ nom, contenu })));
  return chemin;
}

surChaqueMoteur('Dépôts dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  beforeAll(async () => {
    application = await demarrerApplication(moteur);
  }, 180_000);
  afterAll(() => application?.fermer());

  async function deposer(page: Page, fichiers: string[]) {
    await page.getByRole('link', { name: 'Dépôts', exact: true }).click();
    await page.locator('main h1', { hasText: "Dépôts de l'extrait" }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(fichiers);
    await page.getByRole('button', { name: 'Déposer', exact: true }).click();
    await page.locator('main h1', { hasText: /^Dépôt n° \d+$/ }).waitFor().catch(async (e) => {
      throw new Error(`${e.message}\n${await page.locator('main').innerText()}`);
    });
  }

  it('la direction dépose un zip, puis des fichiers CSV, et voit le résultat ; une ligne d’une autre ML refuse tout', async () => {
    const page = await application.connecte('Inès Garnier');
    const moi = await (await page.request.get('/api/moi')).json();
    const ml: string = moi.utilisateur.organisation.code;
    const [autre] = await application.base.query<{ code: string }>(`SELECT code_structure AS code FROM mission_locale WHERE code_structure <> $1 LIMIT 1`, [ml]);
    const jeunes = async () => (await application.base.query<{ n: number }>(`SELECT count(*)::int AS n FROM jeune WHERE code_structure = $1`, [ml]))[0].n;
    const avant = await jeunes();

    await deposer(page, [enZip(extrait(ml, 'ZIP', 4))]);
    await page.getByText('Dépôt accepté').waitFor();
    const fichiers = page.locator('main section[aria-label^="Lignes par fichier"] tbody tr');
    expect(await fichiers.first().locator('th, td').allInnerTexts()).toEqual(['jeunes.csv', '4', '4', '0', '0', '0']);
    expect(await jeunes()).toBe(avant + 4);
    await capturer(page, `${moteur.nom}-depot-accepte`);
    expect(await violationsGraves(page)).toEqual([]);

    // Les fichiers CSV eux-mêmes : la page en fait une archive.
    const dossier = dossierTemporaire('e2e-csv');
    for (const [nom, contenu] of Object.entries(extrait(ml, 'CSV', 2))) writeFileSync(join(dossier, nom), contenu);
    await deposer(page, [join(dossier, 'jeunes.csv'), join(dossier, 'evenements.csv')]);
    await page.getByText('Dépôt accepté').waitFor();
    expect(await jeunes()).toBe(avant + 6);

    await deposer(page, [enZip(extrait(ml, 'REF', 3, autre.code))]);
    await page.getByText("Dépôt refusé : rien n'a été écrit").waitFor();
    const erreur = page.locator('main tbody tr', { hasText: "ligne d'une autre Mission locale" });
    expect(await erreur.locator('th, td').allInnerTexts()).toEqual([
      'jeunes.csv',
      '5',
      'code_structure',
      autre.code,
      `ligne d'une autre Mission locale (${autre.code}) : un dépôt de la Mission locale ${ml} ne contient que ses propres lignes`,
    ]);
    expect(await jeunes()).toBe(avant + 6);
    await capturer(page, `${moteur.nom}-depot-refuse`);

    // L'historique : les trois dépôts, le plus récent d'abord.
    await page.getByRole('link', { name: 'Tous les dépôts' }).click();
    const historique = page.locator('main section[aria-label^="3 dépôts"] tbody tr');
    await historique.first().waitFor();
    const resultats = await historique.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td, th')[4]?.textContent));
    expect(resultats).toEqual(['Refusé', 'Accepté', 'Accepté']);
    expect(await violationsGraves(page)).toEqual([]);
  });

  it('la direction crée un jeton, son système dépose avec, puis elle le révoque ; l’État suit les dépôts', async () => {
    const page = await application.connecte('Inès Garnier');
    const ml: string = (await (await page.request.get('/api/moi')).json()).utilisateur.organisation.code;
    await page.getByRole('link', { name: 'Jetons', exact: true }).click();
    await page.getByLabel('Libellé').fill('Logiciel de parcours');
    await page.getByLabel("Valable jusqu'au").fill(ajouterJours(dateAParis(new Date()), 30));
    await page.getByRole('button', { name: 'Créer un jeton' }).click();
    const jeton = (await page.locator('code[data-jeton]').innerText()).trim();
    expect(jeton).toMatch(/^cpo_/);
    await capturer(page, `${moteur.nom}-jetons`);
    expect(await violationsGraves(page)).toEqual([]);

    // Le système de la ML : pas de cookie, pas de jeton anti-CSRF.
    const machine = (url: string, init: RequestInit = {}) => fetch(`${application.adresse}${url}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${jeton}` } });
    const envoi = await machine(`/api/structures/${ml}/depots`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: readFileSync(enZip(extrait(ml, 'JET', 2))) });
    expect(envoi.status).toBe(202);
    const { id } = await envoi.json();
    await expect.poll(async () => (await (await machine(`/api/depots/${id}`)).json()).etat, { timeout: 15_000 }).toBe('accepte');

    await page.reload();
    const ligne = page.locator('main tbody tr', { hasText: 'Logiciel de parcours' });
    await expect.poll(() => ligne.locator('td, th').nth(3).innerText()).not.toBe('jamais');
    await ligne.getByRole('button', { name: 'Révoquer « Logiciel de parcours »' }).click();
    await ligne.getByText(/^Révoqué le/).waitFor();
    const refus = await machine(`/api/structures/${ml}/depots`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: readFileSync(enZip(extrait(ml, 'REV', 1))) });
    expect(refus.status).toBe(401);
    expect((await refus.json()).message).toMatch(/a été révoqué/);

    // La DGEFP : les ML de la démonstration, celle qui a déposé ce mois-ci, les autres en alerte.
    const etat = await application.connecte('Nadia Haddad');
    await etat.getByRole('link', { name: 'Suivi des dépôts' }).click();
    const ligneMl = etat.locator('main tbody tr', { hasText: ml });
    await ligneMl.waitFor();
    expect(await ligneMl.innerText()).toMatch(/Accepté/);
    const [{ n }] = await application.base.query<{ n: number }>('SELECT count(*)::int AS n FROM mission_locale');
    await etat.getByText(`${n - 1} Missions locales n’ont pas de dépôt accepté`, { exact: false }).waitFor();
    await capturer(etat, `${moteur.nom}-suivi-depots`);
    expect(await violationsGraves(etat)).toEqual([]);
  });
});
