// Appels à l'API : mêmes cookies de session, erreurs en français. Le client décide sur le code de
// l'erreur (`{ code, message }`), jamais sur son texte : `non_connecte` ramène à la connexion.
import { useEffect, useState } from 'react';
import type { CodeErreur } from '../../domaine/erreurs.ts';

export class ErreurApi extends Error {
  constructor(
    readonly statut: number,
    /** Le code de l'erreur rendu par le serveur ; `injoignable` : pas de réponse. */
    readonly code: CodeErreur | 'injoignable',
    message: string,
    /** Le corps entier de la réponse, quand il en dit plus que le message (le rapport d'un fichier refusé). */
    readonly corps?: unknown,
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

/** `corps` : envoyé en JSON ; `zip` : une archive envoyée telle quelle (dépôt d'un extrait). */
export async function appeler<T>(url: string, options: { methode?: string; corps?: unknown; zip?: Blob } = {}, nouvelEssai = true): Promise<T> {
  const methode = options.methode ?? 'GET';
  let reponse: Response;
  try {
    const entetes: Record<string, string> = options.zip ? { 'content-type': 'application/zip' } : options.corps === undefined ? {} : { 'content-type': 'application/json' };
    if (methode !== 'GET') entetes['x-csrf-token'] = await jetonCsrf();
    const corps = options.zip ?? (options.corps === undefined ? undefined : JSON.stringify(options.corps));
    reponse = await fetch(url, { method: methode, credentials: 'same-origin', headers: entetes, body: corps });
  } catch {
    throw new ErreurApi(0, 'injoignable', 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.');
  }
  if (methode !== 'GET' && (url.startsWith('/api/connexion') || url.startsWith('/api/deconnexion'))) jeton = null;
  if (reponse.status === 204) return undefined as T;
  const corps = await reponse.json().catch(() => ({}));
  if (!reponse.ok) {
    const erreur = new ErreurApi(reponse.status, corps.code ?? 'interne', corps.message ?? `Erreur ${reponse.status}`, corps);
    // Jeton périmé (session renouvelée ailleurs) : le redemander, et réessayer une fois.
    if (erreur.code === 'jeton_csrf' && nouvelEssai) {
      jeton = null;
      return appeler(url, options, false);
    }
    if (erreur.code === 'non_connecte') surDeconnexion.forEach((f) => f());
    throw erreur;
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
      (erreur) => actif && setEtat({ url, erreur: erreur instanceof ErreurApi ? erreur : new ErreurApi(0, 'interne', String(erreur)) }),
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
