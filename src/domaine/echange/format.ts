// Le format d'échange (format-echange.md) décrit une fois, en données : l'import, l'export et le
// générateur de démonstration lisent tous cette description.
import {
  BESOINS_DIAGNOSTIC,
  CATEGORIES_SITUATION,
  MOTIFS_FIN_DISPOSITIF,
  NIVEAUX_FORMATION,
  SEXES,
  TYPES_AIDE,
  TYPES_CONTRAT,
  TYPES_DISPOSITIF,
  TYPES_EVENEMENT,
} from '../referentiel/codes.ts';

export type TypeColonne =
  | { nature: 'identifiant' }
  | { nature: 'texte'; longueurMax: number }
  | { nature: 'code'; valeurs: readonly string[] }
  | { nature: 'codeGeo' } // code INSEE de région, département ou commune
  | { nature: 'communes' } // codes INSEE séparés par |
  | { nature: 'siret' }
  | { nature: 'date'; bornee?: boolean } // bornee : entre 1990-01-01 et aujourd'hui
  | { nature: 'booleen' }
  | { nature: 'entier'; min: number; max: number }
  | { nature: 'decimal'; min?: number };

export interface Colonne {
  nom: string;
  type: TypeColonne;
  requise?: boolean;
  /** Donnée d'identité : rangée à part (jeune_identite), jamais montrée hors de la ML. */
  identite?: boolean;
}

export interface FichierEchange {
  nom: string;
  table: string;
  /** Libellé au pluriel, pour les rapports. */
  libelle: string;
  cle: readonly string[];
  colonnes: readonly Colonne[];
}

const id = (nom: string, requise = true): Colonne => ({ nom, type: { nature: 'identifiant' }, requise });
const date = (nom: string, requise = false, bornee = true): Colonne => ({ nom, type: { nature: 'date', bornee }, requise });
const code = (nom: string, valeurs: readonly string[], requise = false): Colonne => ({ nom, type: { nature: 'code', valeurs }, requise });
const booleen = (nom: string): Colonne => ({ nom, type: { nature: 'booleen' } });
const montant = (nom: string, requise = false): Colonne => ({ nom, type: { nature: 'decimal', min: 0 }, requise });
const nombre = (nom: string): Colonne => ({ nom, type: { nature: 'decimal', min: 0 } });
const pourcentage = (nom: string): Colonne => ({ nom, type: { nature: 'decimal', min: 0 } });
const entier = (nom: string, requise = false, min = 0, max = 2_000_000_000): Colonne => ({ nom, type: { nature: 'entier', min, max }, requise });
const texte = (nom: string, longueurMax: number, identite = false, requise = false): Colonne => ({ nom, type: { nature: 'texte', longueurMax }, identite, requise });
const annee: Colonne = { nom: 'annee', type: { nature: 'entier', min: 1990, max: 2100 }, requise: true };
const codeStructure = id('code_structure');

export const LIGNES_FINANCEMENT = [
  'etat_cpo',
  'etat_autres',
  'region',
  'departement',
  'communes_epci',
  'fse',
  'pole_emploi',
  'autres',
] as const;

