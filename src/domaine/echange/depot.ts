// Les états d'un dépôt d'extrait, et leurs libellés (écrans, exports du suivi).

/** `echoue` : coupé par une panne ou un arrêt du serveur ; son import, en une transaction, n'a rien écrit. */
export type EtatDepot = 'en_cours' | 'accepte' | 'refuse' | 'echoue';

export const LIBELLES_ETAT_DEPOT: Record<EtatDepot, string> = { en_cours: 'En cours', accepte: 'Accepté', refuse: 'Refusé', echoue: 'En échec' };
