// Dans Chromium, sur chaque moteur : le niveau de confiance des données s'affiche à côté des ratios de
// la ML et de son département ; la ML lit, sur sa page « Qualité des données », les jeunes à corriger ;
// l'UD n'y voit que les nombres.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

const ML = 'ML02A01';
const DIRECTION = 'Paul Lefebvre'; // direction de la Mission locale d'Ajaccio (ML02A01)
const UD = 'Marc Robin'; // UD de Corse-du-Sud (2A)
const DIRECCTE = 'Sophie Bernard'; // DIRECCTE Corse (94)
const CONFIANCE = /(élevé|moyen|faible) \(\d+\/100\)/;

surChaqueMoteur('Qualité des données dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-qualite-${nom}`);
  /** Les jeunes en contact en 2018 dont le niveau de formation a été effacé exprès. */
  let sansNiveau: string[];
  /** Tous ceux que la règle du niveau de formation doit lister. */
  let aCorriger: string[];

  beforeAll(async () => {
    application = await demarrerApplication(moteur);
    // Un jeune sur trois en contact en 2018 perd son niveau de formation : la règle doit les trouver.
    sansNiveau = (
      await application.base.query<{ id_jeune: string }>(
        `UPDATE jeune j SET niveau_formation = NULL FROM activite_jeune_annee a
         WHERE a.code_structure = j.code_structure AND a.id_jeune = j.id_jeune AND a.annee = 2018 AND a.contact
           AND j.code_structure = $1 AND hashtext(j.id_jeune) % 3 = 0
         RETURNING j.id_jeune`,
        [ML],
      )
    ).map((l) => l.id_jeune);
    expect(sansNiveau.length).toBeGreaterThan(0);
    // Avec ceux que la démonstration laisse déjà sans niveau.
    aCorriger = (
      await application.base.query<{ id_jeune: string }>(
        `SELECT j.id_jeune FROM jeune j JOIN activite_jeune_annee a USING (code_structure, id_jeune)
         WHERE j.code_structure = $1 AND a.annee = 2018 AND a.contact AND j.niveau_formation IS NULL`,
        [ML],
      )
    ).map((l) => l.id_jeune);
  }, 180_000);
  afterAll(() => application?.fermer());

  it('la ML voit sa confiance à côté des ratios, puis la liste des jeunes à corriger', async () => {
    const page = await application.connecte(DIRECTION);
    const confiance = page.locator('section[aria-label="Niveau de confiance des données 2018"]');
    await confiance.waitFor();
    // À côté des ratios : juste après leur présentation, avant le premier tableau des objectifs.
    const [haut, ratios] = await Promise.all([confiance.boundingBox(), page.locator('section[aria-label^="Objectif 1"]').first().boundingBox()]);
    expect(haut!.y).toBeLessThan(ratios!.y);
    expect(await confiance.locator('.fr-badge').textContent()).toMatch(CONFIANCE);
    await expect.poll(() => confiance.innerText()).toContain('niveau de formation non renseigné');
    await capture(page, 'tableau-ml');

    await confiance.getByRole('link', { name: 'Voir la qualité des données' }).click();
    await page.locator('main h1', { hasText: 'Qualité des données 2018' }).waitFor();
    const regle = page.locator('[data-regle="completude_niveau_formation"]');
    await regle.waitFor();
    const liens = await regle.getByRole('link').allInnerTexts();
    expect(liens).toEqual([...aCorriger].sort().slice(0, 500));
    expect(liens).toEqual(expect.arrayContaining(sansNiveau.filter((id) => id <= liens.at(-1)!)));
    expect(await violationsGraves(page)).toEqual([]);
    await capture(page, 'a-corriger');
    // Un clic mène au dossier du jeune.
    await regle.getByRole('link', { name: liens[0], exact: true }).click();
    await expect.poll(() => page.url()).toContain(`/structures/${ML}/jeunes/${liens[0]}`);
    const [trace] = await application.base.query<{ details: { lus: string[] } }>(`SELECT details FROM journal_audit WHERE action = 'lire_qualite_jeunes' ORDER BY id DESC LIMIT 1`);
    expect(trace.details.lus).toEqual(expect.arrayContaining(liens));
  });

  it("l'UD voit la confiance de chaque ML et du département, et seulement des nombres", async () => {
    const page = await application.connecte(UD);
    await page.locator('main h1').waitFor();
    const tableau = page.locator('section[aria-label^="Missions locales — "]');
    await tableau.waitFor();
    // Calculée sur demande seulement : la colonne n'est pas là d'office.
    expect(await tableau.getByRole('columnheader', { name: /Confiance des données/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Afficher la confiance des données de chaque ML' }).click();
    await tableau.getByRole('columnheader', { name: /Confiance des données/ }).waitFor();
    await expect.poll(() => tableau.locator('tbody tr', { hasText: "Mission locale d'Ajaccio" }).innerText()).toMatch(CONFIANCE);
    expect(await page.locator('section[aria-label="Niveau de confiance des données 2018"] .fr-badge').textContent()).toMatch(CONFIANCE);
    await capture(page, 'departement');

    await page.goto(`/structures/${ML}/qualite?annee=2018`);
    await page.locator('main h1', { hasText: 'Qualité des données 2018' }).waitFor();
    await page.locator('main table tbody tr').first().waitFor();
    expect(await page.getByRole('heading', { name: 'À corriger' }).count()).toBe(0);
    const texte = await page.locator('main').innerText();
    for (const id of sansNiveau.slice(0, 20)) expect(texte).not.toContain(id);
  });

  it("l'autodiagnostic du dialogue montre la confiance des chiffres N-1 figés", async () => {
    // La DIRECCTE ouvre la campagne par l'API : ce test regarde la page du dialogue, pas son tableau de bord.
    const direccte = await (await application.navigateur.newContext({ baseURL: application.adresse })).newPage();
    const { utilisateurs } = await (await direccte.request.get('/api/connexion/demo')).json();
    const { jeton } = await (await direccte.request.get('/api/csrf')).json();
    const connexion = await direccte.request.post('/api/connexion/demo', { data: { id: utilisateurs.find((u: { nom: string }) => u.nom === DIRECCTE).id }, headers: { 'x-csrf-token': jeton } });
    expect(connexion.status()).toBe(200);
    const campagne = { annee: 2018, region: '94', echeanceAutodiagnostic: '2018-02-15', echeanceEntretien: '2018-03-15', echeanceSignature: '2018-04-30' };
    expect((await envoyer(direccte, '/api/campagnes', campagne)).status()).toBe(201);
    const [{ id }] = await application.base.query<{ id: number }>('SELECT id FROM dialogue WHERE code_structure = $1 AND annee = 2018', [ML]);
    const page = await application.connecte(DIRECTION);
    await page.goto(`/dialogues/${id}`);
    const confiance = page.locator('section[aria-label="Niveau de confiance des données 2017"]');
    await confiance.waitFor();
    expect(await confiance.locator('.fr-badge').textContent()).toMatch(CONFIANCE);
    // Au-dessus du tableau des chiffres figés, que l'autodiagnostic commente.
    const [haut, figes] = await Promise.all([confiance.boundingBox(), page.locator('section[aria-label^="Ratios 2017 de la ML"]').boundingBox()]);
    expect(haut!.y).toBeLessThan(figes!.y);
    await capture(page, 'dialogue');
  });
});