/** Les fichiers dans l'ordre où ils se chargent : chacun ne renvoie qu'à ceux qui le précèdent. */
export const FICHIERS: readonly FichierEchange[] = [
  {
    nom: 'structures.csv',
    table: 'mission_locale',
    libelle: 'structures',
    cle: ['code_structure'],
    colonnes: [
      codeStructure,
      { nom: 'nom', type: { nature: 'texte', longueurMax: 200 }, requise: true },
      { nom: 'siret', type: { nature: 'siret' } },
      { nom: 'code_departement', type: { nature: 'codeGeo' }, requise: true },
      { nom: 'code_region', type: { nature: 'codeGeo' }, requise: true },
      texte('adresse', 300),
      { nom: 'communes', type: { nature: 'communes' } },
      date('date_debut', false, false),
      date('date_fin', false, false),
      id('code_structure_absorbante', false),
    ],
  },
  {
    nom: 'jeunes.csv',
    table: 'jeune',
    libelle: 'jeunes',
    cle: ['code_structure', 'id_jeune'],
    colonnes: [
      codeStructure,
      id('id_jeune'),
      date('date_naissance', true, false),
      code('sexe', SEXES, true),
      code('niveau_formation', NIVEAUX_FORMATION),
      { nom: 'commune_residence', type: { nature: 'codeGeo' } },
      booleen('qpv'),
      booleen('zrr'),
      booleen('rqth'),
      booleen('inscrit_pole_emploi'),
      date('date_premier_accueil', true),
      id('id_conseiller', false),
      texte('nom', 100, true),
      texte('prenom', 100, true),
      texte('courriel', 200, true),
      texte('telephone', 30, true),
    ],
  },
  {
    nom: 'evenements.csv',
    table: 'evenement',
    libelle: 'événements',
    cle: ['code_structure', 'id_evenement'],
    colonnes: [codeStructure, id('id_evenement'), id('id_jeune'), date('date', true), code('type', TYPES_EVENEMENT, true), id('id_conseiller', false)],
  },
  // Facultatif : le diagnostic de l'Annexe 1 et ses besoins (1 : besoin repéré, 0 : pas de besoin, vide : non renseigné).
  {
    nom: 'diagnostics.csv',
    table: 'diagnostic',
    libelle: 'diagnostics',
    cle: ['code_structure', 'id_diagnostic'],
    colonnes: [
      codeStructure,
      id('id_diagnostic'),
      id('id_jeune'),
      date('date', true),
      ...BESOINS_DIAGNOSTIC.map((b) => booleen(`besoin_${b}`)),
      id('id_conseiller', false),
    ],
  },
  {
    nom: 'dispositifs.csv',
    table: 'dispositif',
    libelle: 'dispositifs',
    cle: ['code_structure', 'id_dispositif'],
    colonnes: [
      codeStructure,
      id('id_dispositif'),
      id('id_jeune'),
      code('type', TYPES_DISPOSITIF, true),
      date('date_debut', true),
      date('date_fin'),
      code('motif_fin', MOTIFS_FIN_DISPOSITIF),
    ],
  },
  // Facultatif : les phases de l'accompagnement (Annexe 1), un objectif et une évaluation à leur fin ; dans un dispositif ou non.
  {
    nom: 'phases.csv',
    table: 'phase',
    libelle: 'phases',
    cle: ['code_structure', 'id_phase'],
    colonnes: [
      codeStructure,
      id('id_phase'),
      id('id_jeune'),
      id('id_dispositif', false),
      texte('objectif', 500, false, true),
      date('date_debut', true),
      date('date_fin_prevue', false, false),
      date('date_fin'),
      texte('evaluation', 2000),
      id('id_conseiller', false),
    ],
  },
  {
    nom: 'situations.csv',
    table: 'situation',
    libelle: 'situations',
    cle: ['code_structure', 'id_situation'],
    colonnes: [
      codeStructure,
      id('id_situation'),
      id('id_jeune'),
      code('categorie', CATEGORIES_SITUATION, true),
      code('type_contrat', TYPES_CONTRAT),
      date('date_debut', true),
      // Une fin prévue peut légitimement tomber après aujourd'hui (contrat en cours).
      date('date_fin_prevue', false, false),
      date('date_fin'),
    ],
  },
  {
    nom: 'aides.csv',
    table: 'aide',
    libelle: 'aides',
    cle: ['code_structure', 'id_aide'],
    colonnes: [codeStructure, id('id_aide'), id('id_jeune'), code('type', TYPES_AIDE, true), date('date', true), montant('montant', true)],
  },
  {
    nom: 'offres.csv',
    table: 'offre',
    libelle: 'offres',
    cle: ['code_structure', 'id_offre'],
    colonnes: [codeStructure, id('id_offre'), date('date_collecte', true), booleen('pourvue'), texte('intitule', 300)],
  },
  {
    nom: 'contexte.csv',
    table: 'contexte',
    libelle: 'contextes',
    cle: ['code_structure', 'annee'],
    colonnes: [
      codeStructure,
      annee,
      entier('pop_16_25'),
      entier('actifs_non_occupes_16_25'),
      entier('neet_16_25'),
      pourcentage('taux_chomage_15_24'),
      entier('demandeurs_emploi_moins_26'),
      pourcentage('part_qpv_16_25'),
      pourcentage('part_zrr_16_25'),
      entier('nb_communes'),
    ],
  },
  {
    nom: 'moyens.csv',
    table: 'moyens',
    libelle: 'moyens',
    cle: ['code_structure', 'annee'],
    colonnes: [
      codeStructure,
      annee,
      nombre('etp_total'),
      nombre('etp_conseillers'),
      nombre('etp_relation_entreprise'),
      entier('nb_sites'),
      montant('produits_total'),
      ...LIGNES_FINANCEMENT.map((ligne) => montant(ligne)),
    ],
  },
];

export function fichierParNom(nom: string): FichierEchange | undefined {
  const n = nom.toLowerCase();
  return FICHIERS.find((f) => f.nom === n);
}

/** Colonne renvoyant au jeune (toutes les tables de parcours sauf jeunes, offres et données déclarées). */
export function renvoieAuJeune(fichier: FichierEchange): boolean {
  return fichier.table !== 'jeune' && fichier.colonnes.some((c) => c.nom === 'id_jeune');
}
