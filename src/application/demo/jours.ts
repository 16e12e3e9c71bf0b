// Calendrier en numéros de jour (jours écoulés depuis le 1970-01-01, en UTC). Le générateur manipule des
// dizaines de millions de dates : les chaînes AAAA-MM-JJ et les composantes sont précalculées une fois.
const ANNEE_MIN = 1950;
const ANNEE_MAX = 2060;
const MS_JOUR = 86_400_000;

export const PREMIER_JOUR = Date.UTC(ANNEE_MIN, 0, 1) / MS_JOUR;
const NB_JOURS = Date.UTC(ANNEE_MAX + 1, 0, 1) / MS_JOUR - PREMIER_JOUR;

const TEXTES: string[] = new Array(NB_JOURS);
const ANNEES = new Int16Array(NB_JOURS);
const MOIS = new Int8Array(NB_JOURS);
const QUANTIEMES = new Int8Array(NB_JOURS);

{
  let i = 0;
  for (let a = ANNEE_MIN; a <= ANNEE_MAX; a++) {
    for (let m = 1; m <= 12; m++) {
      const n = new Date(Date.UTC(a, m, 0)).getUTCDate();
      const prefixe = `${a}-${m < 10 ? '0' : ''}${m}-`;
      for (let j = 1; j <= n; j++) {
        TEXTES[i] = prefixe + (j < 10 ? '0' : '') + j;
        ANNEES[i] = a;
        MOIS[i] = m;
        QUANTIEMES[i] = j;
        i++;
      }
    }
  }
}

function verifier(j: number): number {
  const i = j - PREMIER_JOUR;
  if (!(i >= 0 && i < NB_JOURS) || !Number.isInteger(i)) throw new RangeError(`jour hors du calendrier du générateur : ${j}`);
  return i;
}

/** Date `AAAA-MM-JJ` d'un numéro de jour. */
export function texteJour(j: number): string {
  return TEXTES[verifier(j)];
}

/** Numéro de jour ; un quantième trop grand déborde sur le mois suivant (29 février d'une année non bissextile = 1er mars). */
export function jourDe(annee: number, mois: number, quantieme: number): number {
  return Date.UTC(annee, mois - 1, quantieme) / MS_JOUR;
}

export function jourDeTexte(date: string): number {
  return jourDe(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function anneeDe(j: number): number {
  return ANNEES[verifier(j)];
}

export function moisDe(j: number): number {
  return MOIS[verifier(j)];
}

const DEBUTS_ANNEE = Array.from({ length: ANNEE_MAX - ANNEE_MIN + 2 }, (_, i) => jourDe(ANNEE_MIN + i, 1, 1));

export function debutAnnee(annee: number): number {
  return DEBUTS_ANNEE[annee - ANNEE_MIN] ?? jourDe(annee, 1, 1);
}

export function finAnnee(annee: number): number {
  return (DEBUTS_ANNEE[annee + 1 - ANNEE_MIN] ?? jourDe(annee + 1, 1, 1)) - 1;
}

function joursDuMois(annee: number, mois: number): number {
  if (mois !== 2) return mois === 4 || mois === 6 || mois === 9 || mois === 11 ? 30 : 31;
  return (annee % 4 === 0 && annee % 100 !== 0) || annee % 400 === 0 ? 29 : 28;
}

/** Comme `ajouterMois` de domaine/temps : le quantième est ramené au dernier jour du mois d'arrivée. */
export function ajouterMoisJour(j: number, mois: number): number {
  const i = verifier(j);
  const total = ANNEES[i] * 12 + (MOIS[i] - 1) + mois;
  const annee = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return jourDe(annee, m, Math.min(QUANTIEMES[i], joursDuMois(annee, m)));
}

/**
 * Premier jour où l'âge révolu atteint `age` (même règle que `ageRevolu` : né un 29 février, on prend un an
 * le 1er mars des années non bissextiles, ce que donne le débordement de Date.UTC).
 */
export function anniversaire(naissance: number, age: number): number {
  const i = verifier(naissance);
  return jourDe(ANNEES[i] + age, MOIS[i], QUANTIEMES[i]);
}

/** Âge révolu, en numéros de jour. */
export function ageRevoluJour(naissance: number, j: number): number {
  const n = verifier(naissance);
  const d = verifier(j);
  let age = ANNEES[d] - ANNEES[n];
  if (MOIS[d] < MOIS[n] || (MOIS[d] === MOIS[n] && QUANTIEMES[d] < QUANTIEMES[n])) age -= 1;
  return age;
}
