import type { Command } from 'commander';
import { chargerCatalogue } from '../../application/indicateurs/catalogueEnVigueur.ts';
import { figerInstantane } from '../../application/indicateurs/figerInstantane.ts';
import { lireInstantane, listerInstantanes } from '../../application/indicateurs/instantanes.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';

export function commandeFiger(programme: Command) {
  programme
    .command('figer')
    .description("fige un instantané de tous les chiffres d'une année (toutes les ML, ou une région), qui ne changera plus")
    .requiredOption('--annee <N>', 'année civile', entier('--annee'))
    .option('--region <code>', 'une seule région (code INSEE)')
    .action(async (options: { annee: number; region?: string }) => {
      const catalogue = chargerCatalogue();
      const instantane = await avecBase((base) => figerInstantane(base, catalogue, { ...options, acteur: acteurCli(), origine: 'cli' }));
      process.stderr.write(
        `Instantané n° ${instantane.id} figé : année ${instantane.annee}, ${instantane.code_region ? `région ${instantane.code_region}` : 'national'}, catalogue ${instantane.catalogue}\nEmpreinte SHA-256 : ${instantane.empreinte}\n`,
      );
    });

  programme
    .command('instantanes')
    .description('liste les instantanés figés, ou écrit le contenu de l’un d’eux en JSON')
    .option('--annee <N>', 'ceux d’une année', entier('--annee'))
    .option('--id <N>', 'écrit le contenu de cet instantané', entier('--id'))
    .action(async (options: { annee?: number; id?: number }) => {
      await avecBase(async (base) => {
        if (options.id !== undefined) {
          const lu = await lireInstantane(base, options.id);
          if (!lu) throw new ErreurMetier(`instantané inconnu : ${options.id}`);
          if (!lu.integre) throw new ErreurMetier(`instantané ${options.id} altéré : son empreinte ne correspond plus à son contenu`);
          process.stdout.write(JSON.stringify(lu, null, 2) + '\n');
          return;
        }
        const liste = await listerInstantanes(base, { annee: options.annee });
        if (liste.length === 0) process.stderr.write('Aucun instantané figé.\n');
        for (const i of liste) {
          process.stdout.write(`${String(i.id).padStart(4)}  ${i.annee}  ${(i.code_region ?? 'national').padEnd(8)}  ${i.cree_le}  ${i.catalogue}  ${i.empreinte.slice(0, 16)}…\n`);
        }
      });
    });
}
