// Le lien d'une invitation reçue par courriel : le jeton est dans le fragment de l'adresse (#…), que le
// navigateur n'envoie jamais au serveur ni dans un en-tête Referer ; la page le poste une fois.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { MessageErreur } from '../composants/Etats.tsx';
import { appeler } from '../outils/api.ts';

export function Invitation() {
  const jeton = typeof location === 'undefined' ? '' : location.hash.slice(1);
  const [erreur, setErreur] = useState<string>();
  const [occupe, setOccupe] = useState(false);
  document.title = 'Invitation — CPO Missions locales';
  const accepter = async () => {
    setOccupe(true);
    setErreur(undefined);
    try {
      const { redirection } = await appeler<{ redirection: string }>('/api/invitations/acceptation', { methode: 'POST', corps: { jeton } });
      window.location.assign(redirection);
    } catch (e) {
      setErreur((e as Error).message);
      setOccupe(false);
    }
  };
  return (
    <>
      <h1>Invitation à CPO Missions locales</h1>
      {!jeton ? (
        <MessageErreur titre="Lien incomplet" message="Ce lien ne porte pas de jeton d'invitation : ouvrez le lien reçu par courriel en entier." />
      ) : (
        <>
          <p className="fr-text--lead">Vous avez été invité(e) à rejoindre CPO Missions locales. Le lien ne sert qu'une fois.</p>
          {erreur && <Alert severity="error" title="Invitation refusée" description={erreur} className="fr-mb-3w" role="alert" />}
          <Button onClick={() => void accepter()} disabled={occupe} iconId="fr-icon-check-line">
            Accepter l'invitation
          </Button>
        </>
      )}
    </>
  );
}
