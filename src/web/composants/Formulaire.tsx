// Un formulaire qui envoie à l'API : bouton occupé pendant l'envoi, erreur française du serveur en
// alerte, succès annoncé ; le parent recharge ce qui a changé.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type ReactNode } from 'react';
import { ErreurApi } from '../outils/api.ts';

interface Props {
  titre?: string;
  children?: ReactNode;
  libelle: string;
  /** Envoie ; rend le message de succès. */
  envoyer: () => Promise<string | void>;
  priorite?: 'primary' | 'secondary';
  /** Autres boutons, à côté du principal. */
  autres?: { libelle: string; envoyer: () => Promise<string | void> }[];
}

export function Formulaire({ titre, children, libelle, envoyer, priorite = 'primary', autres = [] }: Props) {
  const [occupe, setOccupe] = useState(false);
  const [erreur, setErreur] = useState<string>();
  const [succes, setSucces] = useState<string>();
  const lancer = async (f: () => Promise<string | void>) => {
    setOccupe(true);
    setErreur(undefined);
    setSucces(undefined);
    try {
      setSucces((await f()) || undefined);
    } catch (e) {
      setErreur(e instanceof ErreurApi || e instanceof Error ? e.message : String(e));
    } finally {
      setOccupe(false);
    }
  };
  return (
    <form
      className="fr-mb-4w"
      onSubmit={(e) => {
        e.preventDefault();
        void lancer(envoyer);
      }}
    >
      {titre && <h3 className="fr-h5">{titre}</h3>}
      {children}
      {erreur && <Alert severity="error" small description={erreur} className="fr-mb-2w" role="alert" />}
      {succes && <Alert severity="success" small description={succes} className="fr-mb-2w" />}
      <div className="fr-btns-group fr-btns-group--inline-md">
        <Button type="submit" priority={priorite} disabled={occupe}>
          {libelle}
        </Button>
        {autres.map((a) => (
          <Button key={a.libelle} type="button" priority="secondary" disabled={occupe} onClick={() => void lancer(a.envoyer)}>
            {a.libelle}
          </Button>
        ))}
      </div>
    </form>
  );
}
