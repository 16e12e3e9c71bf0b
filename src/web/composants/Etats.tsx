// Les états d'une page : chargement annoncé aux lecteurs d'écran, erreur en français.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { ErreurApi } from '../outils/api.ts';

export function Chargement({ texte = 'Chargement des chiffres…' }: { texte?: string }) {
  return (
    <p role="status" aria-live="polite" className="fr-text--lg cpo-chargement">
      {texte}
    </p>
  );
}

export function MessageErreur({ titre, message }: { titre: string; message: string }) {
  return <Alert severity="error" title={titre} description={message} className="fr-mb-3w" />;
}

/** Erreur d'un appel : un refus (403) se dit comme tel. */
export function ErreurAppel({ erreur }: { erreur: ErreurApi }) {
  const titre = erreur.statut === 403 ? 'Accès refusé' : erreur.statut === 404 ? 'Introuvable' : 'Les données ne peuvent pas être affichées';
  return <MessageErreur titre={titre} message={erreur.message} />;
}
