// Dates calendaires sous forme de chaînes `AAAA-MM-JJ` : jamais de `Date` à minuit qui glisse d'une heure.
import { ErreurMetier } from '../erreurs.ts';
import { formaterValeur } from '../indicateurs/format.ts';

export type DateCalendaire = string;

const FORME_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function joursDansLeMois(annee: number, mois: number): number {
  return new Date(Date.UTC(annee, mois, 0)).getUTCDate();
}

/** Vrai si la chaîne est une date du calendrier grégorien qui existe (2017-02-30 n'existe pas). */
export function estDateValide(texte: string): boolean {
  const m = FORME_DATE.exec(texte);
  if (!m) return false;
  const annee = Number(m[1]);
  const mois = Number(m[2]);
  const jour = Number(m[3]);
  return mois >= 1 && mois <= 12 && jour >= 1 && jour <= joursDansLeMois(annee, mois);
}

function decouper(date: DateCalendaire): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function formater(annee: number, mois: number, jour: number): DateCalendaire {
  return `${String(annee).padStart(4, '0')}-${String(mois).padStart(2, '0')}-${String(jour).padStart(2, '0')}`;
}

/** Ajoute des mois en ramenant le jour au dernier jour du mois d'arrivée (31 août + 6 mois = fin février). */
export function ajouterMois(date: DateCalendaire, mois: number): DateCalendaire {
  const [a, m, j] = decouper(date);
  const total = a * 12 + (m - 1) + mois;
  const annee = Math.floor(total / 12);
  const moisArrivee = (total % 12) + 1;
  return formater(annee, moisArrivee, Math.min(j, joursDansLeMois(annee, moisArrivee)));
}

export function ajouterJours(date: DateCalendaire, jours: number): DateCalendaire {
  const [a, m, j] = decouper(date);
  const d = new Date(Date.UTC(a, m - 1, j + jours));
  return formater(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Âge révolu à une date ; né un 29 février, on prend un an le 1er mars des années non bissextiles. */
export function ageRevolu(dateNaissance: DateCalendaire, date: DateCalendaire): number {
  const [an, mn, jn] = decouper(dateNaissance);
  const [a, m, j] = decouper(date);
  let age = a - an;
  if (m < mn || (m === mn && j < jn)) age -= 1;
  return age;
}

const JOUR_A_PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });

/** Le jour qu'il est à Paris à cet instant (l'instant vient de l'horloge, port de l'application). */
export const dateAParis = (instant: Date): DateCalendaire => JOUR_A_PARIS.format(instant);

const INSTANT_A_PARIS = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });

/** L'heure qu'il est à Paris à cet instant, comme l'application écrit ses horodatages (AAAA-MM-JJTHH:MM:SS). */
export const horodatageAParis = (instant: Date): string => INSTANT_A_PARIS.format(instant).replace(' ', 'T');

/** Nombre de jours de `debut` à `fin` (négatif si `fin` est avant). */
export function joursEntre(debut: DateCalendaire, fin: DateCalendaire): number {
  const [a1, m1, j1] = decouper(debut);
  const [a2, m2, j2] = decouper(fin);
  return Math.round((Date.UTC(a2, m2 - 1, j2) - Date.UTC(a1, m1 - 1, j1)) / 86_400_000);
}

const FORME_FRANCAISE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Lit une date écrite à la française (14/03/2017) ou AAAA-MM-JJ (champ date) ; null si elle n'existe pas. */
export function lireDate(texte: string): DateCalendaire | null {
  const net = texte.trim();
  const fr = FORME_FRANCAISE.exec(net);
  const date = fr ? formater(Number(fr[3]), Number(fr[2]), Number(fr[1])) : net;
  return estDateValide(date) ? date : null;
}

/** Un retard en mots : « en retard d'un jour », « en retard de 12 jours ». */
export const enRetard = (jours: number) => (jours === 1 ? "en retard d'un jour" : `en retard de ${formaterValeur(jours, 'jours')} jours`);

/** Format français lisible : 14 mars 2017, 1er janvier 2017. */
export function dateEnFrancais(date: DateCalendaire): string {
  const [a, m, j] = decouper(date);
  const texte = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(a, m - 1, j)),
  );
  return texte.replace(/^1 /, '1er ');
}

/** Un horodatage de l'application (AAAA-MM-JJTHH:MM:SS, heure de Paris) : « 2 décembre 2026 à 01:30 ». */
export const horodatageEnFrancais = (horodatage: string): string => `${dateEnFrancais(horodatage.slice(0, 10))} à ${horodatage.slice(11, 16)}`;

/**
 * Refus d'une date de coupure `au` pour l'année N (chiffres du 1er janvier à `au` inclus) : le message
 * en français, ou null si elle est valide et dans l'année.
 */
export function refusDateAu(annee: number, au: string): string | null {
  if (!estDateValide(au)) return `date de coupure invalide : « ${au} » ; une date AAAA-MM-JJ qui existe est attendue.`;
  if (Number(au.slice(0, 4)) !== annee) return `la date de coupure ${au} n'est pas dans l'année ${annee} : choisissez un jour du 1er janvier au 31 décembre ${annee}.`;
  return null;
}

/** Refuse (erreur de saisie) une date de coupure `au` invalide ou hors de l'année ; sans `au`, rien à vérifier. */
export function verifierDateAu(annee: number, au: string | undefined): void {
  const refus = au === undefined ? null : refusDateAu(annee, au);
  if (refus) throw new ErreurMetier(refus);
}

/** Le même jour de l'année précédente, pour comparer à date égale (29 février → 28 février). */
export const memeJourAnneePrecedente = (date: DateCalendaire): DateCalendaire => ajouterMois(date, -12);

/** Le dernier jour du dernier mois complet avant `jour` (le 15 mars 2018 → 28 février 2018). */
export function finDuDernierMoisComplet(jour: DateCalendaire): DateCalendaire {
  const [a, m] = decouper(jour);
  return ajouterJours(formater(a, m, 1), -1);
}

/** Le dernier jour du mois (1 à 12) de l'année : 2016, 2 → 2016-02-29. */
export const finDeMois = (annee: number, mois: number): DateCalendaire => formater(annee, mois, joursDansLeMois(annee, mois));
