// Signer l'avenant : une confirmation explicite, dans une modale DSFR, qui nomme le document et
// l'empreinte SHA-256 de son PDF. Le serveur refuse (409) une empreinte qui n'est pas celle de l'avenant
// en vigueur ; la qualité et le lieu déclarés sont figés dans l'avenant signé.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { createModal } from '@codegouvfr/react-dsfr/Modal';
import { useState } from 'react';
import type { CadreDialogue } from '../../../domaine/dialogue/cadre.ts';
import { dateEnFrancais } from '../../../domaine/temps/dates.ts';
import { ErreurApi } from '../../outils/api.ts';
import type { DonneesDialogue } from './Dialogue.tsx';

const modale = createModal({ id: 'cpo-signature-avenant', isOpenedByDefault: false });

interface Props {
  d: DonneesDialogue;
  cadre: CadreDialogue;
  action: 'signer_ml' | 'signer_etat';
  libelle: string;
  explication: string;
  agir: (action: Props['action'], corps: unknown) => Promise<void>;
}

export function Signature({ d, cadre, action, libelle, explication, agir }: Props) {
  const avenant = d.avenant!;
  const [qualite, setQualite] = useState(cadre.avenant.signataires[action === 'signer_ml' ? 'ml' : 'etat']);
  const [lieu, setLieu] = useState('');
  const [erreur, setErreur] = useState<string>();
  const [occupe, setOccupe] = useState(false);
  const signer = async () => {
    setOccupe(true);
    setErreur(undefined);
    try {
      await agir(action, { empreinte: avenant.empreinte_pdf, qualite, lieu });
      modale.close();
    } catch (e) {
      setErreur(e instanceof ErreurApi || e instanceof Error ? e.message : String(e));
    } finally {
      setOccupe(false);
    }
  };
  return (
    <>
      <p>{explication}</p>
      <Button nativeButtonProps={modale.buttonProps}>{libelle}</Button>
      <modale.Component
        title={`Signer l'avenant n° ${avenant.numero}`}
        size="large"
        buttons={[
          { children: 'Annuler', priority: 'secondary' },
          { children: `Je signe l'avenant n° ${avenant.numero}`, doClosesModal: false, disabled: occupe, onClick: () => void signer() },
        ]}
      >
        <p>
          Vous signez l'avenant n° {avenant.numero} pour l'année {d.annee} à la convention pluriannuelle d'objectifs n° {d.convention?.numero} entre l'État et
          la {d.structure.nom}, généré le {dateEnFrancais(avenant.genere_le.slice(0, 10))}. {avenant.explicationNumero}
        </p>
        <p>
          Empreinte SHA-256 du PDF que vous signez : <code className="cpo-empreinte">{avenant.empreinte_pdf}</code>. C'est celle du fichier{' '}
          <a href={`/api/dialogues/${d.id}/avenant.pdf`} download>
            avenant-{avenant.numero}-{d.annee}-{d.structure.code}.pdf
          </a>{' '}
          que vous avez relu.
        </p>
        <Input label="Votre qualité" hintText="Telle qu'elle figurera sous votre signature" nativeInputProps={{ required: true, value: qualite, onChange: (e) => setQualite(e.target.value) }} />
        <Input label="Fait à" hintText="La ville où vous signez" nativeInputProps={{ required: true, value: lieu, onChange: (e) => setLieu(e.target.value) }} />
        {erreur && <Alert severity="error" small description={erreur} className="fr-mb-2w" role="alert" />}
      </modale.Component>
    </>
  );
}
