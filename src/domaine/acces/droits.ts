// Qui peut faire quoi, et sur quel périmètre. Une seule table des droits (rôle × action), lue par le
// serveur pour autoriser chaque route et par les écrans pour n'offrir que ce qui est permis ; le
// périmètre (une ML, un département, une région, la nation) filtre ensuite chaque donnée.
import { ErreurMetier, type CodeErreur } from '../erreurs.ts';

export const TYPES_ORGANISATION = {
  ml: 'Mission locale',
  ud: 'Unité départementale (UD)',
  direccte: 'DIRECCTE',
  conseil_regional: 'Conseil régional',
  dgefp: 'DGEFP',
} as const;
export type TypeOrganisation = keyof typeof TYPES_ORGANISATION;

/** Chaque rôle appartient à un type d'organisation (cadre CPO §1). */
export const ROLES = {
  conseiller: { libelle: 'Conseiller(ère)', organisation: 'ml' },
  direction_ml: { libelle: 'Direction / présidence de ML', organisation: 'ml' },
  agent_ud: { libelle: "Agent d'unité départementale", organisation: 'ud' },
  agent_direccte: { libelle: 'Agent DIRECCTE', organisation: 'direccte' },
  agent_region: { libelle: 'Chargé(e) de mission du Conseil régional', organisation: 'conseil_regional' },
  agent_dgefp: { libelle: 'Agent DGEFP', organisation: 'dgefp' },
} as const satisfies Record<string, { libelle: string; organisation: TypeOrganisation }>;
export type Role = keyof typeof ROLES;

export type Portee =
  | { niveau: 'structure'; code: string; code_departement: string; code_region: string }
  | { niveau: 'departement'; code: string; code_region: string }
  | { niveau: 'region'; code: string }
  | { niveau: 'national' };

export interface Utilisateur {
  id: number;
  nom: string;
  courriel: string;
  role: Role;
  organisation: { type: TypeOrganisation; code: string; nom: string };
  portee: Portee;
}

const TOUS = Object.keys(ROLES) as Role[];
const ML: Role[] = ['conseiller', 'direction_ml'];
const ETAT_ET_REGION: Role[] = ['agent_ud', 'agent_direccte', 'agent_region', 'agent_dgefp'];

