// Un processus qui prend le verrou d'un dossier à un instant donné (pour que plusieurs le tentent en même
// temps), écrit « gagne » ou le message de refus, et, s'il l'a, le garde jusqu'à la fin de son entrée,
// puis sort sans le libérer lui-même : c'est la sortie du processus qui doit le faire.
// Utilisation : node --import tsx test/outils/prendreVerrou.ts <dossier> <instant en ms>
import { setTimeout as patienter } from 'node:timers/promises';
import { verrouiller } from '../../src/infrastructure/db/verrou.ts';

const [dossier, instant] = process.argv.slice(2);
await patienter(Math.max(0, Number(instant) - Date.now()));
try {
  await verrouiller(dossier);
  process.stdout.write('gagne\n');
  process.stdin.resume().once('end', () => process.exit(0));
} catch (e) {
  process.stdout.write(`refuse ${(e as Error).message}\n`);
}
