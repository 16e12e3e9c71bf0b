// Schéma de la base. Toute table de données d'une Mission locale a `code_structure` en tête de sa clé
// primaire : les données pourront être réparties sur un PostgreSQL distribué par ML.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  serial,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const jour = (nom: string) => date(nom, { mode: 'string' });
const euros = (nom: string) => numeric(nom, { precision: 14, scale: 2, mode: 'number' });
const decimal = (nom: string) => numeric(nom, { precision: 12, scale: 2, mode: 'number' });
/** Date de première réception de la ligne d'un extrait, gardée quand un import la remplace (qualité des données). */
const recuLe = () => jour('recu_le').notNull().default(sql`CURRENT_DATE`);

export const region = pgTable('region', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
});

export const departement = pgTable('departement', {
  code: text('code').primaryKey(),
  nom: text('nom').notNull(),
  codeRegion: text('code_region')
    .notNull()
    .references(() => region.code),
});

export const missionLocale = pgTable(
  'mission_locale',
  {
    codeStructure: text('code_structure').primaryKey(),
    nom: text('nom').notNull(),
    siret: text('siret'),
    codeDepartement: text('code_departement')
      .notNull()
      .references(() => departement.code),
    codeRegion: text('code_region')
      .notNull()
      .references(() => region.code),
    adresse: text('adresse'),
    communes: text('communes').array(),
    dateDebut: jour('date_debut'),
    dateFin: jour('date_fin'),
    codeStructureAbsorbante: text('code_structure_absorbante'),
    recuLe: recuLe(),
  },
  (t) => [
    foreignKey({ columns: [t.codeStructureAbsorbante], foreignColumns: [t.codeStructure] }),
    index('mission_locale_region_idx').on(t.codeRegion),
    index('mission_locale_departement_idx').on(t.codeDepartement),
  ],
);

const refML = () => missionLocale.codeStructure;

export const jeune = pgTable(
  'jeune',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    idJeune: text('id_jeune').notNull(),
    dateNaissance: jour('date_naissance').notNull(),
    sexe: text('sexe').notNull(),
    niveauFormation: text('niveau_formation'),
    communeResidence: text('commune_residence'),
    qpv: boolean('qpv'),
    zrr: boolean('zrr'),
    rqth: boolean('rqth'),
    inscritPoleEmploi: boolean('inscrit_pole_emploi'),
    datePremierAccueil: jour('date_premier_accueil').notNull(),
    idConseiller: text('id_conseiller'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idJeune] })],
);

/** Identité du jeune, à part : seuls les utilisateurs de sa ML la voient, la rétention l'efface. */
export const jeuneIdentite = pgTable(
  'jeune_identite',
  {
    codeStructure: text('code_structure').notNull(),
    idJeune: text('id_jeune').notNull(),
    nom: text('nom'),
    prenom: text('prenom'),
    courriel: text('courriel'),
    telephone: text('telephone'),
    /** Jour où la durée de conservation a effacé l'identité (cpo retention). */
    anonymiseLe: jour('anonymise_le'),
  },
  (t) => [
    primaryKey({ columns: [t.codeStructure, t.idJeune] }),
    foreignKey({ columns: [t.codeStructure, t.idJeune], foreignColumns: [jeune.codeStructure, jeune.idJeune] }),
  ],
);

const refJeune = (t: { codeStructure: any; idJeune: any }) =>
  foreignKey({ columns: [t.codeStructure, t.idJeune], foreignColumns: [jeune.codeStructure, jeune.idJeune] });

