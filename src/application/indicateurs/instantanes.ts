// Les instantanés figés (figerInstantane.ts) : les lister, les relire en vérifiant leur empreinte. Un
// instantané ne change jamais (déclencheur en base) et porte la version du catalogue, la date et l'empreinte du contenu.
import { empreinteSha256 } from '../../domaine/outils/jsonCanonique.ts';
import type { Requeteur } from '../ports/base.ts';
import type { TableauAnnuel } from './tableauDeBord.ts';
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

/** Les colonnes d'un `Instantane`, sans son contenu. */
export const COLONNES_INSTANTANE = `id, annee, code_region, catalogue, ${horodatageParis('cree_le')} AS cree_le, cree_par, empreinte`;

export async function listerInstantanes(base: Requeteur, filtre: { annee?: number; region?: string } = {}): Promise<Instantane[]> {
  return base.query<Instantane>(
    `SELECT ${COLONNES_INSTANTANE} FROM instantane
     WHERE ($1::int IS NULL OR annee = $1) AND ($2::text IS NULL OR code_region = $2) ORDER BY id`,
    [filtre.annee ?? null, filtre.region ?? null],
  );
}

export async function lireInstantane(base: Requeteur, id: number): Promise<InstantaneLu | null> {
  const [ligne] = await base.query<Instantane & { contenu: string }>(`SELECT ${COLONNES_INSTANTANE}, contenu FROM instantane WHERE id = $1`, [id]);
  if (!ligne) return null;
  return { ...ligne, contenu: JSON.parse(ligne.contenu), integre: contenuIntegre(ligne) };
}

/** Le contenu relu a-t-il encore l'empreinte enregistrée quand il a été figé ? */
export const contenuIntegre = (ligne: { contenu: string; empreinte: string }) => empreinteSha256(ligne.contenu) === ligne.empreinte;
