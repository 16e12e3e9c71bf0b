// La règle des 10 % (cadre CPO §5, lecture [défaut] dans le cadre du dialogue) : sur les années de la
// convention déjà décidées, |Σ montants − Σ montants de référence| ≤ 10 % de Σ montants de référence,
// en comparant la ou les lignes « dans l'enveloppe » (le crédit de fonctionnement CPO).
import type { CadreDialogue } from './cadre.ts';

export type Montants = Record<string, number>;

export interface Enveloppe {
  /** Σ des montants de référence des années décidées (dont celle-ci). */
  reference: number;
  /** Σ des montants décidés, sur les lignes de l'enveloppe. */
  decide: number;
  ecart: number;
  /** Écart rapporté à la référence : 0,08 pour +8 % ; null sans référence. */
  variation: number | null;
  depasse: boolean;
}

export const montantEnveloppe = (cadre: CadreDialogue, montants: Montants) =>
  cadre.financement.lignes.filter((l) => l.dans_enveloppe).reduce((s, l) => s + (montants[l.id] ?? 0), 0);

export const totalMontants = (montants: Montants) => Object.values(montants).reduce((s, v) => s + v, 0);

/**
 * `decisions` : les années déjà décidées de la convention (hors celle qu'on décide), `annee` : la
 * décision en cours. Les montants sont en euros entiers ; la comparaison se fait en centimes exacts.
 */
export function enveloppe(
  cadre: CadreDialogue,
  referenceAnnuelle: number,
  decisions: { annee: number; montants: Montants }[],
  enCours: { annee: number; montants: Montants },
): Enveloppe {
  const annees = [...decisions.filter((d) => d.annee !== enCours.annee), enCours];
  const reference = referenceAnnuelle * annees.length;
  const decide = annees.reduce((s, d) => s + montantEnveloppe(cadre, d.montants), 0);
  const ecart = decide - reference;
  const variation = reference > 0 ? ecart / reference : null;
  // |écart| ≤ 10 % de la référence, sans arrondi flottant : 10 % × référence en centimes.
  const borne = Math.round(reference * 100 * cadre.financement.variation_maximale);
  return { reference, decide, ecart, variation, depasse: reference <= 0 ? decide > 0 : Math.abs(Math.round(ecart * 100)) > borne };
}
