// Une campagne de dialogue de gestion menée dans Chromium, de l'ouverture aux deux signatures (chacune
// confirmée dans une modale qui nomme l'avenant et son empreinte), chaque rôle à son tour, avec des pas
// refusés, une décision au-delà des 10 %, l'avenant téléchargé, puis l'avenant signé.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, envoyer, violationsGraves } from './navigateur.ts';

const ML = 'Paul Lefebvre'; // direction de la Mission locale d'Ajaccio (ML02A01)
const UD = 'Marc Robin'; // UD de Corse-du-Sud (2A)
const DIRECCTE = 'Sophie Bernard'; // DIRECCTE Corse (94)

surChaqueMoteur('Campagne de dialogue de gestion dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const pages: Record<string, Page> = {};
  const capture = (page: Page, nom: string) => capturer(page, `${moteur.nom}-campagne-${nom}`);
  const etat = async (page: Page) => (await page.locator('.fr-stepper__title').innerText()).trim();
  let dialogue = '';
  beforeAll(async () => {
    application = await demarrerApplication(moteur);
    for (const nom of [ML, UD, DIRECCTE]) pages[nom] = await application.connecte(nom);
  }, 180_000);
  afterAll(() => application?.fermer());

  async function ouvrirDialogue(nom: string) {
    const page = pages[nom];
    await page.goto(`/dialogues/${dialogue}`);
    await page.locator('main h1', { hasText: "Mission locale d'Ajaccio" }).waitFor();
    return page;
  }
  async function cliquer(page: Page, bouton: string, attendu: RegExp) {
    await page.getByRole('button', { name: bouton, exact: true }).click();
    await expect.poll(() => etat(page)).toMatch(attendu);
  }
  /**
   * À 1366 px puis à 375 px : chaque libellé de cible est juste au-dessus de son champ, dans la même
   * colonne (ou à sa gauche, sur la même ligne). Rend les champs mal placés, avec leurs boîtes.
   */
  async function libellesLoinDeLeurChamp(page: Page, nom: string) {
    const ecarts: string[] = [];
    for (const largeur of [1366, 375]) {
      await page.setViewportSize({ width: largeur, height: 900 });
      const mesures = await page.locator('fieldset:has(legend:text("cible")) input').evaluateAll((champs) =>
        champs.map((c) => {
          const l = document.querySelector(`label[for="${c.id}"]`)!.getBoundingClientRect();
          const i = c.getBoundingClientRect();
          const dessus = l.bottom <= i.top + 1 && i.top - l.bottom < 40 && l.left < i.right && i.left < l.right;
          const gauche = l.right <= i.left + 1 && l.top < i.bottom && i.top < l.bottom;
          return dessus || gauche ? null : `${c.id} : libellé ${Math.round(l.left)},${Math.round(l.top)}-${Math.round(l.bottom)}, champ ${Math.round(i.left)},${Math.round(i.top)}`;
        }),
      );
      expect(mesures.length).toBe(13);
      ecarts.push(...mesures.filter((m): m is string => m !== null).map((m) => `${largeur} px — ${m}`));
      await capture(page, `${nom}-${largeur}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    return ecarts;
  }

  it('la DIRECCTE ouvre la campagne 2018 de Corse ; le suivi régional liste les 4 ML', async () => {
    const page = pages[DIRECCTE];
    await page.getByRole('link', { name: 'Dialogue de gestion' }).first().click();
    await page.getByLabel('Année de la campagne').selectOption('2018');
    await page.getByLabel('Échéance des autodiagnostics').fill('2018-02-15');
    await page.getByLabel('Échéance des entretiens').fill('2018-03-15');
    await page.getByLabel('Échéance des signatures').fill('2018-04-30');
    await page.getByRole('button', { name: 'Ouvrir la campagne' }).click();
    await page.locator('main h1', { hasText: 'Campagne 2018 — suivi régional' }).waitFor();
    await expect.poll(() => page.locator('main table tbody tr').count()).toBe(4);
    // Les échéances de 2018 sont passées à la date du serveur ; aucune cible n'est encore fixée.
    expect(await page.locator('main table tbody tr').first().innerText()).toMatch(/15 février 2018\s+en retard de [\d\s\u00a0]+ jours[\s\S]*à fixer/i);
    await capture(page, 'suivi-ouverture');
    expect(await violationsGraves(page)).toEqual([]);
    const lien = page.locator('main').getByRole('link', { name: "Mission locale d'Ajaccio", exact: true });
    dialogue = (await lien.getAttribute('href'))!.split('/').pop()!;
  });

  it("la ML enregistre son autodiagnostic en brouillon, puis le soumet ; l'UD ne peut pas décider du financement", async () => {
    const page = pages[ML];
    await page.getByRole('link', { name: 'À faire' }).click();
    const ligne = page.locator('main table tbody tr', { hasText: "Mission locale d'Ajaccio" });
    await expect.poll(() => ligne.innerText()).toMatch(/en retard de [\d\s\u00a0]+ jours/i);
    await page.locator('main').getByRole('link', { name: "Mission locale d'Ajaccio", exact: true }).click();
    await page.locator('main h1', { hasText: "Mission locale d'Ajaccio" }).waitFor();
    expect(await etat(page)).toMatch(/Ouvert/);
    await page.getByLabel('Éléments de contexte').fill('Hausse du chômage des jeunes en 2017.');
    await page.getByLabel("Plan d'action proposé").fill('Renforcer la relation aux employeurs.');
    // Une cible illisible n'est pas abandonnée en silence : message sous le champ, rien d'enregistré.
    const emploi = page.getByLabel(/^Taux d'accès à l'emploi des jeunes accompagnés/);
    await emploi.fill('abc');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.locator('.fr-input-group--error', { has: emploi }).getByText('Un nombre est attendu (chiffres, virgule pour les décimales).').waitFor();
    await page.getByText(/^Rien n'a été envoyé : un champ est à corriger/).waitFor();
    expect(await page.getByText('Brouillon enregistré.').count()).toBe(0);
    await capture(page, 'autodiagnostic-cible-illisible');
    expect(await libellesLoinDeLeurChamp(page, 'autodiagnostic')).toEqual([]);
    await emploi.fill('36');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByText('Brouillon enregistré.').waitFor();
    await capture(page, 'autodiagnostic');
    expect(await violationsGraves(page)).toEqual([]);
    await cliquer(page, "Soumettre l'autodiagnostic", /Autodiagnostic soumis/);

    const refus = await envoyer(pages[UD], `/api/dialogues/${dialogue}/actions/decider_financement`, { montants: { fonctionnement_cpo: 1 } });
    expect(refus.status()).toBe(403);
    expect((await refus.json()).message).toBe('« Prendre la décision financière » est réservé à : Agent DIRECCTE.');
  });

  it("l'UD enregistre l'entretien, puis arrête une cible par ratio et le plan d'action", async () => {
    const page = await ouvrirDialogue(UD);
    await page.getByLabel("Date de l'entretien").fill('2018-03-12');
    await page.getByLabel('Participants').fill('UD 2A, direction de la ML, Conseil régional de Corse');
    await page.getByText('Le Conseil régional était présent').click();
    await page.getByLabel('Compte rendu').fill('Les résultats 2017 ont été examinés.');
    await cliquer(page, "Enregistrer l'entretien", /Entretien réalisé/);

    // La cible proposée par la ML est reprise ; les autres sont à saisir.
    const emploi = page.getByLabel(/^Taux d'accès à l'emploi des jeunes accompagnés/);
    expect(await emploi.inputValue()).toBe('36');
    expect(await libellesLoinDeLeurChamp(page, 'objectifs')).toEqual([]);
    const champs = page.locator('fieldset:has(legend:text("Une cible par ratio")) input');
    for (let i = 0; i < (await champs.count()); i++) if (!(await champs.nth(i).inputValue())) await champs.nth(i).fill('1');
    await page.getByRole('button', { name: 'Ajouter une action' }).click();
    await page.getByLabel('Action 1 : titre').fill('Prospection des employeurs');
    await page.getByLabel(/^Échéance/).fill('2018-09-30');
    await page.getByLabel('Objectifs qualitatifs').fill('Mieux repérer les jeunes en QPV.');
    await cliquer(page, 'Arrêter les objectifs', /Objectifs arrêtés/);
  });

  it('la DIRECCTE décide au-delà des 10 % : justification exigée, décision signalée ; puis génère l’avenant', async () => {
    const page = await ouvrirDialogue(DIRECCTE);
    const reference = Number((await page.getByLabel('Crédit de fonctionnement CPO (€)').inputValue()).replace(/\D/g, ''));
    expect(reference).toBeGreaterThan(0);
    await page.getByText(/^Autrement dit : sur l'ensemble des années déjà décidées/).waitFor();
    // Juste au-dessus de la borne, la variation s'affiche « +10,0 % » : le montant au-delà se dit en euros.
    await page.getByLabel('Crédit de fonctionnement CPO (€)').fill(String(Math.floor(reference * 1.1) + 1));
    await page.getByText(/^\+10,0\s%, soit [\d,]+\s€ au-delà de la borne de \+10\s%$/).waitFor();
    await page.getByLabel('Crédit de fonctionnement CPO (€)').fill(String(Math.round(reference * 1.15)));
    await page.getByText(/une justification écrite est obligatoire/).waitFor();
    await page.getByLabel('Justification du dépassement').fill('Ouverture d’une antenne à Porto-Vecchio.');
    await capture(page, 'decision-saisie');
    await cliquer(page, 'Prendre la décision financière', /Décision financière prise/);
    await page.getByText(/Décision au-delà de la borne de 10\s% sur la convention/).waitFor();
    await capture(page, 'decision');
    expect(await violationsGraves(page)).toEqual([]);
    await cliquer(page, "Générer l'avenant", /Avenant généré/);
  });

  it("la ML télécharge l'avenant, identique à chaque téléchargement, et signe en confirmant son empreinte ; puis la DIRECCTE ; l'avenant signé se télécharge", async () => {
    const page = await ouvrirDialogue(ML);
    const telecharger = async () => {
      const [fichier] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: "Télécharger l'avenant (PDF)" }).click()]);
      return readFileSync(await fichier.path());
    };
    const premier = await telecharger();
    const second = await telecharger();
    expect(premier.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(premier, second)).toBe(0);
    const texte = execFileSync('pdftotext', ['-', '-'], { input: premier, encoding: 'utf8' }).replace(/\s+/g, ' ');
    writeFileSync(join(process.cwd(), 'test-resultats', `avenant-campagne-${moteur.nom}.txt`), texte);
    expect(texte).toContain("Avenant n° 4 pour l'année 2018 à la convention pluriannuelle d'objectifs 2015-2018 entre l'État et la Mission locale d'Ajaccio");
    expect(texte).toContain('Prospection des employeurs');
    // pdftotext recolle les mots coupés en fin de ligne.
    expect(texte).toMatch(/Justification : Ouverture d’une antenne à Porto-? ?Vecchio\./);
    // Signer demande une confirmation qui nomme l'avenant et l'empreinte SHA-256 du PDF téléchargé.
    const empreinte = createHash('sha256').update(premier).digest('hex');
    const signer = async (p: Page, bouton: string, qualite: string | null, attendu: RegExp) => {
      await p.getByRole('button', { name: bouton, exact: true }).click();
      const modale = p.getByRole('dialog', { name: "Signer l'avenant n° 4" });
      await modale.waitFor();
      const texte = (await modale.innerText()).replace(/\s+/g, ' ');
      expect(texte).toContain("Vous signez l'avenant n° 4 pour l'année 2018 à la convention pluriannuelle d'objectifs n° ");
      expect(texte).toContain('Avenant n° 4 : année 4 de la convention 2015-2018');
      expect(texte).toContain(`Empreinte SHA-256 du PDF que vous signez : ${empreinte}`);
      if (qualite) await modale.getByLabel('Votre qualité').fill(qualite);
      await modale.getByLabel('Fait à').fill('Ajaccio');
      // La fenêtre du DSFR apparaît en fondu : axe-core mesure les contrastes une fois qu'elle est opaque.
      await expect.poll(() => modale.evaluate((el) => getComputedStyle(el.closest('.fr-modal') ?? el).opacity)).toBe('1');
      expect(await violationsGraves(p)).toEqual([]);
      await modale.getByRole('button', { name: "Je signe l'avenant n° 4" }).click();
      // La seconde signature reconstruit l'avenant généré, puis rend l'avenant signé : un peu plus long qu'un pas.
      await expect.poll(() => etat(p), { timeout: 15_000 }).toMatch(attendu);
    };
    // À 375 px aussi, la modale tient dans l'écran (l'empreinte passe à la ligne).
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('button', { name: "Signer l'avenant pour la ML", exact: true }).click();
    const etroite = page.getByRole('dialog', { name: "Signer l'avenant n° 4" });
    await etroite.waitFor();
    expect(await etroite.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    await capture(page, 'signature-375');
    await etroite.getByRole('button', { name: 'Annuler' }).click();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await signer(page, "Signer l'avenant pour la ML", 'Président de la Mission locale', /Signé par la ML/);

    const etatPage = await ouvrirDialogue(DIRECCTE);
    await signer(etatPage, "Signer l'avenant pour l'État", null, /^Signé\s*Étape 8 sur 8/);
    // Signé : l'avenant signé se télécharge (qui, en quelle qualité, où, quand) ; l'original reste le même.
    const telechargerSur = async (p: Page, lien: string) => {
      const [fichier] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name: lien }).click()]);
      return readFileSync(await fichier.path());
    };
    const signe = await telechargerSur(etatPage, "Télécharger l'avenant signé (PDF)");
    expect(Buffer.compare(await telechargerSur(etatPage, "Télécharger l'original, avant signatures (PDF)"), premier)).toBe(0);
    const texteSigne = execFileSync('pdftotext', ['-raw', '-', '-'], { input: signe, encoding: 'utf8' }).replace(/\s+/g, ' ');
    writeFileSync(join(process.cwd(), 'test-resultats', `avenant-signe-campagne-${moteur.nom}.txt`), texteSigne);
    expect(texteSigne).toMatch(/Fait à Ajaccio, le \d{1,2}(er)? \S+ \d{4} Fait à Ajaccio, le /);
    expect(texteSigne).toMatch(/Signé par Paul Lefebvre \(Mission locale d'Ajaccio\), Président de la Mission locale, le /);
    expect(texteSigne).toMatch(/Signé par Sophie Bernard \(DIRECCTE Corse\), Directeur régional, par délégation du préfet de région, le /);
    expect(await etatPage.locator('main').innerText()).toMatch(/Pour la Mission locale : Paul Lefebvre \(Mission locale d'Ajaccio\), Président de la Mission locale, à Ajaccio, le /);
    await etatPage.getByRole('heading', { name: 'Bilan intermédiaire' }).first().waitFor();
    await capture(etatPage, 'signe');
    expect(await violationsGraves(etatPage)).toEqual([]);
    // Signé : plus aucune étape à faire, et la base refuse toute modification.
    const apres = await envoyer(etatPage, `/api/dialogues/${dialogue}/actions/signer_etat`, { empreinte, qualite: 'Directeur régional', lieu: 'Ajaccio' });
    expect(apres.status()).toBe(409);
    await expect(application.base.query(`UPDATE dialogue SET etat = 'ouvert' WHERE id = $1`, [Number(dialogue)])).rejects.toThrow(/signé/);
  });

  it('le suivi régional montre le dialogue signé et la décision au-delà des 10 %', async () => {
    const page = pages[DIRECCTE];
    await page.goto('/campagnes');
    await page.locator('main').getByRole('link', { name: '2018', exact: true }).click();
    const ligne = page.locator('main table tbody tr', { hasText: "Mission locale d'Ajaccio" });
    await expect.poll(async () => ligne.innerText()).toMatch(/Signé[\s\S]*oui, justifié \(15,0/);
    await capture(page, 'suivi-fin');
  });

  it('le tableau de bord de la ML montre ses cibles 2018 et leur atteinte', async () => {
    const page = pages[ML];
    await page.goto('/structures/ML02A01?annee=2018');
    const ligne = page.locator('tr[data-ligne="ratio_07"]').first();
    await ligne.waitFor();
    await page.getByRole('columnheader', { name: /^Cible 2018/ }).first().waitFor();
    const cellules = await ligne.locator('th, td').allInnerTexts();
    expect(cellules).toContain('36,0\u00a0%');
    await capture(page, 'tableau-ml-cibles');
  });

  it("l'UD d'un autre département fait avancer le dialogue d'une ML de Haute-Corse", async () => {
    const ml = await application.connecte('Inès Garnier');
    await ml.getByRole('link', { name: 'À faire' }).click();
    await ml.locator('main table tbody a').first().click();
    await ml.getByLabel('Éléments de contexte').fill('Saisonnalité du tourisme.');
    await ml.getByLabel("Plan d'action proposé").fill("Accompagner vers l'emploi d'hiver.");
    await cliquer(ml, "Soumettre l'autodiagnostic", /Autodiagnostic soumis/);
    const nom = (await ml.locator('main h1').innerText()).trim();

    const ud = await application.connecte('UD Haute-Corse');
    expect(await ud.locator('header').innerText()).toContain('UD Haute-Corse');
    await ud.getByRole('link', { name: 'À faire' }).click();
    const ligne = ud.locator('main table tbody tr', { hasText: nom });
    await expect.poll(() => ligne.innerText()).toMatch(/Autodiagnostic soumis[\s\S]*en retard de [\d\s\u00a0]+ jours[\s\S]*Renvoyer à la ML ; Enregistrer l'entretien/i);
    await capture(ud, 'a-faire-ud-haute-corse');
    expect(await violationsGraves(ud)).toEqual([]);
  });
});
