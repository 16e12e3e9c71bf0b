// La règle des 10 % (cadre CPO §5, lecture [défaut] dans le cadre du dialogue) : sur les années de la
// convention déjà décidées, |Σ montants − Σ montants de référence| ≤ 10 % de Σ montants de référence,
// en comparant la ou les lignes « dans l'enveloppe » (le crédit de fonctionnement CPO). L'écran (calcul
// en direct) et le serveur (refus sans justification) lisent ce même calcul et ses mêmes phrases.
import { formaterValeur, lireNombreFr } from '../indicateurs/format.ts';
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
  /** L'écart permis sans justification, en euros (10 % de la référence, au centime). */
  borne: number;
  /** Les euros au-delà de la borne (0 dans la borne). */
  depassement: number;
  depasse: boolean;
}

/** Le montant le plus élevé qu'une ligne de financement accepte. */
export const MONTANT_MAXIMUM = 100_000_000;

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
  const depassement = reference <= 0 ? Math.max(decide, 0) * 100 : Math.max(Math.abs(Math.round(ecart * 100)) - borne, 0);
  return { reference, decide, ecart, variation, borne: borne / 100, depassement: depassement / 100, depasse: depassement > 0 };
}

/** Ce que la référence permet sans justification sur les années décidées, en euros. */
export const bornesEnEuros = (e: Enveloppe) => ({ minimum: Math.round((e.reference - e.borne) * 100) / 100, maximum: Math.round((e.reference + e.borne) * 100) / 100 });

/** Des euros à la française, au centime seulement quand il y en a : « 1 234 € », « 0,30 € ». */
export const euros = (v: number) => formaterValeur(v, Number.isInteger(v) ? 'euros' : 'euros_centimes');

/** La borne de la règle en pour cent, telle qu'on la dit : « 10 % ». */
export const borneEnTexte = (cadre: CadreDialogue) => `${String(Math.round(cadre.financement.variation_maximale * 10_000) / 100).replace('.', ',')}\u00a0%`;

/** « +10,0 %, soit 1 € au-delà de la borne de +10 % » ; « +8,0 %, dans la borne de ±10 % ». */
export function texteVariation(cadre: CadreDialogue, e: Enveloppe): string {
  if (e.variation === null) return e.depasse ? 'sans montant de référence, tout crédit décidé est au-delà de la borne' : 'sans montant de référence';
  const borne = borneEnTexte(cadre);
  const variation = `${e.variation > 0 ? '+' : ''}${formaterValeur(e.variation, 'part')}`;
  if (!e.depasse) return `${variation}, dans la borne de ±${borne}`;
  return e.ecart > 0 ? `${variation}, soit ${euros(e.depassement)} au-delà de la borne de +${borne}` : `${variation}, soit ${euros(e.depassement)} en deçà de la borne de -${borne}`;
}

/** La règle en une phrase, avec les montants de ce dialogue. */
export function regleEnMots(cadre: CadreDialogue, e: Enveloppe): string {
  const { minimum, maximum } = bornesEnEuros(e);
  return (
    `Autrement dit : sur l'ensemble des années déjà décidées de la convention, le crédit de fonctionnement peut s'écarter d'au plus ` +
    `${borneEnTexte(cadre)} de sa référence (${euros(e.reference)}), soit de ${euros(minimum)} à ${euros(maximum)} ; ` +
    `au-delà, à la hausse comme à la baisse, la DIRECCTE justifie sa décision par écrit.`
  );
}

/** Pourquoi cette valeur ne peut pas être le montant d'une ligne de financement ; null si elle le peut. */
export function refusMontant(valeur: unknown): string | null {
  if (typeof valeur !== 'number' || !Number.isInteger(valeur)) return 'un montant en euros entiers est attendu';
  if (valeur < 0) return 'un montant ne peut pas être négatif';
  if (valeur > MONTANT_MAXIMUM) return `${euros(MONTANT_MAXIMUM)} au plus`;
  return null;
}

/** Un montant saisi à la française (« 115 000 », « 115 000 € »). */
export function lireMontant(texte: string): { valeur: number | null; refus: string | null } {
  const valeur = lireNombreFr(texte);
  return { valeur, refus: refusMontant(valeur) };
}
