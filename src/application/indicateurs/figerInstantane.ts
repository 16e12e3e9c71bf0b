// Cas d'usage : figer tous les chiffres d'une année (toutes les ML, ou une région) dans un instantané
// qui ne changera plus, avec la version du catalogue et l'empreinte SHA-256 de son contenu.
import { empreinteSha256, jsonCanonique } from '../../domaine/outils/jsonCanonique.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { COLONNES_INSTANTANE, type Instantane } from './instantanes.ts';
import { ErreurMoteur } from './moteur.ts';
import { tableauAnnuel } from './tableauDeBord.ts';

export interface OptionsFiger {
  annee: number;
  region?: string;
  /** Qui : un courriel, ou l'utilisateur système de la ligne de commande. */
  acteur: string;
  /** D'où : l'adresse IP, ou « cli ». */
  origine: string;
}

/** Transaction (REPEATABLE READ) → charger → calculer → écrire → auditer ; le périmètre d'un utilisateur se vérifie avant (figerInstantaneAutorise). */
export async function figerInstantane(
  base: Base,
  catalogue: Catalogue,
  options: OptionsFiger,
): Promise<Instantane> {
  return base.transaction(async (tx) => {
    // Tous les chiffres lus dans le même état de la base, même si un import se termine pendant le calcul.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    return figerDansLaTransaction(tx, catalogue, options);
  });
}

/** Fige un instantané dans une transaction ouverte par l'appelant (qui la met en REPEATABLE READ). */
export async function figerDansLaTransaction(
  tx: Requeteur,
  catalogue: Catalogue,
  options: OptionsFiger,
): Promise<Instantane> {
  if (options.region !== undefined) {
    const [region] = await tx.query<{ existe: 1 }>('SELECT 1 AS existe FROM region WHERE code = $1', [options.region]);
    if (!region) throw new ErreurMoteur(`région inconnue : ${options.region}`);
  }
  const contenu = jsonCanonique(await tableauAnnuel(tx, catalogue, options.annee, options.region));
  const [instantane] = await tx.query<Instantane>(
    `INSERT INTO instantane (annee, code_region, catalogue, cree_par, empreinte, contenu) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLONNES_INSTANTANE}`,
    [options.annee, options.region ?? null, catalogue.version, options.acteur, empreinteSha256(contenu), contenu],
  );
  await auditer(tx, {
    acteur: options.acteur,
    action: 'figer_instantane',
    objet: `instantane/${instantane.id}`,
    origine: options.origine,
    details: { annee: options.annee, region: options.region ?? null, empreinte: instantane.empreinte },
  });
  return instantane;
}