export const evenement = pgTable(
  'evenement',
  {
    codeStructure: text('code_structure').notNull(),
    idEvenement: text('id_evenement').notNull(),
    idJeune: text('id_jeune').notNull(),
    date: jour('date').notNull(),
    type: text('type').notNull(),
    idConseiller: text('id_conseiller'),
    recuLe: recuLe(),
  },
  // La clé primaire, qui commence par code_structure, sert les requêtes par ML ; l'index par jeune, le
  // recalcul de l'activité des seuls jeunes qu'un import touche (chaque index de plus ralentit pourtant
  // le chargement de dizaines de millions d'événements).
  (t) => [primaryKey({ columns: [t.codeStructure, t.idEvenement] }), refJeune(t), index('evenement_jeune_idx').on(t.codeStructure, t.idJeune)],
);

export const dispositif = pgTable(
  'dispositif',
  {
    codeStructure: text('code_structure').notNull(),
    idDispositif: text('id_dispositif').notNull(),
    idJeune: text('id_jeune').notNull(),
    type: text('type').notNull(),
    dateDebut: jour('date_debut').notNull(),
    dateFin: jour('date_fin'),
    motifFin: text('motif_fin'),
    recuLe: recuLe(),
  },
  (t) => [
    primaryKey({ columns: [t.codeStructure, t.idDispositif] }),
    refJeune(t),
    index('dispositif_jeune_idx').on(t.codeStructure, t.idJeune),
  ],
);

export const situation = pgTable(
  'situation',
  {
    codeStructure: text('code_structure').notNull(),
    idSituation: text('id_situation').notNull(),
    idJeune: text('id_jeune').notNull(),
    categorie: text('categorie').notNull(),
    typeContrat: text('type_contrat'),
    dateDebut: jour('date_debut').notNull(),
    dateFinPrevue: jour('date_fin_prevue'),
    dateFin: jour('date_fin'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idSituation] }), refJeune(t), index('situation_jeune_idx').on(t.codeStructure, t.idJeune)],
);

/**
 * Le diagnostic de l'Annexe 1 : la situation du jeune et ses besoins (emploi, formation, santé,
 * logement, mobilité, ressources) ; un besoin non renseigné est null.
 */
export const diagnostic = pgTable(
  'diagnostic',
  {
    codeStructure: text('code_structure').notNull(),
    idDiagnostic: text('id_diagnostic').notNull(),
    idJeune: text('id_jeune').notNull(),
    date: jour('date').notNull(),
    besoinEmploi: boolean('besoin_emploi'),
    besoinFormation: boolean('besoin_formation'),
    besoinSante: boolean('besoin_sante'),
    besoinLogement: boolean('besoin_logement'),
    besoinMobilite: boolean('besoin_mobilite'),
    besoinRessources: boolean('besoin_ressources'),
    idConseiller: text('id_conseiller'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idDiagnostic] }), refJeune(t), index('diagnostic_jeune_idx').on(t.codeStructure, t.idJeune)],
);

/** Une phase de l'accompagnement (Annexe 1) : un objectif, une durée, une évaluation à sa fin ; dans un dispositif ou non. */
export const phase = pgTable(
  'phase',
  {
    codeStructure: text('code_structure').notNull(),
    idPhase: text('id_phase').notNull(),
    idJeune: text('id_jeune').notNull(),
    idDispositif: text('id_dispositif'),
    objectif: text('objectif').notNull(),
    dateDebut: jour('date_debut').notNull(),
    dateFinPrevue: jour('date_fin_prevue'),
    dateFin: jour('date_fin'),
    evaluation: text('evaluation'),
    idConseiller: text('id_conseiller'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idPhase] }), refJeune(t), index('phase_jeune_idx').on(t.codeStructure, t.idJeune)],
);

/**
 * Les lignes du parcours écrites dans l'application (table_parcours : jeune, evenement, diagnostic…) :
 * un dépôt ne les remplace pas, ni ne touche au parcours d'un jeune créé dans l'application (décision 0030).
 */
export const ligneSaisie = pgTable(
  'ligne_saisie',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    tableParcours: text('table_parcours').notNull(),
    idLigne: text('id_ligne').notNull(),
    saisieLe: timestamp('saisie_le', { withTimezone: true }).notNull().default(sql`now()`),
    saisiePar: text('saisie_par').notNull(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.tableParcours, t.idLigne] })],
);

