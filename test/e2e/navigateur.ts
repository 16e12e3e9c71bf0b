// Le navigateur des tests de bout en bout : le Chromium de Debian, piloté par playwright-core, avec
// un profil neuf à chaque lancement ; et l'audit d'accessibilité axe-core dans la page.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const resultat = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: any[] }> } }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return resultat.violations.map((v) => ({ id: v.id, impact: v.impact, aide: v.help, cibles: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) : ${v.aide} — ${v.cibles.join(' | ')}`);
}
