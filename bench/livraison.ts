// Banc d'essai de la livraison : le JavaScript que demande la page de connexion (profil neuf, cache
// vide), fichier par fichier, non compressé, en gzip et en brotli (compressés ici au niveau maximal,
// comme à la construction), et s'il contient ECharts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { construireSiNecessaire } from '../src/cli/construire.ts';
import { ouvrirBase } from '../src/infrastructure/db/base.ts';
import { creerServeur, DOSSIER_WEB } from '../src/http/serveur.ts';
import { lancerChromium } from '../test/e2e/navigateur.ts';
import { ecrireResultat, fr, machine, tableau } from './outils.ts';

const ko = (octets: number) => `${fr(octets / 1024, 1)} ko`;

export async function bancLivraison() {
  construireSiNecessaire();
  const base = await ouvrirBase({ dossier: 'memoire' });
  const app = await creerServeur(base, { connexionDemo: true });
  const adresse = await app.listen({ port: 0, host: '127.0.0.1' });
  const navigateur = await lancerChromium();
  const demandes: string[] = [];
  try {
    const page = await navigateur.newPage();
    page.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (pathname.endsWith('.js')) demandes.push(pathname);
    });
    await page.goto(`${adresse}/connexion`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
  } finally {
    await navigateur.close();
    await app.close();
    await base.fermer();
  }
  const fichiers = [...new Set(demandes)].map((chemin) => {
    const contenu = readFileSync(join(DOSSIER_WEB, chemin));
    return {
      fichier: chemin,
      octets: contenu.length,
      gzip: gzipSync(contenu, { level: 9 }).length,
      brotli: brotliCompressSync(contenu, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      // L'attribut qu'ECharts pose sur chaque conteneur : présent seulement dans son code.
      echarts: contenu.includes('_echarts_instance_'),
    };
  });
  const total = (cle: 'octets' | 'gzip' | 'brotli') => fichiers.reduce((s, f) => s + f[cle], 0);
  console.log('\nJavaScript demandé par la page de connexion (cache vide)\n');
  console.log(
    tableau(
      ['fichier', 'non compressé', 'gzip', 'brotli', 'ECharts'],
      [
        ...fichiers.map((f) => [f.fichier, ko(f.octets), ko(f.gzip), ko(f.brotli), f.echarts ? 'oui' : 'non']),
        ['TOTAL', ko(total('octets')), ko(total('gzip')), ko(total('brotli')), ''],
      ],
    ),
  );
  ecrireResultat('livraison-connexion', { machine: machine(), fichiers, total: { octets: total('octets'), gzip: total('gzip'), brotli: total('brotli') } });
}