/** La table des droits. Une action absente d'ici n'existe pas : toute route en nomme une. */
export const DROITS = {
  lire_profil: TOUS,
  lire_catalogue: TOUS,
  lire_structures: TOUS,
  lire_chiffres_structure: TOUS,
  lire_chiffres_territoire: ETAT_ET_REGION,
  lire_jeunes: ML,
  /** Premier accueil, diagnostic, contrat, phases, événements, situations, aides, sortie : dans sa ML. */
  saisir_parcours: ML,
  /** Les nombres pour tous ; les identifiants des jeunes à corriger pour les seuls utilisateurs de la ML. */
  lire_qualite: TOUS,
  lire_instantanes: ['agent_direccte', 'agent_region', 'agent_dgefp'],
  figer_instantane: ['agent_direccte', 'agent_dgefp'],
  lire_conventions: TOUS,
  gerer_conventions: ['agent_direccte'],
  lire_campagnes: ['agent_ud', 'agent_direccte', 'agent_region', 'agent_dgefp'],
  ouvrir_campagne: ['agent_direccte'],
  lire_dialogues: ['direction_ml', 'agent_ud', 'agent_direccte', 'agent_region', 'agent_dgefp'],
  /** Le pas précis (soumettre, renvoyer, décider, signer…) est ensuite réglé par la table des transitions. */
  agir_dialogue: ['direction_ml', 'agent_ud', 'agent_direccte'],
  telecharger_avenant: ['direction_ml', 'agent_ud', 'agent_direccte', 'agent_dgefp'],
  saisir_bilan: ['direction_ml', 'agent_ud', 'agent_direccte'],
  lire_audit: ['direction_ml', 'agent_dgefp'],
  fermer_sessions: TOUS,
  /** Déposer l'extrait de sa ML (page de la ML, ou machine avec un jeton de cette ML). */
  deposer_extrait: ['direction_ml'],
  /** Les rapports des dépôts citent les valeurs des fichiers (identifiants de jeunes) : la ML seule. */
  lire_depots: ['direction_ml'],
  gerer_jetons: ['direction_ml'],
  /** Le suivi des dépôts, sans leurs valeurs : dates, résultats, lignes et erreurs comptées. */
  suivre_depots: ['agent_ud', 'agent_direccte', 'agent_dgefp'],
  /** Inviter, changer le rôle, désactiver, traiter les demandes ProConnect ; la règle des habilitations borne ensuite qui et quoi. */
  gerer_comptes: ['direction_ml', 'agent_direccte', 'agent_dgefp'],
  gerer_organisations: ['agent_direccte', 'agent_dgefp'],
  /** Les moyens de l'année (ETP, lieux, financements) : la direction, pour sa ML. */
  declarer_moyens: ['direction_ml'],
  /** Le contexte du territoire (INSEE, chômage) : la DIRECCTE pour les ML de sa région, la DGEFP pour toutes. */
  declarer_contexte: ['agent_direccte', 'agent_dgefp'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof DROITS;

/** Ce que chaque action permet, pour dire clairement ce qui est refusé. */
export const LIBELLES_ACTION: Record<Action, string> = {
  lire_profil: 'consulter son profil',
  lire_catalogue: 'consulter le catalogue des indicateurs',
  lire_structures: 'consulter la liste des Missions locales',
  lire_chiffres_structure: "consulter les chiffres d'une Mission locale",
  lire_chiffres_territoire: "consulter les chiffres d'un territoire et de ses Missions locales",
  lire_jeunes: 'consulter les dossiers nominatifs des jeunes',
  saisir_parcours: 'saisir le parcours des jeunes',
  lire_qualite: 'consulter la qualité des données',
  lire_instantanes: 'consulter les instantanés figés',
  figer_instantane: 'figer un instantané',
  lire_conventions: 'consulter les conventions',
  gerer_conventions: 'enregistrer une convention',
  lire_campagnes: 'consulter les campagnes de dialogue de gestion',
  ouvrir_campagne: 'ouvrir une campagne de dialogue de gestion',
  lire_dialogues: 'consulter un dialogue de gestion',
  agir_dialogue: 'faire avancer un dialogue de gestion',
  telecharger_avenant: 'télécharger un avenant',
  saisir_bilan: 'saisir un bilan intermédiaire',
  lire_audit: "consulter le journal d'audit",
  fermer_sessions: 'fermer ses sessions',
  deposer_extrait: "déposer l'extrait d'une Mission locale",
  lire_depots: "consulter les dépôts d'une Mission locale",
  gerer_jetons: "gérer les jetons de dépôt d'une Mission locale",
  suivre_depots: 'suivre les dépôts des Missions locales',
  gerer_comptes: 'gérer les comptes et les habilitations',
  gerer_organisations: 'créer des organisations',
  declarer_moyens: "déclarer les moyens d'une Mission locale",
  declarer_contexte: "déclarer le contexte du territoire d'une Mission locale",
};

/**
 * Les actions qui rendent des données nominatives (identité ou identifiants de jeunes, ce qu'on a
 * cherché) : leurs réponses ne se gardent nulle part et leur session est revérifiée à chaque requête.
 */
export const ACTIONS_NOMINATIVES: readonly Action[] = ['lire_jeunes', 'lire_audit', 'lire_depots', 'lire_qualite'];

/** Les actions de sa propre ML (dépôts, jetons) : réservées à ses utilisateurs. */
export function agitPourSaStructure(utilisateur: Utilisateur, codeStructure: string): boolean {
  return utilisateur.portee.niveau === 'structure' && utilisateur.portee.code === codeStructure;
}

/** Un refus d'accès : connexion, jeton anti-CSRF, rôle ou périmètre. */
export class ErreurAcces extends ErreurMetier {
  constructor(message: string, code: Extract<CodeErreur, 'non_connecte' | 'jeton_csrf' | 'droit_insuffisant' | 'hors_perimetre'> = 'droit_insuffisant') {
    super(message, code);
  }
}

export function peut(utilisateur: Pick<Utilisateur, 'role'>, action: Action): boolean {
  return (DROITS[action] as readonly Role[]).includes(utilisateur.role);
}

export interface Situee {
  code: string;
  code_departement: string;
  code_region: string;
}

/** Le périmètre `p` contient-il tout le périmètre `q` ? */
export function contient(p: Portee, q: Portee): boolean {
  switch (p.niveau) {
    case 'national':
      return true;
    case 'region':
      return q.niveau === 'region' ? q.code === p.code : q.niveau !== 'national' && q.code_region === p.code;
    case 'departement':
      return (q.niveau === 'departement' && q.code === p.code) || (q.niveau === 'structure' && q.code_departement === p.code);
    case 'structure':
      return q.niveau === 'structure' && q.code === p.code;
  }
}

/** La portée voit-elle cette ML ? */
export const couvreStructure = (portee: Portee, ml: Situee): boolean => contient(portee, { niveau: 'structure', ...ml });

/** La portée voit-elle ce territoire et la liste de ses ML ? (`code_region` : la région d'un département.) */
export function couvreTerritoire(
  portee: Portee,
  territoire: { niveau: 'departement'; code: string; code_region: string } | { niveau: 'region'; code: string } | { niveau: 'national' },
): boolean {
  if (portee.niveau === 'national') return true;
  if (portee.niveau === 'structure' || territoire.niveau === 'national') return false;
  if (portee.niveau === 'departement') return territoire.niveau === 'departement' && territoire.code === portee.code;
  return (territoire.niveau === 'region' ? territoire.code : territoire.code_region) === portee.code;
}

/** Les données nominatives d'une ML ne se lisent que dans cette ML. */
export function voitNominatif(utilisateur: Utilisateur, codeStructure: string): boolean {
  return peut(utilisateur, 'lire_jeunes') && agitPourSaStructure(utilisateur, codeStructure);
}

/** Lève un refus hors périmètre si la condition est fausse ; le message dit ce qui est refusé. */
export function exiger(condition: boolean, refus: string): asserts condition {
  if (!condition) throw new ErreurAcces(refus, 'hors_perimetre');
}

/** La page d'accueil d'un utilisateur : son tableau de bord, au niveau de sa portée. */
export function accueil(portee: Portee): string {
  switch (portee.niveau) {
    case 'structure':
      return `/structures/${portee.code}`;
    case 'departement':
      return `/departements/${portee.code}`;
    case 'region':
      return `/regions/${portee.code}`;
    case 'national':
      return '/national';
  }
}
