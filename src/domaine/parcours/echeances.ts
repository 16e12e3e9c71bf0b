// Les limites des dispositifs (cadre-cpo.md §2) et la liste de travail du conseiller (« Mes jeunes ») :
// quels jeunes appellent une action à une date, et pourquoi. Toutes les dates viennent d'ici ; la
// base ne fait que chercher les candidats (voir application/parcours/listeDeTravail.ts).
import { formaterValeur } from '../indicateurs/format.ts';
import { AGE_MAXIMUM_DISPOSITIF, DERNIERE_ENTREE_CIVIS, LIBELLES_DISPOSITIF } from '../referentiel/codes.ts';
import {
  DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS,
  DUREE_CIVIS_MOIS,
  DUREE_GARANTIE_JEUNES_MOIS,
  DUREE_MAX_PACEA_MOIS,
  DUREE_PARRAINAGE_MOIS,
  PREAVIS_ECHEANCE_JOURS,
  PROLONGATION_MAX_GARANTIE_JEUNES_MOIS,
  SANS_CONTACT_MOIS,
} from '../referentiel/durees.ts';
import { ageRevolu, ajouterJours, ajouterMois, dateEnFrancais, joursEntre, type DateCalendaire } from '../temps/dates.ts';
import { situation } from './dossier.ts';

/**
 * Le dernier jour d'une période de `mois` mois commencée le `debut` : la veille du même jour `mois`
 * mois plus tard ; si ce jour n'existe pas (31, 29 février), le dernier jour de ce mois. Entré le
 * 15 mars 2017 pour 24 mois : jusqu'au 14 mars 2019 ; le 29 février 2016 pour 12 mois : jusqu'au
 * 28 février 2017 ; le 1er mars 2019 : jusqu'au 29 février 2020.
 */
export function dernierJour(debut: DateCalendaire, mois: number): DateCalendaire {
  const arrivee = ajouterMois(debut, mois);
  // ajouterMois ramène un jour qui n'existe pas au dernier jour du mois : c'est alors la fin.
  return arrivee.slice(8) === debut.slice(8) ? ajouterJours(arrivee, -1) : arrivee;
}

export interface Limite {
  /** La règle en clair : « 24 mois au plus ». */
  regle: string;
  /** Le dernier jour permis (ou prévu, pour le parrainage). */
  echeance: DateCalendaire;
  /** Le dernier jour avec la prolongation la plus longue (Garantie jeunes). */
  prolongation: DateCalendaire | null;
}

/** La limite d'un dispositif entré le `date_debut` ; le PPAE n'en a pas. */
export function limiteDispositif(type: string, debut: DateCalendaire): Limite | null {
  switch (type) {
    case 'CIVIS':
      return { regle: `1 an renouvelable, entrées jusqu'au ${dateEnFrancais(DERNIERE_ENTREE_CIVIS)}`, echeance: dernierJour(debut, DUREE_CIVIS_MOIS), prolongation: null };
    case 'PACEA':
      return { regle: `${DUREE_MAX_PACEA_MOIS} mois au plus`, echeance: dernierJour(debut, DUREE_MAX_PACEA_MOIS), prolongation: null };
    case 'GARANTIE_JEUNES':
      return {
        regle: `${DUREE_GARANTIE_JEUNES_MOIS} mois, prolongeables jusqu'à ${PROLONGATION_MAX_GARANTIE_JEUNES_MOIS} mois`,
        echeance: dernierJour(debut, DUREE_GARANTIE_JEUNES_MOIS),
        prolongation: dernierJour(debut, DUREE_GARANTIE_JEUNES_MOIS + PROLONGATION_MAX_GARANTIE_JEUNES_MOIS),
      };
    case 'PARRAINAGE':
      return { regle: `environ ${DUREE_PARRAINAGE_MOIS} mois`, echeance: dernierJour(debut, DUREE_PARRAINAGE_MOIS), prolongation: null };
    default:
      return null;
  }
}

/** Le temps jusqu'à une échéance, vu le `jour` : « dans 12 jours », « aujourd'hui », « dépassée de 3 jours ». */
export function delaiEnMots(echeance: DateCalendaire, jour: DateCalendaire): string {
  const n = joursEntre(jour, echeance);
  if (n === 0) return "aujourd'hui";
  if (n === 1) return 'demain';
  if (n === -1) return "dépassée d'un jour";
  return n > 0 ? `dans ${formaterValeur(n, 'jours')} jours` : `dépassée de ${formaterValeur(-n, 'jours')} jours`;
}

