// Les chiffres en cache et stockés sont calculés sur une version des données : toute écriture qui
// change ce qu'ils lisent (import, dépôt, données déclarées, saisie du parcours) la change, dans sa
// transaction, en nommant les Missions locales touchées : seules leurs valeurs seront recalculées
// (chiffresStockes.ts), départements, régions et nation s'en redéduisent.
import type { Requeteur } from '../ports/base.ts';

export async function marquerDonneesMisesAJour(tx: Requeteur, codes: readonly string[]): Promise<void> {
  await tx.query('UPDATE etat_donnees SET version = version + 1, mise_a_jour = now()');
  if (codes.length === 0) return;
  await tx.query(
    `INSERT INTO version_donnees_ml (code_structure, version) SELECT DISTINCT unnest($1::text[]), 1
     ON CONFLICT (code_structure) DO UPDATE SET version = version_donnees_ml.version + 1`,
    [codes],
  );
}
