// Un formulaire qui envoie à l'API : les champs sont contrôlés avant l'envoi, avec le message DSFR
// sous chaque champ fautif (pas la bulle du navigateur : `noValidate`) et le focus sur le premier ;
// bouton occupé pendant l'envoi, erreur française du serveur en alerte, succès annoncé ; le parent
// recharge ce qui a changé.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ErreurApi } from '../outils/api.ts';

/** Des champs à corriger : rien n'est envoyé, chaque message est sous son champ. */
export class ChampsACorriger extends Error {
  constructor(nombre: number) {
    super(`Rien n'a été envoyé : ${nombre > 1 ? `${nombre} champs sont à corriger, signalés` : 'un champ est à corriger, signalé'} ci-dessus.`);
  }
}

/** Par champ, ce qui ne va pas ; null, undefined ou false : le champ est correct. */
export type Erreurs = Record<string, string | null | undefined | false>;

/** Les erreurs des champs d'un formulaire : `erreur(cle)` pour chaque champ, `verifier` avant l'envoi. */
export function useErreurs() {
  const [erreurs, setErreurs] = useState<Erreurs>({});
  return {
    erreur: (cle: string) => erreurs[cle] || undefined,
    /** Retient les erreurs trouvées ; s'il y en a, arrête l'envoi. */
    verifier(trouvees: Erreurs) {
      setErreurs(trouvees);
      const nombre = Object.values(trouvees).filter(Boolean).length;
      if (nombre > 0) throw new ChampsACorriger(nombre);
    },
  };
}

/** « un nombre est attendu » → « Un nombre est attendu. » : une règle du domaine en message sous un champ. */
export const phrase = (texte: string) => `${texte.charAt(0).toUpperCase()}${texte.slice(1)}.`;

export const CHAMPS_OBLIGATOIRES = "Les champs marqués d'un astérisque (*) sont obligatoires.";

interface PropsChamp {
  libelle: string;
  valeur: string;
  changer: (valeur: string) => void;
  aide?: string;
  requis?: boolean;
  erreur?: string;
  type?: 'text' | 'date';
  inputMode?: 'decimal' | 'numeric';
  /** Une zone de texte sur plusieurs lignes. */
  zone?: boolean;
}

/** Un champ DSFR : libellé lié au champ (for/id), astérisque s'il est obligatoire, message d'erreur dessous. */
export function Champ({ libelle, valeur, changer, aide, requis, erreur, type = 'text', inputMode, zone }: PropsChamp) {
  const label = requis ? (
    <>
      {libelle}
      <span aria-hidden="true">&nbsp;*</span>
    </>
  ) : (
    libelle
  );
  const commun = { value: valeur, required: requis, 'aria-invalid': erreur ? true : undefined };
  const etat = erreur ? { state: 'error' as const, stateRelatedMessage: erreur } : {};
  return zone ? (
    <Input label={label} hintText={aide} {...etat} textArea nativeTextAreaProps={{ ...commun, rows: 3, onChange: (e) => changer(e.target.value) }} />
  ) : (
    <Input label={label} hintText={aide} {...etat} nativeInputProps={{ ...commun, type, inputMode, onChange: (e) => changer(e.target.value) }} />
  );
}

interface Props {
  titre?: string;
  children?: ReactNode;
  libelle: string;
  /** Envoie ; rend le message de succès. */
  envoyer: () => Promise<string | void>;
  priorite?: 'primary' | 'secondary';
  /** Autres boutons, à côté du principal. */
  autres?: { libelle: string; envoyer: () => Promise<string | void> }[];
  /** La mention des champs obligatoires, sous le titre. */
  mention?: string;
}

export function Formulaire({ titre, children, libelle, envoyer, priorite = 'primary', autres = [], mention }: Props) {
  const [occupe, setOccupe] = useState(false);
  const [erreur, setErreur] = useState<string>();
  const [succes, setSucces] = useState<string>();
  const [aCorriger, setACorriger] = useState(0);
  const formulaire = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (aCorriger) formulaire.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [aCorriger]);
  const lancer = async (f: () => Promise<string | void>) => {
    setOccupe(true);
    setErreur(undefined);
    setSucces(undefined);
    try {
      setSucces((await f()) || undefined);
    } catch (e) {
      if (e instanceof ChampsACorriger) setACorriger((n) => n + 1);
      setErreur(e instanceof ErreurApi || e instanceof Error ? e.message : String(e));
    } finally {
      setOccupe(false);
    }
  };
  return (
    <form
      ref={formulaire}
      className="fr-mb-4w"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void lancer(envoyer);
      }}
    >
      {titre && <h3 className="fr-h5">{titre}</h3>}
      {mention && <p className="fr-hint-text fr-mb-2w">{mention}</p>}
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
