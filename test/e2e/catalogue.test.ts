// Les écrans lisent le catalogue : sous un catalogue réduit (2 objectifs, 4 ratios, 2 groupes
// d'indicateurs), le tableau de bord d'une ML, la page régionale et le suivi d'une campagne montrent
// autant de lignes et de colonnes que le catalogue en dit, sans « undefined », sans erreur dans la
// console, sans violation d'accessibilité grave ; le serveur calcule et fige ces seuls ratios.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import type { Catalogue } from '../../src/domaine/indicateurs/catalogue.ts';
import { formaterValeur } from '../../src/domaine/indicateurs/format.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { AUTODIAGNOSTIC, ENTRETIEN, objectifs, OUVERTURE } from '../outils/campagne.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

type Ratio = Catalogue['ratios'][number];
type Indicateur = Catalogue['indicateurs'][number];

/**
 * Le catalogue de la CPO réduit aux objectifs 2 et 4, à deux ratios chacun et à leurs indicateurs ;
 * ses colonnes par défaut et ses cibles suivies ne sont pas celles du catalogue complet.
 */
function catalogueReduit(): Catalogue {
  const complet = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'catalogues', 'cpo-2015-2018.json'), 'utf8'));
  const ratios = complet.ratios
    .filter((r: Ratio) => ['ratio_02', 'ratio_03', 'ratio_07', 'ratio_09'].includes(r.id))
    .map((r: Ratio) => ({
      ...r,
      colonne_par_defaut: ['ratio_03', 'ratio_09'].includes(r.id),
      suivi_campagne: r.id === 'ratio_09' ? { libelle_court: 'Cible alternance' } : r.suivi_campagne,
    }));
  const termes = new Set(ratios.flatMap((r: Ratio) => [r.numerateur, r.denominateur]));
  const indicateurs = complet.indicateurs
    .filter((i: Indicateur) => termes.has(i.id))
    .map((i: Indicateur) => (i.id === 'premiers_accueils' ? { ...i, colonne_par_defaut: true } : i));
  const reduit = {
    ...complet,
    version: 'essai-reduit/v1',
    groupes: complet.groupes.filter((g: Catalogue['groupes'][number]) => indicateurs.some((i: Indicateur) => i.groupe === g.id)),
    indicateurs,
    objectifs: complet.objectifs.filter((o: Catalogue['objectifs'][number]) => ['2', '4'].includes(o.id)),
    ratios,
  };
  // Écrit puis relu comme au démarrage : le fichier passe le même contrôle qu'un catalogue d'exploitation.
  const fichier = join(dossierTemporaire('catalogue'), 'catalogue.json');
  writeFileSync(fichier, JSON.stringify(reduit));
  return chargerCatalogue(fichier);
}

const ML = 'Paul Lefebvre'; // direction de la Mission locale d'Ajaccio (ML02A01)
const UD = 'Marc Robin'; // UD de Corse-du-Sud (2A)
const DIRECCTE = 'Sophie Bernard'; // DIRECCTE Corse (94)

