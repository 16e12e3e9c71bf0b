// Banc d'essai de l'évolution mois par mois (issue 14, point 1) sur la démonstration Bretagne (17 ML),
// dans PostgreSQL puis dans PGlite : la série de 2018 et 2017 à chaque fin de mois pour une ML, une fois
// les années entières calculées (ce que fait le serveur à son démarrage), puis pour une autre ML de la
// région (les tableaux du réseau à chaque date sont alors gardés : seule l'extraction reste).
import { performance } from 'node:perf_hooks';
import { chargerDemo } from '../src/application/demo/chargerDemo.ts';
import { chargerCatalogue } from '../src/application/indicateurs/catalogueEnVigueur.ts';
import { evolutionMensuelle } from '../src/application/indicateurs/lireEvolutionMensuelle.ts';
import { ServiceChiffres } from '../src/application/indicateurs/serviceChiffres.ts';
import type { Base } from '../src/application/ports/base.ts';
import { ouvrirBase } from '../src/infrastructure/db/base.ts';
import { lecteurFichiers } from '../src/infrastructure/fichiers/lecteur.ts';
import { horlogeSysteme } from '../src/infrastructure/horloge.ts';
import { basePostgresNeuve, ecrireResultat, fr, machine, ouvrirBaseGardee, tableau } from './outils.ts';

const ANNEE = 2018;
/** Un jour de 2019 : les douze mois de 2018 sont finis. */
const AUJOURDHUI = '2019-01-15';
const NOM_BASE = 'cpo_bench_mensuel';

async function mesurer(base: Base) {
  const service = new ServiceChiffres(base, chargerCatalogue());
  await service.prechauffer();
  const [premiere, autre] = (await base.query<{ code_structure: string }>('SELECT code_structure FROM mission_locale ORDER BY 1 LIMIT 2')).map((m) => m.code_structure);
  const chrono = async (code: string) => {
    const debut = performance.now();
    const serie = await evolutionMensuelle(service, 'structure', code, ANNEE, AUJOURDHUI);
    if (!serie || serie.au.includes(null)) throw new Error(`série mensuelle incomplète pour ${code}`);
    return performance.now() - debut;
  };
  return { premiereMs: await chrono(premiere), autreMs: await chrono(autre) };
}

export async function bancMensuel() {
  const resultats: { moteur: string; premiereMs: number; autreMs: number }[] = [];
  const gardee = await ouvrirBaseGardee(NOM_BASE);
  const postgres = gardee ?? (await basePostgresNeuve(NOM_BASE));
  const pglite = await ouvrirBase({ dossier: 'memoire' });
  try {
    for (const [moteur, base, charger] of [['PostgreSQL', postgres, !gardee], ['PGlite', pglite, true]] as const) {
      if (charger) {
        process.stderr.write(`Chargement de la démonstration Bretagne dans ${moteur}…\n`);
        await chargerDemo(base, { fichiers: lecteurFichiers, echelle: 'region', region: '53', graine: 2015, horloge: horlogeSysteme });
      }
      const { premiereMs, autreMs } = await mesurer(base);
      resultats.push({ moteur, premiereMs: Math.round(premiereMs), autreMs: Math.round(autreMs) });
    }
  } finally {
    await Promise.all([postgres.fermer(), pglite.fermer()]);
  }
  console.log(`\nÉvolution mois par mois — Bretagne (17 ML), ${ANNEE} et ${ANNEE - 1} à chaque fin de mois (24 dates, dont 2 années entières déjà calculées)\n`);
  console.log(
    tableau(
      ['moteur', 'première ML (s)', 'autre ML ensuite (ms)'],
      resultats.map((r) => [r.moteur, fr(r.premiereMs / 1000, 1), fr(r.autreMs)]),
    ),
  );
  ecrireResultat('mensuel-region', { machine: machine(), annee: ANNEE, resultats });
}
