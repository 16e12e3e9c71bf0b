// Le calcul de chaque indicateur, choisi par son identifiant. Le catalogue dit ce qu'il faut montrer
// (libellés, groupes, ratios, sens) ; ce fichier dit comment compter, en SQL ensembliste.
//
// Chaque calcul appartient à une « source » : une requête groupée par Mission locale. Les calculs de
// la source `parcours` portent sur une ligne par jeune (en contact ou en premier accueil dans
// l'année, avec son activité agrégée : activiteAnnuelle.ts) et sont additifs : c'est ce qui permet
// de les ventiler par sexe, âge, niveau, QPV, ZRR.
import { activiteFinDeMois, selectActivite } from './activiteAnnuelle.ts';

export type Source = 'parcours' | 'dispositif' | 'situation' | 'aide' | 'offre' | 'contexte' | 'moyens';

export interface Calcul {
  source: Source;
  /** Agrégat SQL sur les lignes de la source (une par jeune pour `parcours`). */
  expression: string;
}

const compte = (condition: string) => `count(*) FILTER (WHERE ${condition})`;
const declare = (colonne: string) => `max(${colonne})`;

export const CALCULS: Record<string, Calcul> = {
  // Activité
  jeunes_en_contact: { source: 'parcours', expression: compte('contact') },
  premiers_accueils: { source: 'parcours', expression: compte('premier_accueil') },
  jeunes_recus_entretien_individuel: { source: 'parcours', expression: compte('nb_ei > 0') },
  jeunes_accompagnes: { source: 'parcours', expression: compte('accompagne') },
  jdi: { source: 'parcours', expression: compte('jdi') },
  entretiens_individuels: { source: 'parcours', expression: 'coalesce(sum(nb_ei), 0)' },
  participations_collectives: { source: 'parcours', expression: 'coalesce(sum(nb_collectif), 0)' },
  entrees_parcours_contractualise: { source: 'dispositif', expression: compte(`type IN ('CIVIS', 'PACEA') AND date_debut >= :debut`) },
  entrees_garantie_jeunes: { source: 'dispositif', expression: compte(`type = 'GARANTIE_JEUNES' AND date_debut >= :debut`) },
  entrees_ppae: { source: 'dispositif', expression: compte(`type = 'PPAE' AND date_debut >= :debut`) },
  jeunes_parraines: { source: 'dispositif', expression: `count(DISTINCT id_jeune) FILTER (WHERE type = 'PARRAINAGE')` },
  entrees_emploi_avenir: { source: 'situation', expression: compte(`categorie = 'EMPLOI' AND type_contrat = 'EMPLOI_AVENIR'`) },
  immersions_pmsmp: { source: 'situation', expression: compte(`categorie = 'IMMERSION'`) },
  jeunes_aides_fipj: { source: 'aide', expression: `count(DISTINCT id_jeune) FILTER (WHERE type = 'FIPJ')` },
  montant_fipj: { source: 'aide', expression: `coalesce(sum(montant) FILTER (WHERE type = 'FIPJ'), 0)` },
  offres_collectees: { source: 'offre', expression: 'count(*)' },
  // Résultats : parmi les jeunes accompagnés de l'année
  jeunes_entres_emploi: { source: 'parcours', expression: compte('accompagne AND emploi') },
  jeunes_entres_emploi_durable: { source: 'parcours', expression: compte('accompagne AND emploi_durable') },
  jeunes_entres_alternance: { source: 'parcours', expression: compte('accompagne AND alternance') },
  jeunes_entres_formation: { source: 'parcours', expression: compte('accompagne AND formation') },
  jeunes_avec_situation_professionnelle: { source: 'parcours', expression: compte('accompagne AND situation_professionnelle') },
  sorties_dispositif: { source: 'dispositif', expression: compte(`type IN ('CIVIS', 'PACEA', 'GARANTIE_JEUNES') AND date_fin <= :fin`) },
  // Contexte et moyens : les données déclarées de l'année, telles quelles
  ...Object.fromEntries(
    ['pop_16_25', 'actifs_non_occupes_16_25', 'neet_16_25', 'taux_chomage_15_24', 'demandeurs_emploi_moins_26', 'part_qpv_16_25', 'part_zrr_16_25', 'nb_communes'].map(
      (c) => [c, { source: 'contexte', expression: declare(c) } satisfies Calcul],
    ),
  ),
  ...Object.fromEntries(
    ['etp_total', 'etp_conseillers', 'etp_relation_entreprise', 'nb_sites', 'produits_total'].map((c) => [c, { source: 'moyens', expression: declare(c) } satisfies Calcul]),
  ),
  ...Object.fromEntries(
    ['etat_cpo', 'etat_autres', 'region', 'departement', 'communes_epci', 'fse', 'pole_emploi', 'autres'].map(
      (c) => [`financement_${c}`, { source: 'moyens', expression: declare(c) } satisfies Calcul],
    ),
  ),
};

