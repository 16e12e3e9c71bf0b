// La session de l'utilisateur dans l'application : son profil, ses droits, le catalogue en vigueur.
import { createContext, useContext } from 'react';
import type { Action, Catalogue, Moi } from './types.ts';

export interface Session extends Moi {
  catalogue: Catalogue;
  peut: (action: Action) => boolean;
  /** Ferme cette session ; `partout` : toutes les sessions de l'utilisateur. */
  deconnecter: (partout?: boolean) => Promise<void>;
}

export const ContexteSession = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(ContexteSession);
  if (!session) throw new Error('useSession hors de ContexteSession');
  return session;
}
