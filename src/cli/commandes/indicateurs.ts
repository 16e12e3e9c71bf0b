import { Option, type Command } from 'commander';
import { chargerCatalogue } from '../../application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../../application/indicateurs/moteur.ts';
import { chiffresEnCsv, chiffresEnJson, chiffresEnTableau } from '../../application/indicateurs/presentation.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { refusDateAu } from '../../domaine/temps/dates.ts';

export function commandeIndicateurs(programme: Command) {
  programme
    .command('indicateurs')
    .description("calcule les indicateurs et les ratios de la CPO d'une année (ou de l'année à une date), pour chaque Mission locale")
    .requiredOption('--annee <N>', 'année civile', entier('--annee'))
    .option('--au <AAAA-MM-JJ>', "du 1er janvier à ce jour inclus (dans l'année) ; par défaut, l'année entière")
    .option('--structure <code>', 'une seule Mission locale')
    .addOption(new Option('--format <format>', 'format de sortie').choices(['json', 'csv', 'tableau']).default('tableau'))
    .action(async (options: { annee: number; au?: string; structure?: string; format: 'json' | 'csv' | 'tableau' }) => {
      const refus = options.au === undefined ? null : refusDateAu(options.annee, options.au);
      if (refus) throw new ErreurMetier(`--au : ${refus}`);
      const catalogue = chargerCatalogue();
      const chiffres = await avecBase(async (base) => {
        const codes = options.structure ? [options.structure] : undefined;
        const resultat = await chiffresParML(base, catalogue, options.annee, codes, options.au);
        if (options.structure && resultat.length === 0) throw new ErreurMetier(`structure inconnue : ${options.structure}`);
        return resultat;
      });
      const sortie = { json: chiffresEnJson, csv: chiffresEnCsv, tableau: chiffresEnTableau }[options.format](catalogue, options.annee, chiffres, options.au);
      process.stdout.write(sortie);
    });
}
