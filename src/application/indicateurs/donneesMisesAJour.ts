// Les chiffres en cache (ServiceChiffres) sont calculés sur une version des données : toute écriture
// qui change ce qu'ils lisent (import, données déclarées) la change, dans sa transaction.
import type { Requeteur } from '../ports/base.ts';

export async function marquerDonneesMisesAJour(tx: Requeteur): Promise<void> {
  await tx.query('UPDATE etat_donnees SET version = version + 1, mise_a_jour = now()');
}