export const aide = pgTable(
  'aide',
  {
    codeStructure: text('code_structure').notNull(),
    idAide: text('id_aide').notNull(),
    idJeune: text('id_jeune').notNull(),
    type: text('type').notNull(),
    date: jour('date').notNull(),
    montant: euros('montant').notNull(),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idAide] }), refJeune(t)],
);

export const offre = pgTable(
  'offre',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    idOffre: text('id_offre').notNull(),
    dateCollecte: jour('date_collecte').notNull(),
    pourvue: boolean('pourvue'),
    intitule: text('intitule'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idOffre] })],
);

export const contexte = pgTable(
  'contexte',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    annee: integer('annee').notNull(),
    pop1625: integer('pop_16_25'),
    actifsNonOccupes1625: integer('actifs_non_occupes_16_25'),
    neet1625: integer('neet_16_25'),
    tauxChomage1524: decimal('taux_chomage_15_24'),
    demandeursEmploiMoins26: integer('demandeurs_emploi_moins_26'),
    partQpv1625: decimal('part_qpv_16_25'),
    partZrr1625: decimal('part_zrr_16_25'),
    nbCommunes: integer('nb_communes'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.annee] })],
);

export const moyens = pgTable(
  'moyens',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    annee: integer('annee').notNull(),
    etpTotal: decimal('etp_total'),
    etpConseillers: decimal('etp_conseillers'),
    etpRelationEntreprise: decimal('etp_relation_entreprise'),
    nbSites: integer('nb_sites'),
    produitsTotal: euros('produits_total'),
    etatCpo: euros('etat_cpo'),
    etatAutres: euros('etat_autres'),
    region: euros('region'),
    departement: euros('departement'),
    communesEpci: euros('communes_epci'),
    fse: euros('fse'),
    poleEmploi: euros('pole_emploi'),
    autres: euros('autres'),
    recuLe: recuLe(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.annee] })],
);

/**
 * Historique des données déclarées saisies dans l'application (formulaire ou fichier) : une ligne par
 * champ changé, ancienne et nouvelle valeur, qui, d'où et quand. En ajout seul (déclencheurs, 0016).
 */
export const declarationHistorique = pgTable(
  'declaration_historique',
  {
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    id: bigserial('id', { mode: 'number' }).notNull(),
    nature: text('nature').notNull(),
    annee: integer('annee').notNull(),
    champ: text('champ').notNull(),
    ancienne: text('ancienne'),
    nouvelle: text('nouvelle'),
    acteur: text('acteur').notNull(),
    origine: text('origine'),
    horodatage: timestamp('horodatage', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.id] })],
);

/** Journal d'audit : une ligne par écriture et par lecture de données nominatives, jamais modifiée. */
export const journalAudit = pgTable(
  'journal_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    horodatage: timestamp('horodatage', { withTimezone: true }).notNull().default(sql`now()`),
    acteur: text('acteur').notNull(),
    action: text('action').notNull(),
    objet: text('objet'),
    codeStructure: text('code_structure'),
    origine: text('origine'),
    details: jsonb('details'),
  },
  (t) => [index('journal_audit_horodatage_idx').on(t.horodatage)],
);

/**
 * Instantané figé de tous les chiffres d'une année (national, ou une région) : le contenu JSON
 * canonique, son empreinte SHA-256 et la version du catalogue. Jamais modifié (déclencheur).
 */
export const instantane = pgTable(
  'instantane',
  {
    id: serial('id').primaryKey(),
    annee: integer('annee').notNull(),
    codeRegion: text('code_region'),
    catalogue: text('catalogue').notNull(),
    creeLe: timestamp('cree_le', { withTimezone: true }).notNull().default(sql`now()`),
    creePar: text('cree_par').notNull(),
    empreinte: text('empreinte').notNull(),
    contenu: text('contenu').notNull(),
  },
  (t) => [index('instantane_annee_idx').on(t.annee, t.codeRegion)],
);

