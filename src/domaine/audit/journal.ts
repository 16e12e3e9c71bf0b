// Le journal d'audit en français : le libellé de chaque action, et le changement qu'une ligne garde
// (`details`, en JSON) dit en une phrase (« état : Ouvert → Autodiagnostic soumis ; motif : … »).
import { formaterValeur } from '../indicateurs/format.ts';
import { dateEnFrancais, estDateValide } from '../temps/dates.ts';

/** Chaque action inscrite au journal, telle qu'on la lit. */
export const LIBELLES_ACTION_AUDIT: Record<string, string> = {
  connexion_demo: 'Connexion de démonstration',
  connexion_oidc: 'Connexion par ProConnect',
  connexion_refusee: 'Connexion refusée',
  deconnexion: 'Déconnexion',
  deconnexion_partout: 'Déconnexion de toutes les sessions',
  acces_refuse: 'Accès refusé',
  requete_refusee: 'Requête refusée',
  lire_jeunes: 'Lecture de la liste des jeunes',
  lire_fiche_jeune: "Lecture du dossier d'un jeune",
  saisir_parcours: "Saisie dans le parcours d'un jeune",
  saisie_refusee: "Saisie dans le parcours d'un jeune refusée",
  lire_audit: "Recherche dans le journal d'audit",
  lire_qualite_jeunes: 'Lecture des jeunes à corriger (qualité des données)',
  exporter_jeunes: 'Export de la liste des jeunes',
  import_extrait: "Import d'un extrait",
  import_refuse: "Import d'un extrait refusé",
  import_echoue: "Import d'un extrait en échec",
  export_extrait: "Export d'un extrait sans identité",
  export_extrait_nominatif: "Export d'un extrait nominatif",
  retention: 'Effacement des identités (durée de conservation)',
  retention_simulee: "Simulation de l'effacement des identités",
  figer_instantane: 'Instantané des chiffres figé',
  enregistrer_convention: 'Convention enregistrée',
  creer_conventions_demo: 'Conventions de la démonstration créées',
  integrite_anomalie: "Anomalie d'intégrité trouvée au démarrage",
  importer_conventions: 'Import de conventions',
  ouvrir_campagne: 'Ouverture de la campagne du dialogue de gestion',
  enregistrer_autodiagnostic: "Brouillon de l'autodiagnostic enregistré",
  dialogue_soumettre_autodiagnostic: 'Dialogue de gestion : autodiagnostic soumis',
  dialogue_renvoyer: 'Dialogue de gestion : renvoyé à la Mission locale',
  dialogue_enregistrer_entretien: 'Dialogue de gestion : entretien enregistré',
  dialogue_arreter_objectifs: 'Dialogue de gestion : objectifs arrêtés',
  dialogue_decider_financement: 'Dialogue de gestion : décision financière',
  dialogue_generer_avenant: 'Dialogue de gestion : avenant généré',
  dialogue_signer_ml: 'Dialogue de gestion : avenant signé par la Mission locale',
  dialogue_signer_etat: "Dialogue de gestion : avenant signé par l'État",
  bilan_intermediaire: 'Bilan intermédiaire enregistré',
  depot_recu: "Dépôt d'un extrait reçu",
  depot_interrompu: "Dépôt d'un extrait interrompu par un arrêt du serveur",
  creer_jeton_depot: 'Jeton de dépôt créé',
  revoquer_jeton_depot: 'Jeton de dépôt révoqué',
  jeton_utilise: 'Jeton de dépôt utilisé',
  lire_depot: "Lecture du rapport d'un dépôt",
  connexion_invitation: "Connexion par un lien d'invitation",
  creer_administrateur: 'Compte DGEFP créé par la ligne de commande',
  inviter_compte: 'Invitation envoyée',
  renvoyer_invitation: 'Invitation renvoyée',
  invitation_acceptee: 'Invitation acceptée',
  changer_role: "Rôle d'un compte changé",
  desactiver_compte: 'Compte désactivé',
  reactiver_compte: 'Compte réactivé',
  creer_organisation: 'Organisation créée',
  demande_acces: "Demande d'accès par ProConnect",
  accepter_demande_acces: "Demande d'accès acceptée",
  refuser_demande_acces: "Demande d'accès refusée",
  declarer_moyens: 'Moyens déclarés',
  declarer_contexte: 'Contexte déclaré',
  declaration_refusee: 'Déclaration refusée',
  televerser_declarations: 'Données déclarées téléversées (fichier)',
  televersement_refuse: 'Téléversement de données déclarées refusé',
};

/** Une action inconnue de la table (plus récente que ce code) reste lisible : ses mots, sans tirets bas. */
export const libelleActionAudit = (action: string) => LIBELLES_ACTION_AUDIT[action] ?? action.replace(/_/g, ' ');

/** Les acteurs qui ne sont pas des utilisateurs. */
const ACTEURS_TECHNIQUES: Record<string, string> = { cli: 'Ligne de commande (cpo)', demo: 'Chargement de la démonstration', anonyme: 'Personne non connectée' };

/** Qui a agi, tel qu'on le lit : le nom de l'utilisateur, sinon ce que le journal a retenu. */
export const nomActeur = (acteur: string, nom: string | null) =>
  nom ?? ACTEURS_TECHNIQUES[acteur] ?? (acteur.startsWith('cli:') ? `Ligne de commande (cpo), par ${acteur.slice(4)}` : acteur);