/**
 * La limite d'un dispositif en une phrase, vue le `jour` : « PACEA : 24 mois au plus, jusqu'au 14 mars
 * 2019 — dans 12 jours » ; terminé, il dit sa fin au lieu du délai. Null pour un dispositif sans limite.
 */
export function limiteEnMots(d: { type: string; date_debut: DateCalendaire; date_fin: DateCalendaire | null }, jour: DateCalendaire): string | null {
  const l = limiteDispositif(d.type, d.date_debut);
  if (!l) return null;
  const nom = (LIBELLES_DISPOSITIF as Record<string, string>)[d.type] ?? d.type;
  const prolongation = l.prolongation ? ` (jusqu'au ${dateEnFrancais(l.prolongation)} avec la prolongation)` : '';
  const etat = d.date_fin ? `terminé le ${dateEnFrancais(d.date_fin)}` : delaiEnMots(l.echeance, jour);
  return `${nom} : ${l.regle}, jusqu'au ${dateEnFrancais(l.echeance)}${prolongation} — ${etat}`;
}

/** Les dispositifs dont la limite proche entre dans la liste de travail. */
export const DISPOSITIFS_A_ECHEANCE = ['PACEA', 'GARANTIE_JEUNES'] as const;
/** Les contrats qui suivent un diagnostic (cadre-cpo.md §2 : signé au plus un mois après). */
export const CONTRATS_APRES_DIAGNOSTIC = ['CIVIS', 'PACEA'] as const;

export const ALERTES = ['sans_contact', 'echeance_dispositif', 'diagnostic_sans_contrat', 'situation_echue'] as const;
export type Alerte = (typeof ALERTES)[number];

export const LIBELLES_ALERTE: Record<Alerte, string> = {
  sans_contact: `Sans contact depuis ${SANS_CONTACT_MOIS} mois`,
  echeance_dispositif: `PACEA à ${DUREE_MAX_PACEA_MOIS} mois ou Garantie jeunes à ${DUREE_GARANTIE_JEUNES_MOIS} mois dans les ${PREAVIS_ECHEANCE_JOURS} jours`,
  diagnostic_sans_contrat: `Diagnostic sans contrat CIVIS ou PACEA dans le mois`,
  situation_echue: 'Situation dont la fin prévue est passée',
};

/** Les bornes des règles le `jour` : la base s'en sert pour chercher les candidats, `alertesDuJeune` pour décider. */
export function bornesListeDeTravail(jour: DateCalendaire) {
  return {
    jour,
    /** Sans contact (événement) après ce jour : plus de 3 mois sans contact, « 3 mois pile » compris. */
    dernierContactAuPlusTard: ajouterMois(jour, -SANS_CONTACT_MOIS),
    /** Une limite qui tombe de `jour` à ce jour inclus est proche. */
    finPreavis: ajouterJours(jour, PREAVIS_ECHEANCE_JOURS),
  };
}

/** Ce que la base dit d'un jeune candidat à la liste. */
export interface FaitsDuJeune {
  date_naissance: DateCalendaire;
  date_premier_accueil: DateCalendaire;
  /** Le dernier événement, quel qu'en soit le type. */
  dernier_contact: DateCalendaire | null;
  /** La dernière sortie : la fin, avec son motif, d'un dispositif, quand aucun autre n'est en cours ; null sinon. */
  sortie: DateCalendaire | null;
  /** Les PACEA et Garanties jeunes en cours (sans date de fin). */
  dispositifs: { type: string; date_debut: DateCalendaire }[] | null;
  /** Le dernier diagnostic, quand aucun CIVIS ni PACEA ne le suit ni n'était en cours ce jour-là. */
  diagnostic: DateCalendaire | null;
  /** Les situations sans date de fin, avec une fin prévue. */
  situations: { categorie: string; type_contrat: string | null; date_fin_prevue: DateCalendaire }[] | null;
}

export interface AlerteDuJeune {
  alerte: Alerte;
  /** La date qui la fonde : dernier contact, limite, fin du délai de contrat, fin prévue. */
  date: DateCalendaire;
  detail: string;
}