/**
 * Version des données du parcours : chaque import qui écrit l'incrémente dans sa transaction. Les
 * chiffres mis en cache portent la version sur laquelle ils ont été calculés ; une version nouvelle,
 * et ils sont recalculés : le tableau de bord reste en temps réel sans recalcul à chaque requête.
 * `mise_a_jour` : quand (les « données au » des graphiques exportés).
 */
export const etatDonnees = pgTable('etat_donnees', {
  id: integer('id').primaryKey().default(1),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  miseAJour: timestamp('mise_a_jour', { withTimezone: true }),
});

/**
 * La version des données de chaque ML : toute écriture qui la touche l'augmente (marquerDonneesMisesAJour).
 * Une ML absente est à la version 0.
 */
export const versionDonneesMl = pgTable('version_donnees_ml', {
  codeStructure: text('code_structure').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull(),
});

/**
 * Les chiffres calculés d'une ML (indicateurs, ratios, déclinaisons) pour un catalogue, une année et une
 * date de coupure (le 31 décembre pour l'année entière), sur la version de ses données dite par `version` :
 * ils valent tant que cette version est la sienne. Départements, régions et nation s'en déduisent.
 */
export const chiffresMl = pgTable(
  'chiffres_ml',
  {
    catalogue: text('catalogue').notNull(),
    annee: integer('annee').notNull(),
    au: jour('au').notNull(),
    codeStructure: text('code_structure').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
    valeurs: jsonb('valeurs').notNull(),
    calculeLe: timestamp('calcule_le', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.catalogue, t.annee, t.au, t.codeStructure] })],
);

/** Chaque catalogue avec lequel des chiffres ont été stockés : de quoi servir les anciens, libellés, pendant un recalcul. */
export const catalogueCalcule = pgTable('catalogue_calcule', {
  version: text('version').primaryKey(),
  contenu: jsonb('contenu').notNull(),
  enregistreLe: timestamp('enregistre_le', { withTimezone: true }).notNull(),
});

/**
 * Activité de chaque jeune par année (événements et situations agrégés), tenue à jour par l'import
 * dans sa transaction : les indicateurs restent en temps réel sans réagréger des dizaines de millions
 * d'événements à chaque calcul. Se reconstruit entièrement depuis les tables du parcours.
 */
export const activiteJeuneAnnee = pgTable(
  'activite_jeune_annee',
  {
    codeStructure: text('code_structure').notNull(),
    idJeune: text('id_jeune').notNull(),
    annee: integer('annee').notNull(),
    nbEi: integer('nb_ei').notNull(),
    nbCollectif: integer('nb_collectif').notNull(),
    contact: boolean('contact').notNull(),
    jdi: boolean('jdi').notNull(),
    emploi: boolean('emploi').notNull(),
    emploiDurable: boolean('emploi_durable').notNull(),
    alternance: boolean('alternance').notNull(),
    formation: boolean('formation').notNull(),
    situationProfessionnelle: boolean('situation_professionnelle').notNull(),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idJeune, t.annee] })],
);

/**
 * La même activité mois par mois (migration 0021), une ligne par jeune et par année, tenue avec
 * l'annuelle par l'import : chaque compte par mois (null s'il est nul), et le premier mois de chaque
 * indicateur « au moins une fois » (null : jamais dans l'année). Les chiffres à une fin de mois s'en lisent.
 */
