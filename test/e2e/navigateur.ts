// Le navigateur des tests de bout en bout : le Chromium de Debian, piloté par playwright-core, avec
// un profil neuf à chaque lancement ; et l'audit d'accessibilité axe-core dans la page.
import type { Horloge } from '../../src/application/ports/horloge.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chargerDemo } from '../../src/application/demo/chargerDemo.ts';
import { assurerConventionsDemo } from '../../src/application/dialogue/assurerConventionsDemo.ts';
import { horlogeSysteme } from '../../src/infrastructure/horloge.ts';
import { creerServeur, DOSSIER_WEB } from '../../src/http/serveur.ts';
import type { Catalogue } from '../../src/domaine/indicateurs/catalogue.ts';
import type { ConfigurationOidc } from '../../src/infrastructure/auth/oidc.ts';
import type { Messagerie } from '../../src/application/ports/messagerie.ts';
import type { Moteur } from '../outils/bases.ts';

export const CHROMIUM = process.env.CPO_CHROMIUM ?? '/usr/bin/chromium';
export const DRAPEAUX_CHROMIUM = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function lancerChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: DRAPEAUX_CHROMIUM });
}

/** Les captures d'écran restent après les tests, comme artefacts (test-resultats/captures). */
export const DOSSIER_CAPTURES = join(process.cwd(), 'test-resultats', 'captures');

export async function capturer(page: Page, nom: string) {
  mkdirSync(DOSSIER_CAPTURES, { recursive: true });
  await page.screenshot({ path: join(DOSSIER_CAPTURES, `${nom}.png`), fullPage: true });
}

const require = createRequire(import.meta.url);

/** Les violations d'accessibilité graves ou critiques de la page, selon axe-core. */
export async function violationsGraves(page: Page): Promise<string[]> {
  // Évalué par le protocole du navigateur : la CSP de l'application (pas de script injecté) reste en place.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const resultat = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: any[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return resultat.violations.map((v) => ({ id: v.id, impact: v.impact, aide: v.help, cibles: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) : ${v.aide} — ${v.cibles.join(' | ')}`);
}

/**
 * L'application servie par le vrai serveur sur un moteur (sous le catalogue donné, sinon celui en
 * vigueur ; à l'horloge donnée, sinon celle du système), avec la démonstration Corse (4 ML, deux
 * départements) et ses conventions, et un Chromium
 * prêt à s'y connecter avec un compte de démonstration.
 */
export async function demarrerApplication(moteur: Moteur, options: { oidc?: ConfigurationOidc; catalogue?: Catalogue; messagerie?: Messagerie; horloge?: Horloge } = {}) {
  if (!existsSync(join(DOSSIER_WEB, 'index.html'))) throw new Error("l'application web n'est pas construite : lancez « npm run build » (npm test le fait)");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : « bash .ci/run » l'installe (paquet Debian chromium)`);
  const base = await moteur.ouvrir();
  const rapport = await chargerDemo(base, { fichiers: lecteurFichiers, echelle: 'region', region: '94', graine: 2015, horloge: horlogeSysteme });
  if (rapport.statut === 'refuse') throw new Error('démonstration refusée');
  await assurerConventionsDemo(base, 'demo');
  // Les courriels (invitations) ne partent pas : sans messagerie donnée, ils sont oubliés.
  const messagerie = options.messagerie ?? { envoyer: async () => {} };
  const app = await creerServeur(base, { connexionDemo: true, prechauffer: true, connexionsParMinute: 1000, oidc: options.oidc ?? null, catalogue: options.catalogue, messagerie, horloge: options.horloge });
  const adresse = await app.listen({ port: 0, host: '127.0.0.1' });
  const navigateur = await lancerChromium();
  const contextes: BrowserContext[] = [];
  return {
    base,
    adresse,
    navigateur,
    /** Se connecte avec le compte de ce nom, ou celui de cette organisation (« UD Haute-Corse »), choisi dans sa carte. */
    async connecte(qui: string): Promise<Page> {
      const contexte = await navigateur.newContext({ baseURL: adresse, viewport: { width: 1400, height: 1000 }, acceptDownloads: true, locale: 'fr-FR' });
      contextes.push(contexte);
      contexte.setDefaultTimeout(15_000);
      const page = await contexte.newPage();
      await page.goto('/');
      await page.getByRole('button', { name: /^Se connecter/ }).first().waitFor();
      const option = page.locator('option', { hasText: qui });
      let carte = page.locator('main .fr-card', { has: page.getByRole('button', { name: `Se connecter en tant que ${qui}` }) });
      if ((await option.count()) > 0) {
        const choix = page.locator('select', { has: option });
        await choix.selectOption({ label: (await option.first().textContent())! });
        carte = page.locator('main .fr-card', { has: choix });
      }
      await carte.getByRole('button', { name: /^Se connecter/ }).click();
      await page.locator('main h1', { hasNotText: 'Connexion' }).waitFor();
      return page;
    },
    async fermer() {
      for (const c of contextes) await c.close().catch(() => {});
      await navigateur.close();
      await app.close();
      await base.fermer();
    },
  };
}

/** Une requête qui change l'état, faite « à la main » avec la session de la page et son jeton anti-CSRF. */
export async function envoyer(page: Page, url: string, data?: unknown, method: 'POST' | 'PUT' = 'POST') {
  const { jeton } = await (await page.request.get('/api/csrf')).json();
  return page.request.fetch(url, { method, data, headers: { 'x-csrf-token': jeton } });
}