/** Les alertes d'un jeune le `jour`, dans l'ordre des règles. */
export function alertesDuJeune(f: FaitsDuJeune, jour: DateCalendaire): AlerteDuJeune[] {
  const b = bornesListeDeTravail(jour);
  const alertes: AlerteDuJeune[] = [];
  // Un jeune sorti du public (26 ans révolus), ou sorti de son parcours sans contact depuis, n'est plus à relancer.
  const contact = f.dernier_contact ?? f.date_premier_accueil;
  const sorti = f.sortie !== null && f.sortie >= contact;
  if (contact <= b.dernierContactAuPlusTard && !sorti && ageRevolu(f.date_naissance, jour) <= AGE_MAXIMUM_DISPOSITIF)
    alertes.push({
      alerte: 'sans_contact',
      date: contact,
      detail: f.dernier_contact ? `dernier contact le ${dateEnFrancais(contact)}` : `aucun contact depuis le premier accueil, le ${dateEnFrancais(contact)}`,
    });
  for (const d of f.dispositifs ?? []) {
    if (!(DISPOSITIFS_A_ECHEANCE as readonly string[]).includes(d.type)) continue;
    const { echeance } = limiteDispositif(d.type, d.date_debut)!;
    if (echeance >= jour && echeance <= b.finPreavis)
      alertes.push({ alerte: 'echeance_dispositif', date: echeance, detail: limiteEnMots({ ...d, date_fin: null }, jour)! });
  }
  if (f.diagnostic) {
    const limite = ajouterMois(f.diagnostic, DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS);
    if (limite < jour)
      alertes.push({ alerte: 'diagnostic_sans_contrat', date: limite, detail: `diagnostic du ${dateEnFrancais(f.diagnostic)}, sans CIVIS ni PACEA signé au plus tard le ${dateEnFrancais(limite)}` });
  }
  for (const s of f.situations ?? [])
    if (s.date_fin_prevue < jour)
      alertes.push({ alerte: 'situation_echue', date: s.date_fin_prevue, detail: `${situation(s)} : fin prévue le ${dateEnFrancais(s.date_fin_prevue)}, sans date de fin` });
  return alertes;
}

export interface LigneTravail {
  id_jeune: string;
  nom: string | null;
  prenom: string | null;
  id_conseiller: string | null;
  alertes: AlerteDuJeune[];
}

/** Une alerte en quelques mots, pour un badge. */
export const LIBELLES_COURTS_ALERTE: Record<Alerte, string> = {
  sans_contact: 'Sans contact',
  echeance_dispositif: 'Limite proche',
  diagnostic_sans_contrat: 'Diagnostic sans contrat',
  situation_echue: 'Fin prévue passée',
};

/** Une alerte en quelques mots, puis son détail : « Sans contact : dernier contact le 2 septembre 2018 ». */
export const alerteEnMots = (a: AlerteDuJeune) => `${LIBELLES_COURTS_ALERTE[a.alerte]} : ${a.detail}`;

/** Les colonnes de la liste de travail, les mêmes à l'écran et dans ses exports. */
export const COLONNES_LISTE_DE_TRAVAIL = [
  { id: 'nom', libelle: 'Nom', valeur: (l: LigneTravail) => l.nom ?? '(identité effacée)' },
  { id: 'prenom', libelle: 'Prénom', valeur: (l: LigneTravail) => l.prenom ?? '' },
  { id: 'id', libelle: 'Identifiant', valeur: (l: LigneTravail) => l.id_jeune },
  { id: 'conseiller', libelle: 'Conseiller', valeur: (l: LigneTravail) => l.id_conseiller ?? '' },
  { id: 'alertes', libelle: 'Alertes', valeur: (l: LigneTravail) => l.alertes.map(alerteEnMots).join(' / ') },
] as const;

/** Le nombre de jeunes par alerte (un jeune à deux situations échues compte une fois). */
export function compterAlertes(lignes: LigneTravail[]): Record<Alerte, number> {
  const compte = Object.fromEntries(ALERTES.map((a) => [a, 0])) as Record<Alerte, number>;
  for (const l of lignes) for (const a of new Set(l.alertes.map((x) => x.alerte))) compte[a] += 1;
  return compte;
}