const MOIS_DE_L_ANNEE = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const comptesParMois = (prefixe: 'nb_ei' | 'nb_collectif') => Object.fromEntries(MOIS_DE_L_ANNEE.map((m) => [`${prefixe}_${m}`, integer(`${prefixe}_${m}`)]));
export const activiteJeuneMois = pgTable(
  'activite_jeune_mois',
  {
    codeStructure: text('code_structure').notNull(),
    idJeune: text('id_jeune').notNull(),
    annee: integer('annee').notNull(),
    ...comptesParMois('nb_ei'),
    ...comptesParMois('nb_collectif'),
    contactMois: smallint('contact_mois'),
    jdiMois: smallint('jdi_mois'),
    emploiMois: smallint('emploi_mois'),
    emploiDurableMois: smallint('emploi_durable_mois'),
    alternanceMois: smallint('alternance_mois'),
    formationMois: smallint('formation_mois'),
    situationProfessionnelleMois: smallint('situation_professionnelle_mois'),
  },
  (t) => [primaryKey({ columns: [t.codeStructure, t.idJeune, t.annee] })],
);

/**
 * Organisation d'un utilisateur : une ML, l'UD d'un département, la DIRECCTE ou le Conseil régional
 * d'une région, la DGEFP. Le `code` (structure, département, région, « FR ») fait le périmètre.
 */
export const organisation = pgTable(
  'organisation',
  {
    id: serial('id').primaryKey(),
    type: text('type').notNull(),
    code: text('code').notNull(),
    nom: text('nom').notNull(),
    /** Le SIRET que ProConnect rend à la connexion d'un agent : rattache sa demande d'accès. */
    siret: text('siret'),
  },
  (t) => [uniqueIndex('organisation_type_code_idx').on(t.type, t.code), uniqueIndex('organisation_siret_idx').on(t.siret).where(sql`${t.siret} IS NOT NULL`)],
);

/** Un agent ou un salarié de ML : une organisation, un rôle. `demo` : proposé par la connexion de démonstration. */
export const utilisateur = pgTable('utilisateur', {
  id: serial('id').primaryKey(),
  courriel: text('courriel').notNull().unique(),
  nom: text('nom').notNull(),
  organisationId: integer('organisation_id')
    .notNull()
    .references(() => organisation.id),
  role: text('role').notNull(),
  demo: boolean('demo').notNull().default(false),
  /** Un compte désactivé ne se connecte plus ; le désactiver ferme ses sessions (déclencheur). */
  actif: boolean('actif').notNull().default(true),
  /** Null tant que l'invitation n'est pas acceptée : le compte ne se connecte pas encore. */
  accepteLe: timestamp('accepte_le', { withTimezone: true }).default(sql`now()`),
}, (t) => [uniqueIndex('utilisateur_courriel_minuscules_idx').on(sql`lower(${t.courriel})`)]);

/** Une invitation par courriel : le jeton du lien, à usage unique, n'est gardé que haché (SHA-256). */
export const invitation = pgTable('invitation', {
  id: serial('id').primaryKey(),
  utilisateurId: integer('utilisateur_id')
    .notNull()
    .references(() => utilisateur.id, { onDelete: 'cascade' }),
  jetonHache: text('jeton_hache').notNull().unique(),
  expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
  creeePar: text('creee_par').notNull(),
  creeeLe: timestamp('creee_le', { withTimezone: true }).notNull().default(sql`now()`),
  utiliseeLe: timestamp('utilisee_le', { withTimezone: true }),
});

/** Un agent connu de ProConnect, d'une organisation connue (par son SIRET), sans compte : sa demande attend un administrateur. */
export const demandeAcces = pgTable(
  'demande_acces',
  {
    id: serial('id').primaryKey(),
    courriel: text('courriel').notNull(),
    nom: text('nom').notNull(),
    siret: text('siret').notNull(),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisation.id),
    etat: text('etat').notNull().default('en_attente'),
    creeeLe: timestamp('creee_le', { withTimezone: true }).notNull().default(sql`now()`),
    traiteePar: text('traitee_par'),
    traiteeLe: timestamp('traitee_le', { withTimezone: true }),
    role: text('role'),
  },
  (t) => [
    uniqueIndex('demande_acces_en_attente_idx').on(sql`lower(${t.courriel})`).where(sql`${t.etat} = 'en_attente'`),
    check('demande_acces_etat_check', sql`${t.etat} IN ('en_attente', 'acceptee', 'refusee')`),
  ],
);