/** Les champs de `details`, en français. */
const CHAMPS: Record<string, string> = {
  motif: 'motif',
  recherche: 'recherche',
  page: 'page',
  lus: 'jeunes lus',
  trouve: 'dossier trouvé',
  annee: 'année',
  annees: 'durée de conservation (ans)',
  region: 'région',
  structure: 'Mission locale',
  code_structure: 'Mission locale',
  empreinte: 'empreinte',
  instantane: 'instantané',
  dialogues: 'dialogues',
  conventions: 'conventions',
  numero: 'numéro',
  annee_debut: 'de',
  annee_fin: 'à',
  date_signature: 'signée le',
  montant_reference: 'montant de référence',
  mode: 'mode',
  statut: 'statut',
  fichiers: 'fichiers',
  erreurs: 'erreurs',
  date: 'date',
  limite: 'dernière activité avant le',
  anonymises: 'identités effacées',
  parStructure: 'Missions locales',
  export: 'export',
  acteur: 'acteur',
  action: 'action',
  depuis: 'du',
  jusqua: 'au',
  echeanceAutodiagnostic: 'autodiagnostics le',
  echeanceEntretien: 'entretiens le',
  echeanceSignature: 'signatures le',
  entretien: 'entretien',
  participants: 'participants',
  regionPresente: 'Région présente',
  compteRendu: 'compte rendu',
  objectifs: 'objectifs',
  cibles: 'cibles',
  plan: "actions du plan",
  qualitatifs: 'objectifs qualitatifs',
  decision: 'décision',
  montants: 'montants',
  justification: 'justification',
  enveloppe: 'enveloppe',
  reference: 'référence',
  decide: 'décidé',
  ecart: 'écart',
  variation: 'variation',
  depasse: 'au-delà de 10 %',
  courriel: 'courriel',
  role: 'rôle',
  role_avant: 'rôle avant',
  organisation: 'organisation',
  expire_le: "valable jusqu'au",
  siret: 'SIRET',
  type: 'type',
  code: 'code',
  nature: 'données',
  changements: 'champs changés',
  lignes: 'lignes',
  lignes_changees: 'lignes changées',
  structures: 'Missions locales',
};
/** Les valeurs codées de `details`, en français. */
const VALEURS: Record<string, string> = { importe: 'importé', refuse: 'refusé', importe_avec_rejets: 'importé avec des rejets', tolerant: 'tolérant' };
/** Les nombres qui sont des années ou des numéros : écrits tels quels (2017, pas 2 017). */
const NUMEROS = new Set(['annee', 'annees', 'annee_debut', 'annee_fin', 'page', 'instantane']);
const EUROS = new Set(['montant_reference', 'reference', 'decide', 'ecart']);
const TEXTE_MAX = 120;
const NOMBRE = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const nombre = (v: number) => NOMBRE.format(v).replace(/\u202f/g, '\u00a0');

/** Les libellés venus des données : états du dialogue, lignes de financement du cadre en vigueur. */
export interface LibellesCadre {
  etats?: Record<string, string>;
  champs?: Record<string, string>;
}

function valeurLisible(v: unknown, cle: string, parent: string | null, profondeur: number, cadre: LibellesCadre): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') {
    if (NUMEROS.has(cle)) return String(v);
    if (EUROS.has(cle) || parent === 'montants') return formaterValeur(v, 'euros');
    if (cle === 'variation') return formaterValeur(v, 'evolution');
    return nombre(v);
  }
  if (typeof v === 'string') {
    if (estDateValide(v)) return dateEnFrancais(v);
    if (/^[0-9a-f]{64}$/.test(v)) return `${v.slice(0, 12)}…`;
    if ((cle === 'statut' || cle === 'mode') && VALEURS[v]) return VALEURS[v];
    return v.length > TEXTE_MAX ? `${v.slice(0, TEXTE_MAX)}…` : v;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return 'aucun';
    if (v.length <= 5 && v.every((x) => typeof x !== 'object' || x === null)) return v.map((x) => valeurLisible(x, cle, parent, profondeur, cadre)).join(', ');
    return nombre(v.length);
  }
  const entrees = Object.entries(v as Record<string, unknown>);
  if (profondeur >= 2 || entrees.length > 8) return nombre(entrees.length);
  return `(${phrases(v as Record<string, unknown>, cle, profondeur + 1, cadre).join(' ; ')})`;
}

function phrases(details: Record<string, unknown>, parent: string | null, profondeur: number, cadre: LibellesCadre): string[] {
  const morceaux: string[] = [];
  const libelleChamp = (cle: string) => CHAMPS[cle] ?? cadre.champs?.[cle] ?? cle.replace(/_/g, ' ');
  // Un changement d'état : « état : avant → après », avec les libellés du cadre du dialogue.
  if (typeof details.de === 'string' || typeof details.vers === 'string') {
    const etat = (e: unknown) => (typeof e === 'string' ? (cadre.etats?.[e] ?? e) : '—');
    morceaux.push(`état : ${etat(details.de)} → ${etat(details.vers)}`);
  }
  for (const [cle, v] of Object.entries(details)) {
    if (cle === 'de' || cle === 'vers') continue;
    morceaux.push(`${libelleChamp(cle)} : ${valeurLisible(v, cle, parent, profondeur, cadre)}`);
  }
  return morceaux;
}

/** Le changement d'une ligne du journal en une phrase, avec les libellés du cadre du dialogue en vigueur. */
export function resumerDetails(details: unknown, cadre: LibellesCadre = {}): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return valeurLisible(details, '', null, 0, cadre);
  return phrases(details as Record<string, unknown>, null, 0, cadre).join(' ; ');
}
