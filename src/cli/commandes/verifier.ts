import type { Command } from 'commander';
import { nombreAnomalies, verifierIntegrite } from '../../application/dialogue/integrite.ts';
import { avecBase } from '../base.ts';

export function commandeVerifier(programme: Command) {
  programme
    .command('verifier')
    .description(
      "vérifie l'intégrité de la base : chaque dialogue signé a son avenant, intact et fidèle au dialogue, et son historique ; chaque instantané son empreinte (code 1 s'il y a une anomalie)",
    )
    .action(async () => {
      const anomalies = await avecBase((base) => verifierIntegrite(base));
      if (anomalies.length === 0) {
        process.stdout.write('Aucune anomalie : chaque dialogue signé a son avenant intact, chaque instantané son empreinte.\n');
        return;
      }
      for (const a of anomalies) process.stdout.write(`${a.message}\n`);
      process.stderr.write(`${nombreAnomalies(anomalies)} : la base a été modifiée hors de l'application (déclencheurs retirés par un administrateur ?). Voir docs/securite.md.\n`);
      process.exitCode = 1;
    });
}