/**
 * Une session ouverte : le cookie chiffré n'en porte que l'identifiant. Fermée (ligne effacée) à la
 * déconnexion, et par déclencheur quand le compte est désactivé ou change de rôle, d'organisation ou
 * de courriel.
 */
export const sessionUtilisateur = pgTable(
  'session_utilisateur',
  {
    id: text('id').primaryKey(),
    utilisateurId: integer('utilisateur_id')
      .notNull()
      .references(() => utilisateur.id, { onDelete: 'cascade' }),
    ouverteLe: timestamp('ouverte_le', { withTimezone: true }).notNull().default(sql`now()`),
    expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
  },
  (t) => [index('session_utilisateur_utilisateur_idx').on(t.utilisateurId)],
);

/** La convention pluriannuelle d'objectifs d'une ML : numéro, période, signature, crédit annuel de référence. */
export const convention = pgTable('convention', {
  codeStructure: text('code_structure')
    .primaryKey()
    .references(refML),
  numero: text('numero').notNull().unique(),
  anneeDebut: integer('annee_debut').notNull(),
  anneeFin: integer('annee_fin').notNull(),
  dateSignature: jour('date_signature').notNull(),
  /** Crédit de fonctionnement annuel de l'État inscrit dans la CPO, en euros. */
  montantReference: integer('montant_reference').notNull(),
  creePar: text('cree_par').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().default(sql`now()`),
});

