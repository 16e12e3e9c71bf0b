// Nomenclatures du parcours (cadre-cpo.md §2, format-echange.md).

export const TYPES_EVENEMENT = [
  'ENTRETIEN_INDIVIDUEL',
  'ATELIER',
  'INFORMATION_COLLECTIVE',
  'TELEPHONE',
  'COURRIEL',
  'COURRIER',
  'SMS',
  'VISITE',
] as const;
/** Les trois types d'événement qui valent accompagnement (jeunes accompagnés, JDI). */
export const TYPES_EVENEMENT_ACCOMPAGNEMENT = ['ENTRETIEN_INDIVIDUEL', 'ATELIER', 'INFORMATION_COLLECTIVE'] as const;

export const TYPES_DISPOSITIF = ['CIVIS', 'PACEA', 'GARANTIE_JEUNES', 'PPAE', 'PARRAINAGE'] as const;

export const MOTIFS_FIN_DISPOSITIF = [
  'EMPLOI_DURABLE',
  'EMPLOI',
  'ALTERNANCE',
  'FORMATION',
  'CREATION_ENTREPRISE',
  'FIN_DE_DROITS',
  'LIMITE_AGE',
  'DEMENAGEMENT',
  'ABANDON',
  'SANS_NOUVELLES',
  'AUTRE',
] as const;

export const CATEGORIES_SITUATION = [
  'EMPLOI',
  'ALTERNANCE',
  'FORMATION',
  'IMMERSION',
  'CREATION_ENTREPRISE',
  'SCOLARITE',
  'VOLONTARIAT',
] as const;

export const TYPES_CONTRAT = [
  'CDI',
  'CDD',
  'INTERIM',
  'CONTRAT_AIDE',
  'EMPLOI_AVENIR',
  'IAE',
  'SAISONNIER',
  'APPRENTISSAGE',
  'PROFESSIONNALISATION',
  'PMSMP',
] as const;

export const TYPES_AIDE = ['FIPJ', 'ALLOCATION_CIVIS', 'ALLOCATION_GJ', 'ALLOCATION_PACEA'] as const;

export const SEXES = ['F', 'H'] as const;

export const NIVEAUX_FORMATION = ['VI', 'VBIS', 'V', 'IV', 'III', 'II', 'I'] as const;

/** Bornes réglementaires des parcours contractualisés (cadre-cpo.md §2). */
export const DERNIERE_ENTREE_CIVIS = '2016-12-31';
export const PREMIERE_ENTREE_PACEA = '2017-01-01';
export const AGE_MINIMUM_DISPOSITIF = 16;
export const AGE_MAXIMUM_DISPOSITIF = 25;
/** Plus petite date acceptée dans un extrait (format-echange.md, règles d'import). */
export const DATE_MINIMUM_EXTRAIT = '1990-01-01';