surChaqueMoteur('Écrans sous un catalogue réduit dans Chromium', (moteur) => {
  const catalogue = catalogueReduit();
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const erreursConsole: string[] = [];
  const pages: Record<string, Page> = {};
  let annee = 0;

  beforeAll(async () => {
    application = await demarrerApplication(moteur, { catalogue });
    for (const nom of [ML, UD, DIRECCTE]) {
      const page = await application.connecte(nom);
      page.on('console', (m) => m.type() === 'error' && erreursConsole.push(`${nom} : ${m.text()}`));
      page.on('pageerror', (e) => erreursConsole.push(`${nom} : ${e.message}`));
      pages[nom] = page;
    }
    annee = (await (await pages[ML].request.get('/api/moi')).json()).annees.at(-1);
  }, 180_000);
  afterAll(() => application?.fermer());

  /** La page affichée : rien d'indéfini, aucune erreur dans la console, accessible ; sa capture reste. */
  async function verifierPage(page: Page, nom: string) {
    expect(await page.locator('main').innerText()).not.toMatch(/undefined|NaN|\[object/);
    await capturer(page, `${moteur.nom}-catalogue-reduit-${nom}`);
    expect(await violationsGraves(page)).toEqual([]);
    expect(erreursConsole).toEqual([]);
  }
  const entetes = (section: ReturnType<Page['locator']>) => section.locator('thead th').allInnerTexts();
  const idsDesLignes = (section: ReturnType<Page['locator']>) => section.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ligne')));

  it("le serveur sert le catalogue réduit et ne calcule que ses ratios", async () => {
    const servi = await (await pages[ML].request.get('/api/catalogue')).json();
    expect(servi.version).toBe('essai-reduit/v1');
    expect(servi.ratios.map((r: { id: string }) => r.id)).toEqual(['ratio_02', 'ratio_03', 'ratio_07', 'ratio_09']);
    const chiffres = await (await pages[ML].request.get(`/api/annees/${annee}/structures/ML02A01`)).json();
    expect(Object.keys(chiffres.ratios).sort()).toEqual(['ratio_02', 'ratio_03', 'ratio_07', 'ratio_09']);
    expect(Object.keys(chiffres.indicateurs).sort()).toEqual(catalogue.indicateurs.map((i) => i.id).sort());
  });

  it("le tableau de bord d'une ML : un tableau par objectif du catalogue, une ligne par ratio, un onglet par groupe", async () => {
    const page = pages[ML];
    await page.goto(`/structures/ML02A01?annee=${annee}`);
    const chiffres = await (await page.request.get(`/api/annees/${annee}/structures/ML02A01`)).json();
    await page.getByRole('heading', { name: `Les 4 ratios de performance en ${annee}` }).waitFor();
    expect(await page.getByText('catalogue essai-reduit/v1').count()).toBe(1);
    const sections = page.locator('section[aria-label^="Objectif "]');
    expect(await sections.count()).toBe(2);
    for (const [n, o] of catalogue.objectifs.entries()) {
      const section = sections.nth(n);
      expect(await section.getAttribute('aria-label')).toBe(`Objectif ${o.id} — ${o.libelle_court} (${annee})`);
      const ratios = catalogue.ratios.filter((r) => r.objectif === o.id);
      expect(await idsDesLignes(section)).toEqual(ratios.map((r) => r.id));
      // Ratio, N, N-1, évolution, département, région, national, place dans la région : pas de dialogue, pas de cible.
      expect(await entetes(section)).toHaveLength(8);
      for (const r of ratios) {
        const cellules = await section.locator(`tr[data-ligne="${r.id}"]`).locator('th, td').allInnerTexts();
        expect(cellules).toHaveLength(8);
        expect(cellules[0]).toContain(r.libelle);
        expect(cellules[1], r.id).toBe(formaterValeur(chiffres.ratios[r.id], r.unite));
      }
    }
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(catalogue.groupes.map((g) => g.libelle));
    await page.locator('figure[data-graphique*="par sexe"] canvas').waitFor();
    await verifierPage(page, 'tableau-ml');
  });

  it('la page régionale : les colonnes par défaut du catalogue, une ligne par ratio, les seules mesures du catalogue', async () => {
    const page = pages[DIRECCTE];
    await page.goto(`/regions/94?annee=${annee}`);
    const region = await (await page.request.get(`/api/annees/${annee}/regions/94`)).json();
    const mls = page.locator('section[aria-label^="Missions locales —"]');
    await expect.poll(() => mls.locator('tbody tr').count()).toBe(region.structures.length);
    const parDefaut = [...catalogue.indicateurs, ...catalogue.ratios].filter((m) => m.colonne_par_defaut);
    expect(parDefaut.map((m) => m.id)).toEqual(['jeunes_en_contact', 'premiers_accueils', 'jeunes_accompagnes', 'ratio_03', 'ratio_09']);
    const colonnes = (await entetes(mls)).map((t) => t.trim());
    expect(colonnes).toHaveLength(3 + parDefaut.length);
    parDefaut.forEach((m, i) => expect(colonnes[3 + i]).toContain(m.libelle));
    expect(await page.getByRole('button', { name: 'Choisir les colonnes (5 choisies)' }).count()).toBe(1);
    expect(await idsDesLignes(page.locator('section[aria-label^="Ratios —"]'))).toEqual(catalogue.ratios.map((r) => r.id));
    expect(await page.getByRole('combobox', { name: 'Mesure' }).locator('option').count()).toBe(catalogue.ratios.length + catalogue.indicateurs.length);
    await page.locator('figure[data-graphique] canvas').waitFor();
    await verifierPage(page, 'region');
  });

  it("le suivi de campagne : une colonne par cible que le catalogue dit suivie ; le dialogue arrête une cible par ratio du catalogue", async () => {
    const direccte = pages[DIRECCTE];
    const ouverture = await envoyer(direccte, '/api/campagnes', { ...OUVERTURE, region: '94' });
    expect(ouverture.status(), await ouverture.text()).toBe(201);
    const campagne = (await ouverture.json()).id;
    const [{ id }] = await application.base.query<{ id: number }>(`SELECT id FROM dialogue WHERE code_structure = 'ML02A01' AND annee = 2018`);
    const reussi = async (reponse: Promise<Awaited<ReturnType<typeof envoyer>>>) => {
      const r = await reponse;
      expect(r.status(), await r.text()).toBeLessThan(300);
    };
    await reussi(envoyer(pages[ML], `/api/dialogues/${id}/autodiagnostic`, { ...AUTODIAGNOSTIC, commentaires: { '4': 'Emploi en hausse' } }, 'PUT'));
    await reussi(envoyer(pages[ML], `/api/dialogues/${id}/actions/soumettre_autodiagnostic`, {}));
    await reussi(envoyer(pages[UD], `/api/dialogues/${id}/actions/enregistrer_entretien`, ENTRETIEN));
    const arretes = objectifs(catalogue.ratios.map((r) => r.id));
    await reussi(envoyer(pages[UD], `/api/dialogues/${id}/actions/arreter_objectifs`, arretes));

    await direccte.goto(`/campagnes/${campagne}`);
    const lignes = direccte.locator('main table tbody tr');
    await expect.poll(() => lignes.count()).toBe(4);
    const suivies = catalogue.ratios.filter((r) => r.suivi_campagne);
    expect(suivies.map((r) => r.id)).toEqual(['ratio_07', 'ratio_09']);
    const colonnes = (await entetes(direccte.locator('main table'))).map((t) => t.trim());
    // ML, département, état, échéance, dernière action ; les cibles suivies ; montant, variation, dépassement.
    expect(colonnes).toHaveLength(5 + suivies.length + 3);
    suivies.forEach((r, i) => expect(colonnes[5 + i]).toContain(`Cible — ${r.libelle}`));
    expect(await direccte.locator('main table thead').getByText('Cible alternance', { exact: true }).count()).toBe(1);
    const ajaccio = await direccte.locator('main table tbody tr', { hasText: "Mission locale d'Ajaccio" }).locator('th, td').allInnerTexts();
    expect(ajaccio).toHaveLength(colonnes.length);
    suivies.forEach((r, i) => expect(ajaccio[5 + i], r.id).toBe(formaterValeur(arretes.cibles[r.id], 'part')));
    expect(await direccte.locator('main table tbody tr', { hasText: 'Mission locale de Bastia' }).locator('td', { hasText: 'à fixer' }).count()).toBe(suivies.length);
    await verifierPage(direccte, 'suivi-campagne');

    // Le tableau de bord 2018 de la ML montre alors la cible de chaque ratio et son atteinte.
    const ml = pages[ML];
    await ml.goto('/structures/ML02A01?annee=2018');
    const section = ml.locator('section[aria-label^="Objectif 4"]');
    await section.getByRole('columnheader', { name: /^Cible 2018/ }).waitFor();
    expect(await entetes(section)).toHaveLength(10);
    expect((await section.locator('tr[data-ligne="ratio_09"]').locator('th, td').allInnerTexts())[7]).toBe(formaterValeur(arretes.cibles.ratio_09, 'part'));
    await verifierPage(ml, 'tableau-ml-cibles');
  });
});
