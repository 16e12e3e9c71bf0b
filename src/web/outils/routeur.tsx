// Un routeur minimal sur l'historique du navigateur : l'adresse est l'état de la page (année,
// mesure choisie…), donc chaque vue se partage par lien. Le composant Lien sert aussi au DSFR.
import { forwardRef, useSyncExternalStore, type AnchorHTMLAttributes } from 'react';

const abonnes = new Set<() => void>();
const prevenir = () => abonnes.forEach((f) => f());
if (typeof window !== 'undefined') window.addEventListener('popstate', prevenir);

export function naviguer(adresse: string, options: { remplacer?: boolean } = {}) {
  if (options.remplacer) history.replaceState(null, '', adresse);
  else history.pushState(null, '', adresse);
  prevenir();
  if (!options.remplacer) window.scrollTo(0, 0);
}

function sAbonner(f: () => void) {
  abonnes.add(f);
  return () => abonnes.delete(f);
}

/** L'adresse courante : chemin et paramètres. */
export function useAdresse(): { chemin: string; parametres: URLSearchParams } {
  const href = useSyncExternalStore(sAbonner, () => location.pathname + location.search);
  const url = new URL(href, 'http://x');
  return { chemin: url.pathname, parametres: url.searchParams };
}

/** Change un paramètre de l'adresse sans nouvelle entrée d'historique. */
export function changerParametre(nom: string, valeur: string | null) {
  changerParametres({ [nom]: valeur });
}

/** Change plusieurs paramètres de l'adresse d'un coup (null : le retirer). */
export function changerParametres(valeurs: Record<string, string | null>) {
  const url = new URL(location.href);
  for (const [nom, valeur] of Object.entries(valeurs)) {
    if (valeur === null) url.searchParams.delete(nom);
    else url.searchParams.set(nom, valeur);
  }
  naviguer(url.pathname + url.search, { remplacer: true });
}

export const Lien = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement>>(function Lien({ href, onClick, ...props }, ref) {
  return (
    <a
      ref={ref}
      href={href}
      onClick={(e) => {
        onClick?.(e);
        const interne = href?.startsWith('/') && !href.startsWith('/api');
        if (!e.defaultPrevented && interne && e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !props.target && !props.download) {
          e.preventDefault();
          naviguer(href!);
        }
      }}
      {...props}
    />
  );
});
