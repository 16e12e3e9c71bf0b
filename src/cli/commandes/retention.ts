import type { Command } from 'commander';
import { appliquerRetention, RETENTION_ANNEES_PAR_DEFAUT } from '../../application/parcours/retention.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { ports } from '../../composition.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';

/** `cpo retention` : à planifier chaque nuit (cron, minuteur systemd). */
export function commandeRetention(programme: Command) {
  programme
    .command('retention')
    .description(`efface l'identité des jeunes sans activité depuis la durée de conservation (défaut : ${RETENTION_ANNEES_PAR_DEFAUT} ans, CPO_RETENTION_ANNEES)`)
    .option('--annees <N>', 'durée de conservation en années', entier('--annees'))
    .option('--date <AAAA-MM-JJ>', "date du jour à retenir (par défaut aujourd'hui)")
    .option('--simulation', "compte sans rien effacer")
    .action(async (options: { annees?: number; date?: string; simulation?: boolean }) => {
      await avecBase(async (base) => {
        const r = await appliquerRetention(base, ports().horloge, { ...options, acteur: acteurCli() });
        const verbe = r.simulation ? 'seraient effacées' : 'effacées';
        process.stderr.write(
          `Durée de conservation : ${r.annees} ans ; dernière activité avant le ${dateEnFrancais(r.limite)} : ${r.anonymises} identité${r.anonymises > 1 ? 's' : ''} ${verbe}.\n` +
            r.parStructure.map((p) => `  ${p.code_structure.padEnd(10)} ${String(p.anonymises).padStart(8)}\n`).join(''),
        );
      });
    });
}
