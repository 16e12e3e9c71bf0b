/**
 * Ce qui ne va pas, en un mot que le client lit pour décider (le message, lui, se montre tel quel).
 * Peu de codes : chacun dit ce que l'utilisateur peut y faire.
 */
export const CODES_ERREUR = [
  /** La saisie ou la requête est fausse : la corriger. */
  'saisie_invalide',
  /** Pas de session, ou elle a expiré : se connecter. */
  'non_connecte',
  /** Le rôle ne permet pas cette action. */
  'droit_insuffisant',
  /** L'objet existe mais sort de la portée de l'utilisateur. */
  'hors_perimetre',
  /** Le jeton anti-CSRF manque ou est périmé : le redemander, puis recommencer. */
  'jeton_csrf',
  /** L'objet demandé n'existe pas. */
  'introuvable',
  /** L'objet existe, mais son état ne permet pas ce pas (dialogue déjà soumis, campagne déjà ouverte). */
  'etat_incompatible',
  /** Trop de tentatives : attendre. */
  'trop_de_tentatives',
  /** Une donnée ne correspond plus à son empreinte : la base a été altérée. */
  'integrite',
  /** Une erreur imprévue du serveur. */
  'interne',
] as const;
export type CodeErreur = (typeof CODES_ERREUR)[number];

/** Une erreur due à l'entrée ou à l'action demandée, au message en français prêt à montrer, et son code. */
export class ErreurMetier extends Error {
  constructor(
    message: string,
    readonly code: CodeErreur = 'saisie_invalide',
  ) {
    super(message);
  }
}

/** Ce qu'on cherche n'existe pas : 404 `introuvable`. */
export function introuvable(message: string): never {
  throw new ErreurMetier(message, 'introuvable');
}
