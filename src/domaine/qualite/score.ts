// Le score de qualité des données d'une ML (ou d'un territoire) pour une année, à partir de ce que
// chaque règle a compté : pur calcul, la base compte, le domaine juge.
import type { CatalogueQualite } from './catalogue.ts';

/** Ce qu'une règle a compté : `base` cas examinés, dont `nombre` en défaut. */
export interface Comptage {
  regle: string;
  base: number;
  nombre: number;
}

export type NiveauConfiance = 'eleve' | 'moyen' | 'faible';

export const LIBELLES_NIVEAU: Record<NiveauConfiance, string> = { eleve: 'élevé', moyen: 'moyen', faible: 'faible' };

export interface Constat {
  regle: string;
  libelle: string;
  explication: string;
  /** Cas en défaut et cas examinés. */
  nombre: number;
  base: number;
  /** nombre / base ; null quand rien n'est à examiner (la règle ne compte pas dans le score). */
  part: number | null;
  seuil: number;
  gravite: string;
  libelle_gravite: string;
  respectee: boolean;
}

export interface Qualite {
  /** 0 à 100 ; null quand aucune règle n'a rien à examiner. */
  score: number | null;
  niveau: NiveauConfiance | null;
  constats: Constat[];
}

/**
 * Chaque règle examinée apporte son poids (celui de sa gravité) en entier tant que sa part en défaut
 * ne dépasse pas son seuil, puis de moins en moins, jusqu'à rien quand tous les cas sont en défaut.
 * Le score est la part des poids obtenus, sur 100 ; son niveau de confiance est borné par la gravité
 * des règles non respectées (`niveau_max`).
 */
export function noterQualite(catalogue: CatalogueQualite, comptages: readonly Comptage[]): Qualite {
  const parRegle = new Map(comptages.map((c) => [c.regle, c]));
  let obtenu = 0;
  let possible = 0;
  const constats = catalogue.regles.map((r): Constat => {
    const { base = 0, nombre = 0 } = parRegle.get(r.id) ?? {};
    const part = base > 0 ? nombre / base : null;
    const gravite = catalogue.gravites[r.gravite];
    if (part !== null) {
      possible += gravite.poids;
      obtenu += gravite.poids * (part <= r.seuil ? 1 : (1 - part) / (1 - r.seuil));
    }
    return {
      regle: r.id,
      libelle: r.libelle,
      explication: r.explication,
      nombre,
      base,
      part,
      seuil: r.seuil,
      gravite: r.gravite,
      libelle_gravite: gravite.libelle,
      respectee: part === null || part <= r.seuil,
    };
  });
  const score = possible > 0 ? Math.round((100 * obtenu) / possible) : null;
  if (score === null) return { score, niveau: null, constats };
  // Le niveau du score, borné par la gravité des règles non respectées (une règle majeure en défaut : pas de confiance élevée).
  const bornes = constats.filter((c) => !c.respectee).map((c) => catalogue.gravites[c.gravite].niveau_max ?? 'eleve');
  const niveau = [niveauDuScore(catalogue, score), ...bornes].reduce((a, b) => (RANG[b] < RANG[a] ? b : a));
  return { score, niveau, constats };
}

const RANG: Record<NiveauConfiance, number> = { faible: 0, moyen: 1, eleve: 2 };

function niveauDuScore(catalogue: CatalogueQualite, score: number): NiveauConfiance {
  return score >= catalogue.niveaux.eleve ? 'eleve' : score >= catalogue.niveaux.moyen ? 'moyen' : 'faible';
}

/** Les comptages d'un territoire : la somme de ceux de ses ML, règle par règle. */
export function sommerComptages(comptages: readonly Comptage[]): Comptage[] {
  const somme = new Map<string, Comptage>();
  for (const c of comptages) {
    const s = somme.get(c.regle) ?? { regle: c.regle, base: 0, nombre: 0 };
    somme.set(c.regle, { regle: c.regle, base: s.base + c.base, nombre: s.nombre + c.nombre });
  }
  return [...somme.values()];
}
