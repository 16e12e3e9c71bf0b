// Cas d'usage : figer tous les chiffres d'une année, les lister, les relire. Un instantané ne change
// jamais (déclencheur en base) et porte la version du catalogue, la date et l'empreinte du contenu.
import { empreinteSha256, jsonCanonique } from '../../domaine/outils/jsonCanonique.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { ErreurMoteur } from './moteur.ts';
import { tableauAnnuel, type TableauAnnuel } from './tableauDeBord.ts';
import { horodatageParis } from '../fragmentsSql.ts';

export interface Instantane {
  id: number;
  annee: number;
  code_region: string | null;
  catalogue: string;
  cree_le: string;
  cree_par: string;
  empreinte: string;
}

export interface InstantaneLu extends Instantane {
  contenu: TableauAnnuel;
  /** L'empreinte recalculée sur le contenu relu est celle enregistrée. */
  integre: boolean;
}

export interface OptionsFiger {
  annee: number;
  region?: string;
  /** Qui : un courriel, ou l'utilisateur système de la ligne de commande. */
  acteur: string;
  /** D'où : l'adresse IP, ou « cli ». */
  origine: string;
}

const COLONNES = `id, annee, code_region, catalogue, ${horodatageParis('cree_le')} AS cree_le, cree_par, empreinte`;

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
    const [region] = await tx.query('SELECT 1 FROM region WHERE code = $1', [options.region]);
    if (!region) throw new ErreurMoteur(`région inconnue : ${options.region}`);
  }
  const contenu = jsonCanonique(await tableauAnnuel(tx, catalogue, options.annee, options.region));
  const [instantane] = await tx.query<Instantane>(
    `INSERT INTO instantane (annee, code_region, catalogue, cree_par, empreinte, contenu) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLONNES}`,
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

export async function listerInstantanes(base: Requeteur, filtre: { annee?: number; region?: string } = {}): Promise<Instantane[]> {
  return base.query<Instantane>(
    `SELECT ${COLONNES} FROM instantane
     WHERE ($1::int IS NULL OR annee = $1) AND ($2::text IS NULL OR code_region = $2) ORDER BY id`,
    [filtre.annee ?? null, filtre.region ?? null],
  );
}

export async function lireInstantane(base: Requeteur, id: number): Promise<InstantaneLu | null> {
  const [ligne] = await base.query<Instantane & { contenu: string }>(`SELECT ${COLONNES}, contenu FROM instantane WHERE id = $1`, [id]);
  if (!ligne) return null;
  return { ...ligne, contenu: JSON.parse(ligne.contenu), integre: contenuIntegre(ligne) };
}

/** Le contenu relu a-t-il encore l'empreinte enregistrée quand il a été figé ? */
export const contenuIntegre = (ligne: { contenu: string; empreinte: string }) => empreinteSha256(ligne.contenu) === ligne.empreinte;
