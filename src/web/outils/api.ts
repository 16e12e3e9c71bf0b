// Appels à l'API : mêmes cookies de session, erreurs en français. Une réponse 401 ramène à la connexion.
import { useEffect, useState } from 'react';

export class ErreurApi extends Error {
  constructor(
    readonly statut: number,
    message: string,
  ) {
    super(message);
  }
}

const surDeconnexion = new Set<() => void>();
export const quandDeconnecte = (f: () => void) => {
  surDeconnexion.add(f);
  return () => void surDeconnexion.delete(f);
};

// Le jeton anti-CSRF de la session, demandé une fois, oublié quand la session change (connexion, déconnexion).
let jeton: Promise<string> | null = null;
const jetonCsrf = () => (jeton ??= fetch('/api/csrf', { credentials: 'same-origin' }).then((r) => r.json().then((j: { jeton: string }) => j.jeton)));

export async function appeler<T>(url: string, options: { methode?: string; corps?: unknown } = {}, nouvelEssai = true): Promise<T> {
  const methode = options.methode ?? 'GET';
  let reponse: Response;
  try {
    const entetes: Record<string, string> = options.corps === undefined ? {} : { 'content-type': 'application/json' };
    if (methode !== 'GET') entetes['x-csrf-token'] = await jetonCsrf();
    reponse = await fetch(url, { method: methode, credentials: 'same-origin', headers: entetes, body: options.corps === undefined ? undefined : JSON.stringify(options.corps) });
  } catch {
    throw new ErreurApi(0, 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (methode !== 'GET' && (url.startsWith('/api/connexion') || url.startsWith('/api/deconnexion'))) jeton = null;
  if (reponse.status === 403 && methode !== 'GET' && nouvelEssai) {
    const corps = await reponse.clone().json().catch(() => ({}));
    if (String(corps.message).startsWith('Jeton anti-CSRF')) {
      jeton = null;
      return appeler(url, options, false);
    }
  }
  if (reponse.status === 204) return undefined as T;
  const corps = await reponse.json().catch(() => ({}));
  if (!reponse.ok) {
    if (reponse.status === 401) surDeconnexion.forEach((f) => f());
    throw new ErreurApi(reponse.status, corps.message ?? `Erreur ${reponse.status}`);
  }
  return corps as T;
}

const cache = new Map<string, Promise<unknown>>();

/** Lit une adresse de l'API ; `garder` : garder la réponse pour toute la session (catalogue…). */
export function useApi<T>(
  url: string | null,
  options: { garder?: boolean } = {},
): { donnees?: T; erreur?: ErreurApi; chargement: boolean; recharger: () => void } {
  const [etat, setEtat] = useState<{ url: string | null; donnees?: T; erreur?: ErreurApi }>({ url: null });
  const [tour, setTour] = useState(0);
  useEffect(() => {
    if (!url) return;
    let actif = true;
    let promesse = options.garder ? (cache.get(url) as Promise<T> | undefined) : undefined;
    if (!promesse) {
      promesse = appeler<T>(url);
      if (options.garder) {
        cache.set(url, promesse);
        promesse.catch(() => cache.delete(url));
      }
    }
    promesse.then(
      (donnees) => actif && setEtat({ url, donnees }),
      (erreur) => actif && setEtat({ url, erreur: erreur instanceof ErreurApi ? erreur : new ErreurApi(0, String(erreur)) }),
    );
    return () => {
      actif = false;
    };
  }, [url, tour]);
  const aJour = etat.url === url;
  // Recharger garde l'affichage en place jusqu'à la nouvelle réponse.
  return { donnees: aJour ? etat.donnees : undefined, erreur: aJour ? etat.erreur : undefined, chargement: !!url && !aJour, recharger: () => setTour((t) => t + 1) };
}

export const viderCache = () => cache.clear();
