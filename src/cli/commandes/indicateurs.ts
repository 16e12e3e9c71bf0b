import { Option, type Command } from 'commander';
import { chargerCatalogue } from '../../application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../../application/indicateurs/moteur.ts';
import { chiffresEnCsv, chiffresEnJson, chiffresEnTableau } from '../../application/indicateurs/presentation.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';

export function commandeIndicateurs(programme: Command) {
  programme
    .command('indicateurs')
    .description("calcule les indicateurs et les ratios de la CPO d'une année, pour chaque Mission locale")
    .requiredOption('--annee <N>', 'année civile', entier('--annee'))
    .option('--structure <code>', 'une seule Mission locale')
    .addOption(new Option('--format <format>', 'format de sortie').choices(['json', 'csv', 'tableau']).default('tableau'))
    .action(async (options: { annee: number; structure?: string; format: 'json' | 'csv' | 'tableau' }) => {
      const catalogue = chargerCatalogue();
      const chiffres = await avecBase(async (base) => {
        const codes = options.structure ? [options.structure] : undefined;
        const resultat = await chiffresParML(base, catalogue, options.annee, codes);
        if (options.structure && resultat.length === 0) throw new ErreurMetier(`structure inconnue : ${options.structure}`);
        return resultat;
      });
      const sortie = { json: chiffresEnJson, csv: chiffresEnCsv, tableau: chiffresEnTableau }[options.format](catalogue, options.annee, chiffres);
      process.stdout.write(sortie);
    });
}
