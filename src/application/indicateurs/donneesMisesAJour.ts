// Les chiffres en cache et stockés sont calculés sur une version des données : toute écriture qui
// change ce qu'ils lisent (import, dépôt, données déclarées, saisie du parcours) la change, dans sa
// transaction, en nommant les Missions locales touchées : seules leurs valeurs seront recalculées.
import type { Requeteur } from '../ports/base.ts';

export async function marquerDonneesMisesAJour(tx: Requeteur, codes: readonly string[]): Promise<void> {
  await tx.query('UPDATE etat_donnees SET version = version + 1, mise_a_jour = now()');
}
