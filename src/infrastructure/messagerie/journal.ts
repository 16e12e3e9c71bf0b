// La messagerie de ce serveur (port : src/application/ports/messagerie.ts) : aucun envoi réel, chaque
// courriel est ajouté, une ligne JSON par courriel, à un journal que l'exploitant relaie (ou lit) ;
// CPO_JOURNAL_COURRIELS le nomme, sinon courriels.jsonl dans le dossier des données.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Courriel, Messagerie } from '../../application/ports/messagerie.ts';

export function messagerieEnJournal(chemin: string): Messagerie {
  return {
    async envoyer(courriel: Courriel) {
      await mkdir(dirname(chemin), { recursive: true });
      // Le fichier contient des liens d'invitation valides : lisible par le seul compte du serveur.
      await appendFile(chemin, `${JSON.stringify({ envoye_le: new Date().toISOString(), ...courriel })}\n`, { mode: 0o600 });
    },
  };
}

export const messagerieDeLEnvironnement = (env: NodeJS.ProcessEnv = process.env): Messagerie =>
  messagerieEnJournal(env.CPO_JOURNAL_COURRIELS ?? join(env.CPO_DATA_DIR ?? './.cpo-data', 'courriels.jsonl'));
