import type { Command } from 'commander';
import { nombreAnomalies, verifierAuDemarrage } from '../../application/dialogue/integrite.ts';
import { ouvrirBase } from '../../infrastructure/db/base.ts';
import { creerServeur } from '../../http/serveur.ts';
import { ports } from '../../composition.ts';
import { entier } from '../options.ts';

export async function servir(port: number, hote: string) {
  const base = await ouvrirBase();
  const anomalies = await verifierAuDemarrage(base);
  if (anomalies.length) {
    process.stderr.write(
      `Attention : ${nombreAnomalies(anomalies)}, inscrite${anomalies.length > 1 ? 's' : ''} au journal d'audit ; le serveur démarre quand même.\n` +
        anomalies.map((a) => `  ${a.message}\n`).join('') +
        `La base a été modifiée hors de l'application : « cpo verifier » refait la vérification (voir docs/securite.md).\n`,
    );
  }
  const app = await creerServeur(base, { prechauffer: true, ...ports() });
  const arreter = async () => {
    await app.close();
    await base.fermer();
    process.exit(0);
  };
  process.once('SIGINT', arreter);
  process.once('SIGTERM', arreter);
  await app.listen({ port, host: hote });
  process.stderr.write(`CPO Missions locales : http://localhost:${port} (base ${base.moteur})\n`);
}

export function commandeServir(programme: Command) {
  programme
    .command('serve')
    .description("sert l'application web et l'API")
    .option('--port <N>', 'port d’écoute', entier('--port'), Number(process.env.PORT ?? 3000))
    .option('--hote <adresse>', 'adresse d’écoute', process.env.HOST ?? '127.0.0.1')
    .action((options: { port: number; hote: string }) => servir(options.port, options.hote));
}
