// Lectures du catalogue pour les écrans : définitions complètes, libellés, mesures choisissables.
import type { Catalogue, DefinitionIndicateur, DefinitionRatio } from '../types.ts';

export const indicateur = (c: Catalogue, id: string) => c.indicateurs.find((i) => i.id === id);
export const ratio = (c: Catalogue, id: string) => c.ratios.find((r) => r.id === id);

export function definitionIndicateur(i: DefinitionIndicateur): string {
  return `${i.definition} (définition v${i.version_definition}${i.source === 'défaut' ? ', règle par défaut du catalogue' : ''})`;
}

export function definitionRatio(c: Catalogue, r: DefinitionRatio): string {
  const num = indicateur(c, r.numerateur)!;
  const den = indicateur(c, r.denominateur)!;
  const sens = r.sens === 'hausse' ? 'plus il est élevé, mieux c’est' : 'plus il est bas, mieux c’est';
  return `${num.libelle} ÷ ${den.libelle} (${sens}). Numérateur : ${num.definition} Dénominateur : ${den.definition}`;
}

/** Une mesure : un ratio ou un indicateur, avec ce qu'il faut pour l'afficher. */
export interface Mesure {
  id: string;
  type: 'ratio' | 'indicateur';
  libelle: string;
  unite: string;
  definition: string;
}

export function mesures(c: Catalogue): Mesure[] {
  return [
    ...c.ratios.map((r) => ({ id: r.id, type: 'ratio' as const, libelle: r.libelle, unite: r.unite, definition: definitionRatio(c, r) })),
    ...c.indicateurs.map((i) => ({ id: i.id, type: 'indicateur' as const, libelle: i.libelle, unite: i.unite, definition: definitionIndicateur(i) })),
  ];
}

/** Les colonnes du tableau des ML d'un territoire que le catalogue propose d'emblée : indicateurs d'abord, puis ratios. */
export const mesuresParDefaut = (c: Catalogue) => [...c.indicateurs, ...c.ratios].filter((m) => m.colonne_par_defaut).map((m) => m.id);

export const valeurDe = (m: Mesure, v: { indicateurs: Record<string, number | null>; ratios: Record<string, number | null> } | null | undefined) =>
  v ? ((m.type === 'ratio' ? v.ratios : v.indicateurs)[m.id] ?? null) : null;