/**
 * Comment lire une période : `filtre(alias)` restreint aux ML ; `activite` dit d'où vient l'activité des
 * jeunes : l'année entière (activite_jeune_annee), les mois jusqu'à `mois` (activite_jeune_mois, la
 * période finit un dernier jour du mois), ou les faits de la période (un autre jour).
 */
export interface LecturePeriode {
  filtre: (alias?: string) => string;
  activite: 'annee' | 'mois' | 'periode';
  /** Le mois où finit la période (1 à 12). */
  mois: number;
}

function activiteDeLaPeriode({ filtre, activite, mois }: LecturePeriode): string {
  switch (activite) {
    case 'annee':
      return 'activite_jeune_annee';
    case 'mois':
      return `(${activiteFinDeMois(mois, `annee = :annee ${filtre()}`)})`;
    case 'periode':
      return `(${selectActivite(filtre(), { debut: ':debut', fin: ':fin' })})`;
  }
}

/**
 * Les lignes de chaque source pour la période [:debut, :fin] de l'année :annee, restreintes aux ML de
 * :codes si donné.
 */
export function requeteSource(source: Source, lecture: LecturePeriode): string {
  const { filtre } = lecture;
  switch (source) {
    case 'parcours':
      // Une ligne par jeune en contact ou en premier accueil dans la période, avec son activité de la
      // période (activiteDeLaPeriode).
      return `
        SELECT j.code_structure, j.sexe, j.niveau_formation, j.qpv, j.zrr,
               -- Âge révolu au 31 décembre : l'anniversaire de l'année est forcément passé.
               :annee - date_part('year', j.date_naissance)::int AS age_au_31_decembre,
               coalesce(a.contact, false) AS contact,
               j.date_premier_accueil BETWEEN :debut AND :fin AS premier_accueil,
               coalesce(a.nb_ei, 0) AS nb_ei,
               coalesce(a.nb_collectif, 0) AS nb_collectif,
               coalesce(a.nb_ei + a.nb_collectif > 0, false) AS accompagne,
               coalesce(a.jdi, false) AS jdi,
               coalesce(a.emploi, false) AS emploi,
               coalesce(a.emploi_durable, false) AS emploi_durable,
               coalesce(a.alternance, false) AS alternance,
               coalesce(a.formation, false) AS formation,
               coalesce(a.situation_professionnelle, false) AS situation_professionnelle
        FROM jeune j
        LEFT JOIN ${activiteDeLaPeriode(lecture)} a ON a.code_structure = j.code_structure AND a.id_jeune = j.id_jeune AND a.annee = :annee
        WHERE (a.contact OR j.date_premier_accueil BETWEEN :debut AND :fin) ${filtre('j')}`;
    case 'dispositif':
      // Les dispositifs en cours dans l'année : entrées, parrainages actifs et sorties en font partie.
      return `SELECT * FROM dispositif d WHERE date_debut <= :fin AND coalesce(date_fin, 'infinity'::date) >= :debut ${filtre('d')}`;
    case 'situation':
      return `SELECT * FROM situation s WHERE date_debut BETWEEN :debut AND :fin ${filtre('s')}`;
    case 'aide':
      return `SELECT * FROM aide a WHERE date BETWEEN :debut AND :fin ${filtre('a')}`;
    case 'offre':
      return `SELECT * FROM offre o WHERE date_collecte BETWEEN :debut AND :fin ${filtre('o')}`;
    case 'contexte':
      return `SELECT * FROM contexte c WHERE annee = :annee ${filtre('c')}`;
    case 'moyens':
      return `SELECT * FROM moyens m WHERE annee = :annee ${filtre('m')}`;
  }
}
