import type { Command } from 'commander';
import { exporterExtrait } from '../../application/echange/exporterExtrait.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';

export function commandeExporter(programme: Command) {
  programme
    .command('export')
    .description("écrit un extrait au format d'échange dans un dossier")
    .argument('<dossier>', 'dossier de destination (créé au besoin)')
    .option('--structure <code>', "une seule Mission locale (code_structure)")
    .option('--annee <N>', "une seule année : faits datés de N, dispositifs et situations en cours en N", entier('--annee'))
    .option('--sans-identite', 'sans les noms, prénoms, courriels et téléphones des jeunes')
    .action(async (dossier: string, options: { structure?: string; annee?: number; sansIdentite?: boolean }) => {
      const resultat = await avecBase((base) => exporterExtrait(base, dossier, { ...options, acteur: acteurCli() }));
      const total = resultat.fichiers.reduce((s, f) => s + f.lignes, 0);
      for (const f of resultat.fichiers) process.stderr.write(`${f.fichier.padEnd(16)} ${f.lignes.toLocaleString('fr-FR').padStart(12)} lignes\n`);
      process.stderr.write(`Export terminé : ${total.toLocaleString('fr-FR')} lignes dans ${resultat.dossier}\n`);
    });
}
