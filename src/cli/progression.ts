// Barre de progression sur la sortie d'erreur : vivante dans un terminal, une ligne par étape sinon.
import cliProgress from 'cli-progress';
import type { Progression } from '../application/echange/importerExtrait.ts';

const nombre = new Intl.NumberFormat('fr-FR');

export function progressionTerminal(): Progression {
  const terminal = Boolean(process.stderr.isTTY);
  let barre: cliProgress.SingleBar | null = null;
  return {
    etape(libelle, total) {
      barre?.stop();
      if (!terminal) {
        process.stderr.write(`${libelle}…\n`);
        return;
      }
      barre = new cliProgress.SingleBar(
        {
          format: `${libelle.padEnd(34)} {bar} {percentage} % | {duration_formatted}`,
          stream: process.stderr,
          hideCursor: true,
          barsize: 30,
          formatValue: (v, _o, type) => (type === 'value' || type === 'total' ? nombre.format(v) : String(v)),
        },
        cliProgress.Presets.shades_classic,
      );
      barre.start(Math.max(total, 1), 0);
    },
    avancer(quantite) {
      barre?.increment(quantite);
    },
    terminer() {
      if (barre) barre.update(barre.getTotal());
      barre?.stop();
      barre = null;
    },
  };
}
