// La règle d'une cible de ratio, la même sous le champ de l'écran et dans le contrôle du contenu de
// l'étape sur le serveur : un nombre, jamais négatif, et une part entre 0 et 100 %. L'unité vient du
// catalogue (`part`, `jeunes_par_etp`…).
import { depuisSaisie } from '../indicateurs/format.ts';

/** Le maximum d'une cible, dans l'unité de la donnée (une part : 1, soit 100 %). */
const MAXIMUMS: Record<string, number> = { part: 1, pourcentage: 100 };

/** Pourquoi cette valeur ne peut pas être la cible d'un ratio de cette unité ; null si elle le peut. */
export function refusCible(valeur: unknown, unite: string): string | null {
  if (typeof valeur !== 'number' || !Number.isFinite(valeur)) return 'un nombre est attendu (chiffres, virgule pour les décimales)';
  const maximum = MAXIMUMS[unite];
  if (maximum !== undefined && (valeur < 0 || valeur > maximum)) return 'une part entre 0 et 100 % est attendue';
  if (valeur < 0) return 'une cible ne peut pas être négative';
  return null;
}

/** Une cible saisie à la française dans son unité de saisie (35,5 pour 35,5 %) ; vide : pas de cible. */
export function lireCible(texte: string, unite: string): { valeur: number | null; refus: string | null } {
  if (texte.trim() === '') return { valeur: null, refus: null };
  const valeur = depuisSaisie(texte, unite);
  return { valeur, refus: refusCible(valeur, unite) };
}
