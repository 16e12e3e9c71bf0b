// Les bancs d'essai, dans l'ordre ; `npm run bench -- import` n'en lance qu'un.
import { bancImport } from './import.ts';

const BANCS: Record<string, () => Promise<unknown>> = { import: bancImport };

const demandes = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const nom of demandes.length ? demandes : Object.keys(BANCS)) {
  const banc = BANCS[nom];
  if (!banc) {
    console.error(`banc inconnu : ${nom} (connus : ${Object.keys(BANCS).join(', ')})`);
    process.exit(1);
  }
  await banc();
}
