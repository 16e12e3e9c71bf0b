// Ordres de grandeur nationaux visés par le générateur (cadre-cpo.md §7) : un seul endroit à retoucher.
// Les valeurs par ML s'en déduisent au prorata des jeunes en contact de la ML.
import { chargerReseau } from '../indicateurs/reseauEnVigueur.ts';

/** Missions locales par région 2016 (réseau 2015) : le réseau de référence, une donnée partagée avec les chiffres. */
export const ML_PAR_REGION: Readonly<Record<string, number>> = chargerReseau().parRegion;
export const NB_ML_2015 = chargerReseau().total;

export const PART_16_25_POPULATION = 0.115;
export const CONTACTS_MIN_ML = 700;
export const CONTACTS_MAX_ML = 28_500;
export const COUVERTURE_MIN = 0.12;
export const COUVERTURE_MAX = 0.26;

const CONTACTS: Readonly<Record<number, number>> = { 2015: 1_404_000, 2016: 1_350_000, 2017: 1_298_000, 2018: 1_270_000 };

/** Jeunes en contact visés pour la nation ; hors 2015-2018, la valeur de l'année connue la plus proche. */
export function contactsNationaux(annee: number): number {
  return CONTACTS[Math.min(2018, Math.max(2015, annee))];
}

/** Part des jeunes en contact d'une année qui viennent de l'année d'avant (462 000 premiers accueils en 2015). */
export const PART_RECONDUITS_DEBUT = 1 - 462_000 / 1_404_000;
/**
 * Probabilité qu'un jeune en contact une année le soit encore l'année suivante (hors limite d'âge) ; plus
 * haute que 2/3 car les jeunes qui atteignent 26 ans sortent aussi : réglée pour ≈ 400 000 premiers accueils en 2017.
 */
export const PROBA_RECONDUCTION = 0.73;

export const PART_RECUS_INDIVIDUELLEMENT = 1_198_000 / 1_404_000;

/** Entrées nationales en dispositif par année. */
export function entreesNationales(type: 'CIVIS' | 'PACEA' | 'GARANTIE_JEUNES' | 'PPAE' | 'PARRAINAGE', annee: number): number {
  switch (type) {
    case 'CIVIS':
      // Créé en 2005, remplacé par le PACEA au 1er janvier 2017.
      return annee >= 2005 && annee <= 2016 ? 150_000 : 0;
    case 'PACEA':
      return annee >= 2017 ? 180_000 : 0;
    case 'GARANTIE_JEUNES':
      // Expérimentée à partir d'octobre 2013, généralisée en 2017.
      return annee <= 2013 ? 0 : ({ 2014: 10_000, 2015: 34_000, 2016: 60_000, 2017: 87_000 } as Record<number, number>)[annee] ?? 90_000;
    case 'PPAE':
      return annee >= 2006 ? 150_000 : 0;
    case 'PARRAINAGE':
      return 20_000;
  }
}

/** Entrées nationales en emploi d'avenir (créés fin 2012, en extinction à partir de 2017). */
export function emploisAvenirNationaux(annee: number): number {
  if (annee < 2012) return 0;
  return ({ 2012: 5_000, 2013: 60_000, 2014: 50_000, 2015: 40_000, 2016: 28_000, 2017: 15_000 } as Record<number, number>)[annee] ?? 5_000;
}

/** Situations nationales par an (chiffres 2017), qui servent de poids entre catégories. */
export const SITUATIONS_PAR_CATEGORIE = {
  EMPLOI: 544_000,
  ALTERNANCE: 40_000,
  FORMATION: 186_000,
  IMMERSION: 125_000,
  CREATION_ENTREPRISE: 5_000,
  SCOLARITE: 3_000,
  VOLONTARIAT: 4_000,
} as const;

/** Jeunes reçus individuellement qui ont au moins une situation professionnelle dans l'année (2015). */
export const PART_RECUS_AVEC_SITUATION = 0.46;
export const PART_NON_RECUS_AVEC_SITUATION = 0.05;

/** Allocation Garantie jeunes mensuelle (€), par année. */
export function allocationGarantieJeunes(annee: number): number {
  return annee <= 2015 ? 461.26 : annee === 2016 ? 461.72 : annee === 2017 ? 480.02 : 484.82;
}

export const PRODUITS_PAR_CONTACT_2015 = 640_400_000 / 1_404_000;
/** Les ressources des ML croissent avec la Garantie jeunes alors que les contacts baissent. */
export function evolutionProduits(annee: number): number {
  return ({ 2016: 1.07, 2017: 1.14, 2018: 1.17 } as Record<number, number>)[annee] ?? (annee > 2018 ? 1.17 : 1);
}
export const CONTACTS_PAR_ETP = 1_404_000 / 11_855;
export const SITES_NATIONAUX = 6_563;

/** Financements : État 46 %, communes/EPCI 18 %, région 16 %. */
export const PARTS_FINANCEMENT = {
  etat_cpo: 0.3,
  etat_autres: 0.16,
  region: 0.16,
  departement: 0.06,
  communes_epci: 0.18,
  fse: 0.06,
  pole_emploi: 0.05,
  autres: 0.03,
} as const;
