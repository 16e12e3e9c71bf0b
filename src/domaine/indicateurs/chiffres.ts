// Ce que l'on dérive des indicateurs d'une ML, sans base de données : ratios, agrégats de territoire,
// distributions, atteinte des cibles. L'écran, les exports, l'avenant et le CLI passent tous par ici.
import type { Catalogue } from './catalogue.ts';

export type Valeurs = Record<string, number | null>;

/** Quotient, ou null si le dénominateur est nul ou absent : jamais 0, l'infini ou NaN. */
export function quotient(numerateur: number | null | undefined, denominateur: number | null | undefined): number | null {
  if (numerateur == null || denominateur == null || denominateur === 0) return null;
  return numerateur / denominateur;
}

export function calculerRatios(catalogue: Catalogue, indicateurs: Valeurs): Valeurs {
  return Object.fromEntries(catalogue.ratios.map((r) => [r.id, quotient(indicateurs[r.numerateur], indicateurs[r.denominateur])]));
}

const arrondi = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Indicateurs d'un territoire : la somme de ceux de ses ML (un jeune suivi par deux ML compte dans
 * chacune) ; une part ou un taux se pondère (par exemple par la population des 16-25 ans). Une valeur
 * absente partout reste absente.
 */
export function agregerIndicateurs(catalogue: Catalogue, parML: Valeurs[]): Valeurs {
  const resultat: Valeurs = {};
  for (const i of catalogue.indicateurs) {
    const presents = parML.filter((v) => v[i.id] != null);
    if (presents.length === 0) {
      resultat[i.id] = null;
    } else if (i.agregation) {
      const poids = presents.filter((v) => v[i.agregation!.poids] != null);
      const total = poids.reduce((s, v) => s + v[i.agregation!.poids]!, 0);
      resultat[i.id] = total > 0 ? arrondi(poids.reduce((s, v) => s + v[i.id]! * v[i.agregation!.poids]!, 0) / total) : null;
    } else {
      resultat[i.id] = arrondi(presents.reduce((s, v) => s + v[i.id]!, 0));
    }
  }
  return resultat;
}

/**
 * Ratios d'un territoire : somme des numérateurs sur somme des dénominateurs, et non moyenne des
 * ratios ; une ML n'entre que si ses deux termes sont connus (sinon une ML sans moyens déclarés
 * gonflerait le numérateur sans rien ajouter au dénominateur).
 */
export function agregerRatios(catalogue: Catalogue, parML: Valeurs[]): Valeurs {
  return Object.fromEntries(
    catalogue.ratios.map((r) => {
      const complets = parML.filter((v) => v[r.numerateur] != null && v[r.denominateur] != null);
      if (complets.length === 0) return [r.id, null];
      const somme = (terme: string) => complets.reduce((s, v) => s + v[terme]!, 0);
      return [r.id, quotient(somme(r.numerateur), somme(r.denominateur))];
    }),
  );
}

export interface Distribution {
  effectif: number;
  minimum: number;
  premierQuartile: number;
  mediane: number;
  troisiemeQuartile: number;
  maximum: number;
}

/** Quantile par interpolation linéaire entre rangs (la méthode de percentile_cont de PostgreSQL). */
function quantile(tries: number[], p: number): number {
  const rang = p * (tries.length - 1);
  const bas = Math.floor(rang);
  const haut = Math.ceil(rang);
  return tries[bas] + (tries[haut] - tries[bas]) * (rang - bas);
}

/** Distribution des valeurs connues ; null s'il n'y en a aucune. */
export function distribution(valeurs: (number | null)[]): Distribution | null {
  const tries = valeurs.filter((v): v is number => v != null).sort((a, b) => a - b);
  if (tries.length === 0) return null;
  return {
    effectif: tries.length,
    minimum: tries[0],
    premierQuartile: quantile(tries, 0.25),
    mediane: quantile(tries, 0.5),
    troisiemeQuartile: quantile(tries, 0.75),
    maximum: tries[tries.length - 1],
  };
}

/** Atteinte d'une cible : valeur / cible quand plus haut est mieux, cible / valeur sinon. */
export function atteinte(valeur: number | null, cible: number | null, sens: 'hausse' | 'baisse'): number | null {
  return sens === 'hausse' ? quotient(valeur, cible) : quotient(cible, valeur);
}

/** Pourquoi un ratio n'a pas de valeur : son dénominateur est nul, ou une donnée n'a pas été transmise. */
export function raisonNonDefini(catalogue: Catalogue, ratioId: string, indicateurs: Valeurs): string | null {
  const ratio = catalogue.ratios.find((r) => r.id === ratioId);
  if (!ratio) return null;
  const libelle = (id: string) => catalogue.indicateurs.find((i) => i.id === id)?.libelle ?? id;
  const numerateur = indicateurs[ratio.numerateur];
  const denominateur = indicateurs[ratio.denominateur];
  if (denominateur === null || denominateur === undefined) return `donnée non transmise : ${libelle(ratio.denominateur)}`;
  if (denominateur === 0) return `dénominateur nul : ${libelle(ratio.denominateur)} = 0`;
  if (numerateur === null || numerateur === undefined) return `donnée non transmise : ${libelle(ratio.numerateur)}`;
  return null;
}

/** Où se place une valeur dans une distribution, en quart : 1 (premier quart) à 4 (dernier quart). */
export function quartDeLaDistribution(valeur: number | null, d: Distribution | null): 1 | 2 | 3 | 4 | null {
  if (valeur === null || d === null) return null;
  if (valeur < d.premierQuartile) return 1;
  if (valeur < d.mediane) return 2;
  if (valeur <= d.troisiemeQuartile) return 3;
  return 4;
}
