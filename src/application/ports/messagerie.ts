// Les courriels vus par l'application : un port, pour que les cas d'usage (invitations, réponses aux
// demandes d'accès) ne dépendent d'aucun serveur de courriel. L'infrastructure l'implémente
// (messagerie/journal.ts : un journal, pas d'envoi réel) ; la racine de composition le fournit.

export interface Courriel {
  a: string;
  objet: string;
  texte: string;
}

export interface Messagerie {
  /** Envoie après la transaction de l'acte : un acte refusé n'envoie rien. */
  envoyer(courriel: Courriel): Promise<void>;
}
