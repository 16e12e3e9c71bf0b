// Banc d'essai de l'application web sur une région (la démonstration Bretagne, 17 ML) dans PostgreSQL :
// latence de l'API des tableaux de bord sous 50 connexions simultanées (p50, p95, p99), servie par le
// vrai serveur dans son propre processus ; puis le temps du premier rendu du tableau de bord d'une ML
// dans Chromium (profil neuf, cache vide).
import { lecteurFichiers } from '../src/infrastructure/fichiers/lecteur.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { chargerDemo } from '../src/application/demo/chargerDemo.ts';
import { construireSiNecessaire } from '../src/cli/construire.ts';
import { horlogeSysteme } from '../src/infrastructure/horloge.ts';
import { lancerChromium } from '../test/e2e/navigateur.ts';
import { basePostgresNeuve, ecrireResultat, fr, machine, ouvrirBaseGardee, tableau, URL_ADMIN } from './outils.ts';

const CONNEXIONS = 50;
const DUREE_MS = Number(process.env.CPO_BENCH_DUREE_MS ?? 20_000);
const RENDUS = 7;
const NOM_BASE = 'cpo_bench_web';

const percentile = (tries: number[], p: number) => tries[Math.min(tries.length - 1, Math.ceil((p / 100) * tries.length) - 1)];

