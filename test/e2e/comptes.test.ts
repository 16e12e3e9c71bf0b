// Les comptes dans Chromium : la direction d'une Mission locale invite un conseiller, qui ouvre le lien
// reçu et se connecte ; la direction le désactive, et sa session se ferme aussitôt.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Courriel } from '../../src/application/ports/messagerie.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { capturer, demarrerApplication, violationsGraves } from './navigateur.ts';

const DIRECTION = 'Paul Lefebvre'; // direction de la Mission locale d'Ajaccio

surChaqueMoteur('Comptes et habilitations dans Chromium', (moteur) => {
  let application: Awaited<ReturnType<typeof demarrerApplication>>;
  const courriels: Courriel[] = [];
  beforeAll(async () => {
    application = await demarrerApplication(moteur, { messagerie: { envoyer: async (c) => void courriels.push(c) } });
  }, 180_000);
  afterAll(() => application?.fermer());

  it("la direction d'une ML invite un conseiller, qui accepte par le lien reçu ; désactivé, il perd sa session", async () => {
    const direction = await application.connecte(DIRECTION);
    await direction.getByRole('link', { name: 'Comptes' }).first().click();
    await direction.locator('main h1', { hasText: 'Comptes et habilitations' }).waitFor();
    // La direction ne donne que le rôle de conseiller, dans sa seule ML.
    expect(await direction.getByLabel('Organisation').locator('option').allTextContents()).toEqual(["Mission locale d'Ajaccio"]);
    expect(await direction.getByLabel('Rôle', { exact: true }).locator('option').allTextContents()).toEqual(['Conseiller(ère)']);
    // Un champ fautif est signalé sous le champ, rien n'est envoyé.
    await direction.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await direction.getByText('Adresse de courriel attendue (prenom.nom@exemple.fr).').waitFor();
    expect(courriels).toEqual([]);
    await direction.getByLabel('Courriel').fill('lucie.neuve@ml-ajaccio.fr');
    await direction.getByLabel('Prénom et nom').fill('Lucie Neuve');
    await direction.getByRole('button', { name: "Envoyer l'invitation" }).click();
    await direction.getByText("Invitation envoyée à lucie.neuve@ml-ajaccio.fr : le lien vaut jusqu'au", { exact: false }).waitFor();
    const ligne = direction.locator('tr', { hasText: 'lucie.neuve@ml-ajaccio.fr' });
    await ligne.getByText('Invitation envoyée', { exact: true }).waitFor();
    expect(await violationsGraves(direction)).toEqual([]);
    await capturer(direction, `${moteur.nom}-comptes-invitation`);

    const lien = courriels.at(-1)!.texte.match(/http\S+\/invitation#\S+/)![0];
    const contexte = await application.navigateur.newContext({ baseURL: application.adresse, locale: 'fr-FR' });
    contexte.setDefaultTimeout(15_000);
    const conseiller = await contexte.newPage();
    await conseiller.goto(lien);
    await conseiller.getByRole('button', { name: "Accepter l'invitation" }).click();
    await conseiller.locator('main h1', { hasText: 'Ajaccio' }).waitFor();
    expect((await (await conseiller.request.get('/api/moi')).json()).utilisateur).toMatchObject({ courriel: 'lucie.neuve@ml-ajaccio.fr', role: 'conseiller' });

    await direction.reload();
    await ligne.getByText('Actif', { exact: true }).waitFor();
    await ligne.getByRole('button', { name: 'Désactiver le compte de Lucie Neuve' }).click();
    await ligne.getByText('Désactivé', { exact: true }).waitFor();
    expect((await conseiller.request.get('/api/moi')).status()).toBe(401);
    await conseiller.reload();
    await conseiller.locator('main h1', { hasText: 'Connexion' }).waitFor();
    const [trace] = await application.base.query(`SELECT details FROM journal_audit WHERE action = 'desactiver_compte' ORDER BY id DESC LIMIT 1`);
    expect(trace.details).toMatchObject({ courriel: 'lucie.neuve@ml-ajaccio.fr' });
    // Le lien ne sert qu'une fois.
    const second = await contexte.newPage();
    await second.goto(lien);
    await second.getByRole('button', { name: "Accepter l'invitation" }).click();
    await second.getByText("Ce lien d'invitation a déjà servi", { exact: false }).waitFor();
    await contexte.close();
  });
});
