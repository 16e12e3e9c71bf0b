// Dans Chromium, sur chaque moteur : une conseillère reçoit un nouveau jeune, saisit son diagnostic, un
// PACEA, trois entretiens, une PMSMP et sa sortie, et les chiffres de sa ML changent ; une règle refusée
// (PACEA plus d'un mois après le diagnostic, jeune de 26 ans) garde la valeur et dit pourquoi sous le
// champ, rien n'est écrit ; un agent de l'État est refusé sur le dossier, avec sa ligne d'audit.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

const ML = 'ML02A01';

surChaqueMoteur('Saisie du parcours dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-${nom}`);
  beforeAll(async () => {
    application = await demarrerApplication(moteur);
  }, 180_000);
  afterAll(() => application?.fermer());

  const formulaire = (page: Page, titre: string) => page.locator('form', { has: page.getByRole('heading', { name: titre, exact: true }) });
  const remplir = (f: Locator, libelle: string, valeur: string) => f.getByLabel(new RegExp(`^${libelle}`)).first().fill(valeur);
  const choisir = (f: Locator, libelle: string, option: string) => f.getByLabel(new RegExp(`^${libelle}`)).first().selectOption({ label: option });
  const compter = async (table: string, id: string) => (await application.base.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE code_structure = $1 AND id_jeune = $2`, [ML, id]))[0].n;
  const succes = (f: Locator, texte: string) => f.locator('.fr-alert--success', { hasText: texte }).waitFor();

  it("d'un nouveau jeune à sa sortie : chaque saisie dans le dossier, et les chiffres de la ML changent aussitôt ; un PACEA trop tardif est refusé sous son champ", async () => {
    const page = await application.connecte('Claire Martin');
    const annee: number = (await (await page.request.get('/api/moi')).json()).annees.at(-1);
    const chiffres = async () => (await (await page.request.get(`/api/annees/${annee}/structures/${ML}`)).json()).indicateurs as Record<string, number>;
    const avant = await chiffres();

    await page.getByRole('link', { name: 'Jeunes suivis' }).click();
    await page.getByRole('button', { name: 'Recevoir un nouveau jeune (premier accueil)' }).click();
    const accueil = formulaire(page, "Premier accueil d'un nouveau jeune");
    await remplir(accueil, 'Nom', 'Nouvelle');
    await remplir(accueil, 'Prénom', 'Inès');
    await remplir(accueil, 'Date de naissance', '04/05/2000');
    await choisir(accueil, 'Sexe', 'femme');
    await remplir(accueil, 'Date du premier accueil', `03/09/${annee}`);
    await accueil.getByRole('button', { name: 'Créer le dossier' }).click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/structures/${ML}/jeunes/S[0-9A-F]{10}$`));
    const id = page.url().split('/').at(-1)!;
    await page.locator('main h1', { hasText: 'Inès Nouvelle' }).waitFor();

    const diagnostic = formulaire(page, 'Diagnostic');
    await remplir(diagnostic, 'Date du diagnostic', `10/09/${annee}`);
    await choisir(diagnostic, 'Besoin : emploi', 'oui');
    await choisir(diagnostic, 'Besoin : mobilité', 'oui');
    await diagnostic.getByRole('button', { name: 'Enregistrer le diagnostic' }).click();
    await succes(diagnostic, 'Diagnostic : enregistré');
    await page.locator('ol.cpo-frise li', { hasText: "besoins : emploi, mobilité (saisi dans l'application)" }).waitFor();

    // Le PACEA signé deux mois après le diagnostic : refusé par la règle de l'import, la valeur reste, rien n'est écrit.
    const contrat = formulaire(page, 'Contrat ou dispositif');
    await choisir(contrat, 'Dispositif', 'PACEA');
    await remplir(contrat, "Date d'entrée", `15/11/${annee}`);
    await contrat.getByRole('button', { name: "Enregistrer l'entrée" }).click();
    const message = `PACEA signé le 15/11/${annee}, plus d'un mois après le diagnostic du 10/09/${annee} : un PACEA se signe au plus tard le 10/10/${annee}.`;
    await contrat.locator('.fr-message--error', { hasText: message }).waitFor();
    expect(await contrat.getByLabel(/^Date d'entrée/).inputValue()).toBe(`15/11/${annee}`);
    expect(await compter('dispositif', id)).toBe(0);
    await capture(page, 'saisie-pacea-refuse');
    await remplir(contrat, "Date d'entrée", `10/10/${annee}`);
    await contrat.getByRole('button', { name: "Enregistrer l'entrée" }).click();
    await succes(contrat, 'Entrée en dispositif : enregistré');

    const evenement = formulaire(page, 'Événement');
    for (const [i, jour] of ['11/10', '25/10', '08/11'].entries()) {
      await choisir(evenement, "Type d'événement", 'Entretien individuel');
      await remplir(evenement, "Date de l'événement", `${jour}/${annee}`);
      await evenement.getByRole('button', { name: "Enregistrer l'événement" }).click();
      await expect.poll(() => compter('evenement', id)).toBe(i + 1);
    }
    const situation = formulaire(page, 'Situation');
    await choisir(situation, 'Situation', 'Immersion en entreprise');
    await choisir(situation, 'Type de contrat', 'PMSMP');
    await remplir(situation, 'Début de la situation', `12/11/${annee}`);
    await remplir(situation, 'Fin prévue de la situation', `23/11/${annee}`);
    await situation.getByRole('button', { name: 'Enregistrer la situation' }).click();
    await succes(situation, 'Situation : enregistré');

    const sortie = formulaire(page, "Sortie d'un dispositif");
    await sortie.getByLabel(/^Dispositif/).selectOption({ index: 1 });
    await remplir(sortie, 'Date de sortie', `30/11/${annee}`);
    await choisir(sortie, 'Motif de sortie', 'formation');
    await sortie.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await page.locator('ol.cpo-frise li', { hasText: "Sortie de PACEA — motif : formation (saisi dans l'application)" }).waitFor();
    await capture(page, 'saisie-dossier');
    expect(await violationsGraves(page)).toEqual([]);

    const apres = await chiffres();
    expect(apres.premiers_accueils).toBe(avant.premiers_accueils + 1);
    expect(apres.entretiens_individuels).toBe(avant.entretiens_individuels + 3);
    expect(apres.entrees_parcours_contractualise).toBe(avant.entrees_parcours_contractualise + 1);
    expect(apres.sorties_dispositif).toBe(avant.sorties_dispositif + 1);
    const saisies = await application.base.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_audit WHERE action = 'saisir_parcours' AND objet LIKE $1`, [`structures/${ML}/jeunes/${id}/%`]);
    expect(saisies[0].n).toBe(8);
  });

  it('un jeune de 26 ans à l’entrée : le dispositif est refusé avec le message de l’import, sous le champ, rien n’est écrit', async () => {
    const page = await application.connecte('Claire Martin');
    const annee: number = (await (await page.request.get('/api/moi')).json()).annees.at(-1);
    const cree = await envoyer(page, `/api/structures/${ML}/jeunes`, { valeurs: { date_naissance: '01/06/1992', sexe: 'H', date_premier_accueil: `01/09/${annee}` } });
    expect(cree.status()).toBe(200);
    const { id_jeune: id } = await cree.json();
    await page.goto(`/structures/${ML}/jeunes/${id}`);
    const contrat = formulaire(page, 'Contrat ou dispositif');
    await choisir(contrat, 'Dispositif', 'Garantie jeunes');
    await remplir(contrat, "Date d'entrée", `01/10/${annee}`);
    await contrat.getByRole('button', { name: "Enregistrer l'entrée" }).click();
    await contrat
      .locator('.fr-message--error', { hasText: `Le jeune a ${annee - 1992} ans à l'entrée dans le dispositif (né le 01/06/1992) : un dispositif est ouvert aux jeunes de 16 à 25 ans révolus.` })
      .waitFor();
    expect(await compter('dispositif', id)).toBe(0);
  });

  it("un agent de l'État est refusé sur le dossier d'un jeune, et le refus est au journal d'audit", async () => {
    const [jeune] = await application.base.query<{ id_jeune: string }>(`SELECT id_jeune FROM jeune WHERE code_structure = $1 ORDER BY id_jeune LIMIT 1`, [ML]);
    const page = await application.connecte('Sophie Bernard');
    await page.goto(`/structures/${ML}/jeunes/${jeune.id_jeune}`);
    await page.getByText('Accès refusé').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Parcours|Saisir/);
    const [trace] = await application.base.query<{ acteur: string; details: { statut: number } }>(
      `SELECT acteur, details FROM journal_audit WHERE action = 'acces_refuse' AND objet = $1 ORDER BY id DESC LIMIT 1`,
      [`GET /api/structures/${ML}/jeunes/${jeune.id_jeune}`],
    );
    expect(trace.acteur).toMatch(/^sophie\.bernard@/);
    expect(trace.details.statut).toBe(403);
  });
});
