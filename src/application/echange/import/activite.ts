// Étape « noter les jeunes touchés », juste avant la fusion : les jeunes dont l'activité (mensuelle et
// annuelle) peut changer. Ce sont ceux des lignes d'événements et de situations de l'extrait, et ceux à
// qui ces lignes appartenaient en base (une ligne peut changer de jeune) : après la fusion, l'activité
// de ces seuls jeunes est recalculée, en proportion de l'extrait.
import type { Requeteur } from '../../ports/base.ts';
import { creerJeunesTouches, JEUNES_TOUCHES } from '../../indicateurs/activiteAnnuelle.ts';
import { transit, type FichierLu } from './transit.ts';

/** Les fichiers dont les lignes font l'activité des jeunes. */
export const faitLActivite = (lu: FichierLu) => lu.fichier.table === 'evenement' || lu.fichier.table === 'situation';

/**
 * Remplit la table des jeunes touchés ; rend les ML neuves, sans aucune ligne en base dans l'une des
 * tables de l'extrait (premier chargement) : tous leurs faits y viennent de l'extrait, elles se
 * recalculent entières, sans noter leurs jeunes un à un.
 */
export async function noterJeunesTouches(tx: Requeteur, lus: FichierLu[]): Promise<string[]> {
  await creerJeunesTouches(tx);
  const fichiers = lus.filter((l) => l.lisible && faitLActivite(l));
  const neuves = new Set<string>();
  for (const lu of fichiers) {
    const lignes = await tx.query<{ code: string }>(
      `SELECT code FROM unnest($1::text[]) AS u(code) WHERE NOT EXISTS (SELECT 1 FROM ${lu.fichier.table} b WHERE b.code_structure = u.code)`,
      [[...lu.structures]],
    );
    for (const { code } of lignes) neuves.add(code);
  }
  for (const lu of fichiers) {
    // La ligne en base de même clé se trouve par la clé primaire : une recherche par ligne de l'extrait.
    await tx.query(
      `INSERT INTO ${JEUNES_TOUCHES}
       SELECT code_structure, id_jeune FROM ${transit(lu.fichier)} WHERE valide AND code_structure <> ALL($1::text[])
       UNION
       SELECT b.code_structure, b.id_jeune FROM ${lu.fichier.table} b JOIN ${transit(lu.fichier)} t USING (${lu.fichier.cle.join(', ')})
       WHERE t.valide AND t.code_structure <> ALL($1::text[])`,
      [[...neuves]],
    );
  }
  return [...neuves];
}
