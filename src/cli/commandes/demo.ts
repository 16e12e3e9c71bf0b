import { Option, type Command } from 'commander';
import { chargerDemo, suiviGeneration } from '../../application/demo/chargerDemo.ts';
import { genererDemo, type Echelle } from '../../application/demo/genererDemo.ts';
import { rapportEnTexte } from '../../application/echange/rapport.ts';
import { ports } from '../../composition.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';
import { progressionTerminal } from '../progression.ts';

interface OptionsDemo {
  echelle: Echelle;
  graine: number;
  sortie?: string;
  region?: string;
  departement?: string;
  structure?: string;
}

export function commandeDemo(programme: Command) {
  programme
    .command('demo')
    .description('génère des extraits de démonstration 2015-2018 (déterministes pour une graine) et les charge en base, ou les écrit dans un dossier')
    .addOption(
      new Option('--echelle <echelle>', 'une ML, un département, une région ou tout le réseau (445 ML)')
        .choices(['ml', 'departement', 'region', 'national'])
        .default('region'),
    )
    .option('--graine <N>', 'graine du générateur', entier('--graine'), 2015)
    .option('--sortie <dossier>', 'écrit les fichiers CSV dans ce dossier au lieu de les charger en base')
    .option('--region <code>', 'région de l’échelle region (code INSEE, défaut 53 : Bretagne)')
    .option('--departement <code>', 'département de l’échelle departement (défaut 35)')
    .option('--structure <code>', 'Mission locale de l’échelle ml')
    .action(async (options: OptionsDemo) => {
      const progression = progressionTerminal();
      if (options.sortie) {
        const resultat = await genererDemo({ ...options, sortie: options.sortie, progression: suiviGeneration(progression) });
        progression.terminer();
        for (const f of resultat.fichiers) process.stderr.write(`${f.nom.padEnd(16)} ${f.lignes.toLocaleString('fr-FR').padStart(12)} lignes\n`);
        process.stderr.write(`Démonstration écrite dans ${options.sortie} : ${resultat.structures} Missions locales\n`);
        return;
      }
      const { horloge, fichiers } = ports();
      const rapport = await avecBase((base) => chargerDemo(base, { ...options, acteur: acteurCli(), progression, horloge, fichiers }));
      process.stderr.write(rapportEnTexte(rapport) + '\n');
      if (rapport.statut === 'refuse') process.exitCode = 1;
    });
}