async function servirDansUnProcessus(url: string): Promise<{ adresse: string; arreter: () => Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 50);
  const serveur = spawn(process.execPath, [join(import.meta.dirname, '../bin/cpo.js'), 'serve', '--port', String(port)], {
    env: { ...process.env, DATABASE_URL: url, CPO_CONNEXION_DEMO: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let sortie = '';
  serveur.stderr!.on('data', (d) => (sortie += d));
  const adresse = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (serveur.exitCode !== null) throw new Error(`le serveur s'est arrêté : ${sortie}`);
    if (await fetch(`${adresse}/api/sante`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    adresse,
    arreter: async () => {
      serveur.kill('SIGTERM');
      await once(serveur, 'exit');
    },
  };
}

async function session(adresse: string, role: string): Promise<{ cookie: string; code: string }> {
  const { utilisateurs } = await (await fetch(`${adresse}/api/connexion/demo`)).json();
  const compte = utilisateurs.find((u: { role: string }) => u.role === role);
  const anonyme = await fetch(`${adresse}/api/csrf`);
  const { jeton } = await anonyme.json();
  const reponse = await fetch(`${adresse}/api/connexion/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: anonyme.headers.get('set-cookie')!.split(';')[0], 'x-csrf-token': jeton },
    body: JSON.stringify({ id: compte.id }),
  });
  return { cookie: reponse.headers.get('set-cookie')!.split(';')[0], code: compte.organisation.code };
}

/** 50 connexions qui demandent les adresses tour à tour pendant DUREE_MS : latences (p50, p95, p99) et erreurs. */
async function mesurerCharge(adresse: string, cookie: string, requetes: string[]) {
  const latences: number[] = [];
  let erreurs = 0;
  const fin = performance.now() + DUREE_MS;
  await Promise.all(
    Array.from({ length: CONNEXIONS }, async (_, i) => {
      for (let k = i; performance.now() < fin; k += CONNEXIONS) {
        const debut = performance.now();
        const reponse = await fetch(adresse + requetes[k % requetes.length], { headers: { cookie } });
        await reponse.arrayBuffer();
        latences.push(performance.now() - debut);
        if (!reponse.ok) erreurs++;
      }
    }),
  );
  latences.sort((a, b) => a - b);
  return {
    connexions: CONNEXIONS,
    dureeS: DUREE_MS / 1000,
    requetes: latences.length,
    erreurs,
    parSeconde: Math.round(latences.length / (DUREE_MS / 1000)),
    p50Ms: +percentile(latences, 50).toFixed(1),
    p95Ms: +percentile(latences, 95).toFixed(1),
    p99Ms: +percentile(latences, 99).toFixed(1),
    maxMs: +latences.at(-1)!.toFixed(1),
  };
}

/** Le premier appel de chaque adresse, l'une après l'autre (ce qui n'est pas encore en mémoire se calcule ou se lit du stock). */
async function premiersAppels(adresse: string, cookie: string, requetes: string[]): Promise<number> {
  const debut = performance.now();
  for (const r of requetes) {
    const reponse = await fetch(adresse + r, { headers: { cookie } });
    if (!reponse.ok) throw new Error(`${r} : ${reponse.status}`);
    await reponse.arrayBuffer();
  }
  return performance.now() - debut;
}

export async function bancWeb() {
  construireSiNecessaire();
  const gardee = await ouvrirBaseGardee(NOM_BASE);
  const base = gardee ?? (await basePostgresNeuve(NOM_BASE));
  if (!gardee) {
    process.stderr.write('Chargement de la démonstration Bretagne dans PostgreSQL…\n');
    await chargerDemo(base, { fichiers: lecteurFichiers, echelle: 'region', region: '53', graine: 2015, horloge: horlogeSysteme });
  }
  const url = new URL(URL_ADMIN);
  url.pathname = `/${NOM_BASE}`;
  const [{ n: structures }] = await base.query<{ n: number }>('SELECT count(*)::int AS n FROM mission_locale');
  const codes = (await base.query<{ code_structure: string; code_departement: string }>('SELECT code_structure, code_departement FROM mission_locale ORDER BY 1')).map(
    (m) => m,
  );
  const serveur = await servirDansUnProcessus(url.toString());
  try {
    const direccte = await session(serveur.adresse, 'agent_direccte');
    const direction = await session(serveur.adresse, 'direction_ml');
    const { annees } = await (await fetch(`${serveur.adresse}/api/moi`, { headers: { cookie: direccte.cookie } })).json();
    const annee = annees.at(-1);
    // Ce qu'ouvrent les écrans : le tableau de bord de chaque ML, le tableau régional, les départements, l'évolution.
    const requetes = [
      ...codes.map((m) => `/api/annees/${annee}/structures/${m.code_structure}`),
      `/api/annees/${annee}/regions/53`,
      ...[...new Set(codes.map((m) => m.code_departement))].map((d) => `/api/annees/${annee}/departements/${d}`),
      ...codes.slice(0, 5).map((m) => `/api/evolution/structure/${m.code_structure}`),
    ];
    // Premier appel de chaque adresse (les chiffres de chaque année calculés puis mis en cache).
    const froidMs = await premiersAppels(serveur.adresse, direccte.cookie, requetes);
    const api = { ...(await mesurerCharge(serveur.adresse, direccte.cookie, requetes)), premiersAppelsMs: Math.round(froidMs) };

    // Premier rendu : du début de la navigation à l'affichage du dernier ratio, profil neuf à chaque fois.
    const navigateur = await lancerChromium();
    const rendus: number[] = [];
    try {
      for (let i = 0; i < RENDUS; i++) {
        const contexte = await navigateur.newContext({ viewport: { width: 1400, height: 1000 } });
        const [nom, valeur] = direction.cookie.split('=');
        await contexte.addCookies([{ name: nom, value: valeur, url: serveur.adresse }]);
        const page = await contexte.newPage();
        await page.goto(`${serveur.adresse}/structures/${direction.code}`);
        await page.locator('tr[data-ligne="ratio_13"]').waitFor();
        rendus.push(await page.evaluate(() => performance.now()));
        await contexte.close();
      }
    } finally {
      await navigateur.close();
    }
    rendus.sort((a, b) => a - b);
    const rendu = { repetitions: RENDUS, medianeMs: Math.round(percentile(rendus, 50)), maxMs: Math.round(rendus.at(-1)!), minMs: Math.round(rendus[0]) };

    console.log(`\nApplication web — région Bretagne (${structures} ML), PostgreSQL, année ${annee}\n`);
    console.log(
      tableau(
        ['mesure', 'valeur', 'objectif'],
        [
          [`API des tableaux de bord, ${CONNEXIONS} connexions, ${api.dureeS} s : requêtes`, `${fr(api.requetes)} (${fr(api.parSeconde)}/s, ${api.erreurs} erreurs)`, ''],
          ['  p50', `${fr(api.p50Ms, 1)} ms`, ''],
          ['  p95', `${fr(api.p95Ms, 1)} ms`, '≤ 50 ms'],
          ['  p99', `${fr(api.p99Ms, 1)} ms`, ''],
          ['  premiers appels (calcul des années, puis cache)', `${fr(api.premiersAppelsMs)} ms`, ''],
          [`Premier rendu du tableau de bord ML (Chromium, cache vide, ${RENDUS} fois) : médiane`, `${fr(rendu.medianeMs)} ms`, '≤ 2 000 ms'],
          ['  maximum', `${fr(rendu.maxMs)} ms`, ''],
        ],
      ),
    );
    ecrireResultat('web-region', { machine: machine(), base: 'postgresql', structures, annee, api, premierRendu: rendu });
  } finally {
    await serveur.arreter();
    await base.fermer();
  }
}

/**
 * Sur la base nationale (445 ML, gardée par `npm run bench -- import`) : du lancement du serveur au
 * premier chiffre national servi, à froid (aucun chiffre stocké) puis après un redémarrage (chiffres
 * stockés) ; puis les tableaux de bord national, régionaux et de ML sous 50 connexions.
 */
export async function bancWebNational(nomBase: string) {
  const base = await ouvrirBaseGardee(nomBase);
  if (!base) throw new Error(`base nationale ${nomBase} absente : lancez d'abord \`CPO_BENCH_GARDER_BASE=1 npm run bench -- import\``);
  const url = new URL(URL_ADMIN);
  url.pathname = `/${nomBase}`;
  const mls = await base.query<{ code_structure: string; code_region: string; code_departement: string }>(
    'SELECT code_structure, code_region, code_departement FROM mission_locale ORDER BY 1',
  );
  await base.query('DELETE FROM chiffres_ml');
  await base.fermer();

  /** Du lancement du processus à la première réponse nationale (connexion DGEFP comprise). */
  const premierChiffre = async () => {
    const debut = performance.now();
    const serveur = await servirDansUnProcessus(url.toString());
    const dgefp = await session(serveur.adresse, 'agent_dgefp');
    const { annees } = await (await fetch(`${serveur.adresse}/api/moi`, { headers: { cookie: dgefp.cookie } })).json();
    const annee: number = annees.at(-1);
    const reponse = await fetch(`${serveur.adresse}/api/annees/${annee}/national`, { headers: { cookie: dgefp.cookie } });
    if (!reponse.ok) throw new Error(`premier chiffre national : ${reponse.status}`);
    await reponse.arrayBuffer();
    return { serveur, dgefp, annee, ms: Math.round(performance.now() - debut) };
  };
  const froid = await premierChiffre();
  await froid.serveur.arreter();
  const { serveur, dgefp, annee, ms: redemarrageMs } = await premierChiffre();
  try {
    const regions = [...new Set(mls.map((m) => m.code_region))];
    const departements = [...new Set(mls.map((m) => m.code_departement))];
    const echantillon = mls.filter((_, i) => i % 7 === 0);
    const requetes = [
      `/api/annees/${annee}/national`,
      ...regions.map((r) => `/api/annees/${annee}/regions/${r}`),
      ...departements.filter((_, i) => i % 5 === 0).map((d) => `/api/annees/${annee}/departements/${d}`),
      ...echantillon.map((m) => `/api/annees/${annee}/structures/${m.code_structure}`),
    ];
    const premiersMs = await premiersAppels(serveur.adresse, dgefp.cookie, requetes);
    const api = { ...(await mesurerCharge(serveur.adresse, dgefp.cookie, requetes)), premiersAppelsMs: Math.round(premiersMs), adresses: requetes.length };
    console.log(`\nApplication web — base nationale (${mls.length} ML), PostgreSQL, année ${annee}\n`);
    console.log(
      tableau(
        ['mesure', 'valeur', 'objectif'],
        [
          ['Lancement du serveur → premier chiffre national, aucun chiffre stocké', `${fr(froid.ms)} ms`, ''],
          ['Lancement du serveur → premier chiffre national, après un redémarrage', `${fr(redemarrageMs)} ms`, '≤ 5 000 ms'],
          [`Premiers appels des ${requetes.length} adresses (national, régions, départements, ML)`, `${fr(api.premiersAppelsMs)} ms`, ''],
          [`Tableaux de bord, ${CONNEXIONS} connexions, ${api.dureeS} s : requêtes`, `${fr(api.requetes)} (${fr(api.parSeconde)}/s, ${api.erreurs} erreurs)`, '0 erreur'],
          ['  p50', `${fr(api.p50Ms, 1)} ms`, ''],
          ['  p95', `${fr(api.p95Ms, 1)} ms`, '≤ 50 ms'],
          ['  p99', `${fr(api.p99Ms, 1)} ms`, ''],
        ],
      ),
    );
    ecrireResultat('web-national', { machine: machine(), base: 'postgresql', structures: mls.length, annee, demarrageFroidMs: froid.ms, redemarrageMs, api });
  } finally {
    await serveur.arreter();
  }
}
