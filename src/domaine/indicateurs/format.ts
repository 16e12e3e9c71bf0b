// Les chiffres à la française, les mêmes partout (écran, CSV, XLSX, terminal) : « 1 234,5 »,
// « 41,3 % » (les dates : `dateEnFrancais`). Une valeur absente s'écrit « n.d. ».

interface FormeUnite {
  decimales: number;
  /** Multiplie la valeur avant affichage (une part 0,413 s'affiche 41,3 %). */
  facteur?: number;
  suffixe?: string;
  /** Écrit le signe d'une valeur positive (« +4,0 pt ») : une évolution. */
  signe?: boolean;
  /** L'unité en toutes lettres, sous un graphique ; à défaut, son identifiant (« jeunes »). */
  libelle?: string;
  /** Format de nombre Excel qui rend la même chose que l'écran. */
  excel: string;
}

const FORMES: Record<string, FormeUnite> = {
  part: { decimales: 1, facteur: 100, suffixe: ' %', libelle: '%', excel: '0.0 %' },
  pourcentage: { decimales: 1, suffixe: ' %', libelle: '%', excel: '0.0 "%"' },
  euros: { decimales: 0, suffixe: ' €', libelle: '€', excel: '#,##0 "€"' },
  euros_centimes: { decimales: 2, suffixe: ' €', libelle: '€', excel: '#,##0.00 "€"' },
  euros_par_jeune: { decimales: 0, suffixe: ' €', libelle: '€ par jeune', excel: '#,##0 "€"' },
  etp: { decimales: 1, libelle: 'ETP (équivalents temps plein)', excel: '#,##0.0' },
  jeunes_par_etp: { decimales: 1, libelle: 'jeunes par ETP', excel: '#,##0.0' },
  entretiens_par_jeune: { decimales: 1, libelle: 'entretiens par jeune', excel: '#,##0.0' },
  immersions_par_jeune: { decimales: 2, libelle: 'immersions par jeune', excel: '#,##0.00' },
  // Les évolutions d'une année sur l'autre : un écart en points (parts), un taux (le reste).
  points: { decimales: 1, suffixe: ' pt', signe: true, libelle: 'points', excel: '"+"0.0" pt";"-"0.0" pt";0.0" pt"' },
  evolution: { decimales: 1, facteur: 100, suffixe: ' %', signe: true, libelle: '%', excel: '"+"0.0 %;"-"0.0 %;0.0 %' },
};
const PAR_DEFAUT: FormeUnite = { decimales: 0, excel: '#,##0' };

export const forme = (unite: string): FormeUnite => FORMES[unite] ?? PAR_DEFAUT;

/** L'unité en toutes lettres : « % », « € par jeune », « jeunes ». */
export const libelleUnite = (unite: string): string => forme(unite).libelle ?? unite.replace(/_/g, ' ');

const formats = new Map<number, Intl.NumberFormat>();
function nombreFr(v: number, decimales: number): string {
  let f = formats.get(decimales);
  if (!f) formats.set(decimales, (f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimales, maximumFractionDigits: decimales })));
  // L'espace fine insécable d'Intl n'est pas dans toutes les polices (Marianne) : espace insécable.
  return f.format(v).replace(/\u202f/g, '\u00a0');
}

/** La valeur telle qu'on la lit, dans l'unité de la donnée (0,413 pour 41,3 %). */
export function valeurAffichee(v: number, unite: string): number {
  const { decimales, facteur = 1 } = forme(unite);
  const puissance = 10 ** decimales;
  return Math.round(v * facteur * puissance) / puissance / facteur;
}

export function formaterValeur(v: number | null | undefined, unite: string): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n.d.';
  const { decimales, facteur = 1, suffixe = '', signe } = forme(unite);
  const puissance = 10 ** decimales;
  // Arrondie comme affichée, sans « -0,0 » ; le signe d'une évolution positive est écrit.
  const arrondie = Math.round(v * facteur * puissance) / puissance + 0;
  return (signe && arrondie > 0 ? '+' : '') + nombreFr(signe ? arrondie : v * facteur, decimales) + suffixe.replace(' ', '\u00a0');
}

/** L'unité d'une évolution : l'écart en points pour une part ou un pourcentage, un taux sinon. */
export const uniteEvolution = (unite: string) => (unite === 'part' || unite === 'pourcentage' ? 'points' : 'evolution');

/** Une évolution d'une année sur l'autre, dans l'unité `uniteEvolution` : 4 (points), 0,125 (+12,5 %) ; null sans base. */
export function evolution(actuel: number | null | undefined, precedent: number | null | undefined, unite: string): number | null {
  if (actuel == null || precedent == null) return null;
  if (uniteEvolution(unite) === 'points') return (actuel - precedent) * (forme(unite).facteur ?? 1);
  return precedent === 0 ? null : (actuel - precedent) / Math.abs(precedent);
}

/** Lit un nombre écrit à la française (« 1 234,5 », « 41,3 % ») ; null pour « n.d. ». */
export function lireNombreFr(texte: string): number | null {
  const net = texte.replace(/[\s\u00a0\u202f]/g, '').replace(/%|€|pt/g, '').replace(',', '.');
  if (net === '' || net === 'n.d.') return null;
  const n = Number(net);
  return Number.isFinite(n) ? n : null;
}

/** Une valeur dans l'unité où on la saisit (une part en pour cent) : « 35,5 » pour 0,355. */
export function enSaisie(v: number | null | undefined, unite: string): string {
  if (v === null || v === undefined) return '';
  const { facteur = 1 } = forme(unite);
  return String(Math.round(v * facteur * 1e6) / 1e6).replace('.', ',');
}

/** Relit une saisie à la française dans l'unité de la donnée ; null si vide ou illisible. */
export function depuisSaisie(texte: string, unite: string): number | null {
  const n = lireNombreFr(texte);
  return n === null ? null : n / (forme(unite).facteur ?? 1);
}
