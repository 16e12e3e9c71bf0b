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

const REFUS = new Set<ErreurApi['code']>(['droit_insuffisant', 'hors_perimetre', 'jeton_csrf']);

/** Erreur d'un appel : un refus se dit comme tel. */
export function ErreurAppel({ erreur }: { erreur: ErreurApi }) {
  const titre = REFUS.has(erreur.code) ? 'Accès refusé' : erreur.code === 'introuvable' ? 'Introuvable' : 'Les données ne peuvent pas être affichées';
  return <MessageErreur titre={titre} message={erreur.message} />;
}
