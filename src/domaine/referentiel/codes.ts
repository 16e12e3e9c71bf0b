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

/** Les besoins que le diagnostic de l'Annexe 1 examine (colonnes besoin_… du diagnostic). */
export const BESOINS_DIAGNOSTIC = ['emploi', 'formation', 'sante', 'logement', 'mobilite', 'ressources'] as const;
export const LIBELLES_BESOIN: Record<(typeof BESOINS_DIAGNOSTIC)[number], string> = {
  emploi: 'emploi',
  formation: 'formation',
  sante: 'santé',
  logement: 'logement',
  mobilite: 'mobilité',
  ressources: 'ressources',
};

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

/** Les codes du parcours en clair, pour le dossier d'un jeune. */
export const LIBELLES_EVENEMENT: Record<(typeof TYPES_EVENEMENT)[number], string> = {
  ENTRETIEN_INDIVIDUEL: 'Entretien individuel',
  ATELIER: 'Atelier',
  INFORMATION_COLLECTIVE: 'Information collective',
  TELEPHONE: 'Entretien téléphonique',
  COURRIEL: 'Courriel',
  COURRIER: 'Courrier',
  SMS: 'SMS',
  VISITE: 'Visite',
};

export const LIBELLES_DISPOSITIF: Record<(typeof TYPES_DISPOSITIF)[number], string> = {
  CIVIS: 'CIVIS',
  PACEA: 'PACEA',
  GARANTIE_JEUNES: 'Garantie jeunes',
  PPAE: 'PPAE délégué',
  PARRAINAGE: 'Parrainage',
};

export const LIBELLES_MOTIF_FIN: Record<(typeof MOTIFS_FIN_DISPOSITIF)[number], string> = {
  EMPLOI_DURABLE: 'emploi durable',
  EMPLOI: 'emploi',
  ALTERNANCE: 'alternance',
  FORMATION: 'formation',
  CREATION_ENTREPRISE: "création d'entreprise",
  FIN_DE_DROITS: 'fin de droits',
  LIMITE_AGE: "limite d'âge",
  DEMENAGEMENT: 'déménagement',
  ABANDON: 'abandon',
  SANS_NOUVELLES: 'sans nouvelles',
  AUTRE: 'autre',
};

export const LIBELLES_SITUATION: Record<(typeof CATEGORIES_SITUATION)[number], string> = {
  EMPLOI: 'Emploi',
  ALTERNANCE: 'Alternance',
  FORMATION: 'Formation',
  IMMERSION: 'Immersion en entreprise',
  CREATION_ENTREPRISE: "Création d'entreprise",
  SCOLARITE: 'Scolarité',
  VOLONTARIAT: 'Volontariat (service civique)',
};

export const LIBELLES_CONTRAT: Record<(typeof TYPES_CONTRAT)[number], string> = {
  CDI: 'CDI',
  CDD: 'CDD',
  INTERIM: 'intérim',
  CONTRAT_AIDE: 'contrat aidé',
  EMPLOI_AVENIR: "emploi d'avenir",
  IAE: "insertion par l'activité économique",
  SAISONNIER: 'saisonnier',
  APPRENTISSAGE: 'apprentissage',
  PROFESSIONNALISATION: 'professionnalisation',
  PMSMP: 'PMSMP',
};

export const LIBELLES_AIDE: Record<(typeof TYPES_AIDE)[number], string> = {
  FIPJ: 'FIPJ',
  ALLOCATION_CIVIS: 'Allocation CIVIS',
  ALLOCATION_GJ: 'Allocation Garantie jeunes',
  ALLOCATION_PACEA: 'Allocation PACEA',
};
