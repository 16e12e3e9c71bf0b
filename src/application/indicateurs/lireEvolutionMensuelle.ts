// Cas d'usage : l'évolution mois par mois d'une ML ou d'un territoire et de ses références, pour l'année N
// et N-1 : à chaque fin de mois, les chiffres de l'année du 1er janvier à ce jour (0027). Le sujet est
// chargé, le périmètre vérifié (mêmes règles que l'évolution année par année), et seulement ensuite les
// chiffres calculés. Pour N, seuls les mois finis comptent (le dernier : la fin du dernier mois complet).
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import { finDeMois, finDuDernierMoisComplet, type DateCalendaire } from '../../domaine/temps/dates.ts';
import { lireEvolution, sujetDe } from './lireEvolution.ts';
import type { Evolution, Niveau, ValeursAnnee } from './serviceChiffres.ts';
import { seriesDuSujet } from './seriesEvolution.ts';
import type { Situeur } from './situerChiffres.ts';
import type { TableauAnnuel } from './tableauDeBord.ts';

/** Une série : le territoire, ses valeurs à la fin de chaque mois de N (`valeurs`) et de N-1 (`precedent`). */
export type SerieMensuelle = Omit<Evolution['series'][number], 'valeurs'> & { valeurs: (ValeursAnnee | null)[]; precedent: (ValeursAnnee | null)[] };

export interface EvolutionMensuelle {
  annee: number;
  /** Les mois rendus (1 à 12), dans l'ordre : les rangs de `au`, `auPrecedent` et des valeurs de chaque série. */
  mois: number[];
  /** La fin de chaque mois de N ; null pour un mois pas encore fini (ses valeurs aussi). */
  au: (DateCalendaire | null)[];
  /** La fin de chaque mois de N-1 ; ses valeurs sont null si N-1 n'a pas de données en base. */
  auPrecedent: DateCalendaire[];
  series: SerieMensuelle[];
}

/** Ce qui calcule : les années en base et le tableau du réseau à une date (le service des chiffres). */
export interface SourceTableaux {
  annees(): Promise<number[]>;
  tableau(annee: number, au?: string): Promise<TableauAnnuel>;
}

/**
 * La série mensuelle, calculée mois après mois (N et N-1 ensemble) : deux calculs à la fois au plus.
 * `aujourdhui` borne N à la fin du dernier mois complet ; `mois` : seulement ces mois (un écran qui montre
 * sa progression les demande un à un).
 */
export async function evolutionMensuelle(
  source: SourceTableaux,
  niveau: Niveau,
  code: string,
  annee: number,
  aujourdhui: DateCalendaire,
  mois: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
): Promise<EvolutionMensuelle | null> {
  const annees = await source.annees();
  if (!annees.includes(annee)) return null;
  const sujet = seriesDuSujet(await source.tableau(annee), niveau, code);
  if (!sujet) return null;
  const dernierJour = finDuDernierMoisComplet(aujourdhui);
  const au = mois.map((m) => (finDeMois(annee, m) <= dernierJour ? finDeMois(annee, m) : null));
  const auPrecedent = mois.map((m) => finDeMois(annee - 1, m));
  const precedentEnBase = annees.includes(annee - 1);
  const tableaux: { courant: TableauAnnuel | null; precedent: TableauAnnuel | null }[] = [];
  for (let i = 0; i < mois.length; i++) {
    const [courant, precedent] = await Promise.all([
      au[i] ? source.tableau(annee, au[i]!) : null,
      precedentEnBase ? source.tableau(annee - 1, auPrecedent[i]) : null,
    ]);
    tableaux.push({ courant, precedent });
  }
  return {
    annee,
    mois: [...mois],
    au,
    auPrecedent,
    series: sujet.map(({ valeursDans, ...serie }) => ({
      ...serie,
      valeurs: tableaux.map((t) => valeursDans(t.courant)),
      precedent: tableaux.map((t) => valeursDans(t.precedent)),
    })),
  };
}

/** Ce qui calcule la série : `evolutionMensuelle` sur le service, ou ce qui garde ses réponses (`T` : ce qu'il rend). */
export interface CalculEvolutionMensuelle<T> {
  evolutionMensuelle(niveau: Niveau, code: string, annee: number, mois?: readonly number[]): Promise<T | null>;
}

/** Le périmètre se vérifie comme pour l'évolution année par année (le même cas d'usage), avant tout calcul. */
export function lireEvolutionMensuelle<T>(
  situer: Situeur,
  chiffres: CalculEvolutionMensuelle<T>,
  utilisateur: Pick<Utilisateur, 'portee'>,
  niveau: Niveau,
  code: string,
  annee: number,
  mois?: readonly number[],
): Promise<T> {
  const calcul = async () => (await chiffres.evolutionMensuelle(niveau, code, annee, mois)) ?? introuvable(`aucun chiffre pour ${sujetDe(niveau, code)} en ${annee}`);
  return lireEvolution(situer, { evolution: calcul }, utilisateur, niveau, code);
}
