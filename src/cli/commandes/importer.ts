import type { Command } from 'commander';
import { importerExtrait } from '../../application/echange/importerExtrait.ts';
import { rapportEnJson, rapportEnTexte } from '../../application/echange/rapport.ts';
import { ports } from '../../composition.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { progressionTerminal } from '../progression.ts';

export function commandeImporter(programme: Command) {
  programme
    .command('import')
    .description("importe un extrait au format d'échange (dossier ou archive .zip)")
    .argument('<source>', 'dossier ou fichier .zip contenant les fichiers CSV')
    .option('--tolerant', 'écrit les lignes valides et recopie les lignes rejetées dans un dossier de rejets')
    .option('--rejets <dossier>', 'dossier des lignes rejetées en mode tolérant (défaut : <source>.rejets)')
    .option('--json', 'écrit aussi le rapport complet en JSON sur la sortie standard')
    .action(async (source: string, options: { tolerant?: boolean; rejets?: string; json?: boolean }) => {
      const { horloge, fichiers } = ports();
      const rapport = await avecBase((base) =>
        importerExtrait(base, source, { tolerant: options.tolerant, dossierRejets: options.rejets, acteur: acteurCli(), progression: progressionTerminal(), horloge, fichiers }),
      );
      process.stderr.write(rapportEnTexte(rapport) + '\n');
      if (options.json) process.stdout.write(rapportEnJson(rapport) + '\n');
      if (rapport.statut === 'refuse') process.exitCode = 1;
    });
}