/** La campagne de dialogue de gestion d'une année dans une région : ses échéances et l'instantané N-1 figé. */
export const campagne = pgTable(
  'campagne',
  {
    id: serial('id').primaryKey(),
    codeRegion: text('code_region')
      .notNull()
      .references(() => region.code),
    annee: integer('annee').notNull(),
    instantaneId: integer('instantane_id')
      .notNull()
      .references(() => instantane.id),
    echeanceAutodiagnostic: jour('echeance_autodiagnostic').notNull(),
    echeanceEntretien: jour('echeance_entretien').notNull(),
    echeanceSignature: jour('echeance_signature').notNull(),
    ouvertePar: text('ouverte_par').notNull(),
    ouverteLe: timestamp('ouverte_le', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('campagne_region_annee_idx').on(t.codeRegion, t.annee)],
);

/**
 * Le dialogue de gestion d'une ML pour une année : son état et ce que chaque étape a apporté
 * (autodiagnostic, entretien, objectifs, décision). Une fois signé, il ne change plus : `definitif`,
 * posé par l'application quand le dialogue atteint l'état signé du cadre, est lu par le déclencheur.
 */
export const dialogue = pgTable(
  'dialogue',
  {
    id: serial('id').primaryKey(),
    campagneId: integer('campagne_id')
      .notNull()
      .references(() => campagne.id),
    codeStructure: text('code_structure')
      .notNull()
      .references(refML),
    annee: integer('annee').notNull(),
    etat: text('etat').notNull(),
    definitif: boolean('definitif').notNull().default(false),
    autodiagnostic: jsonb('autodiagnostic'),
    entretien: jsonb('entretien'),
    objectifs: jsonb('objectifs'),
    decision: jsonb('decision'),
    modifieLe: timestamp('modifie_le', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('dialogue_structure_annee_idx').on(t.codeStructure, t.annee)],
);

/** Chaque pas d'un dialogue : qui, quand, de quel état à quel état, pourquoi. Jamais modifié. */
export const dialogueEvenement = pgTable(
  'dialogue_evenement',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dialogueId: integer('dialogue_id')
      .notNull()
      .references(() => dialogue.id),
    action: text('action').notNull(),
    de: text('de'),
    vers: text('vers').notNull(),
    acteur: text('acteur').notNull(),
    role: text('role').notNull(),
    horodatage: timestamp('horodatage', { withTimezone: true }).notNull().default(sql`now()`),
    motif: text('motif'),
  },
  (t) => [index('dialogue_evenement_dialogue_idx').on(t.dialogueId)],
);

/**
 * L'avenant généré : les données figées qui l'ont produit, leur empreinte, le PDF et la sienne ; jamais
 * modifié. Puis sa version signée : chaque signature figée (écrite une fois), l'empreinte des deux
 * signatures et celle du PDF signé (déclencheur en base).
 */
export const avenant = pgTable('avenant', {
  dialogueId: integer('dialogue_id')
    .primaryKey()
    .references(() => dialogue.id),
  numero: integer('numero').notNull(),
  donnees: text('donnees').notNull(),
  empreinteDonnees: text('empreinte_donnees').notNull(),
  empreintePdf: text('empreinte_pdf').notNull(),
  genereLe: timestamp('genere_le', { withTimezone: true }).notNull().default(sql`now()`),
  generePar: text('genere_par').notNull(),
  signatureMl: text('signature_ml'),
  signatureEtat: text('signature_etat'),
  empreinteSignatures: text('empreinte_signatures'),
  empreintePdfSigne: text('empreinte_pdf_signe'),
});

/** Bilan intermédiaire d'un dialogue signé : les chiffres du moment contre les cibles, et un commentaire. */
export const bilanIntermediaire = pgTable('bilan_intermediaire', {
  id: serial('id').primaryKey(),
  dialogueId: integer('dialogue_id')
    .notNull()
    .references(() => dialogue.id),
  commentaire: text('commentaire').notNull(),
  chiffres: jsonb('chiffres').notNull(),
  creePar: text('cree_par').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * Un dépôt d'extrait par une ML (page de la ML ou machine avec un jeton) : qui, quand, taille, mode,
 * état et résultat. `rejets` : les lignes rejetées du mode tolérant, par fichier (CSV au format d'échange).
 * Un dépôt resté `en_cours` au démarrage a été coupé par un arrêt : marqué `echoue`.
 */
export const depot = pgTable(
  'depot',
  {
    id: serial('id').primaryKey(),
    codeStructure: text('code_structure')
      .notNull()
      .references(() => missionLocale.codeStructure),
    deposePar: text('depose_par').notNull(),
    deposeLe: timestamp('depose_le', { withTimezone: true }).notNull().default(sql`now()`),
    termineLe: timestamp('termine_le', { withTimezone: true }),
    taille: bigint('taille', { mode: 'number' }).notNull(),
    mode: text('mode').notNull(),
    etat: text('etat').notNull().default('en_cours'),
    lignes: integer('lignes'),
    erreurs: integer('erreurs'),
    rapport: jsonb('rapport'),
    rejets: jsonb('rejets'),
  },
  (t) => [index('depot_structure_idx').on(t.codeStructure, t.deposeLe)],
);

/** Un jeton de dépôt par machine : son empreinte SHA-256 seulement, pour une ML, jusqu'à son expiration ou sa révocation. */
export const jetonDepot = pgTable('jeton_depot', {
  id: serial('id').primaryKey(),
  codeStructure: text('code_structure')
    .notNull()
    .references(() => missionLocale.codeStructure),
  libelle: text('libelle').notNull(),
  empreinte: text('empreinte').notNull().unique(),
  creePar: text('cree_par').notNull(),
  creeLe: timestamp('cree_le', { withTimezone: true }).notNull().default(sql`now()`),
  expireLe: timestamp('expire_le', { withTimezone: true }).notNull(),
  revoqueLe: timestamp('revoque_le', { withTimezone: true }),
  derniereUtilisation: timestamp('derniere_utilisation', { withTimezone: true }),
});
