// Le journal d'audit : une ligne par écriture et par lecture de données nominatives, dans la même
// transaction que l'acte qu'elle trace. Toute ligne du journal s'écrit ici ; chercherAudit.ts les lit.
import type { Requeteur } from './ports/base.ts';

export interface Trace {
  /** Qui : le courriel de l'utilisateur, ou « cli ». */
  acteur: string;
  action: string;
  objet?: string | null;
  codeStructure?: string | null;
  /** D'où : l'adresse IP, ou « cli ». */
  origine?: string | null;
  details?: unknown;
}

export async function auditer(db: Requeteur, t: Trace): Promise<void> {
  await db.query(`INSERT INTO journal_audit (acteur, action, objet, code_structure, origine, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
    t.acteur,
    t.action,
    t.objet ?? null,
    t.codeStructure ?? null,
    t.origine ?? null,
    t.details === undefined ? null : JSON.stringify(t.details),
  ]);
}
