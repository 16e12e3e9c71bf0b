// Les jetons de dépôt d'une ML : la direction en crée un pour son système de suivi de parcours (montré
// une seule fois), voit quand chacun a servi, et le révoque.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { useState } from 'react';
import type { JetonDepot } from '../../application/acces/jetons.ts';
import { dateEnFrancais, horodatageEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel, MessageErreur } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { appeler, ErreurApi, useApi } from '../outils/api.ts';

const quand = (h: string | null) => (h ? horodatageEnFrancais(h) : '');

export function Jetons({ code }: { code: string }) {
  const adresse = `/api/structures/${encodeURIComponent(code)}/jetons`;
  const { donnees, erreur, recharger } = useApi<{ jetons: JetonDepot[] }>(adresse);
  const [libelle, setLibelle] = useState('');
  const [expire, setExpire] = useState('');
  const [cree, setCree] = useState<{ libelle: string; jeton: string }>();
  const [echec, setEchec] = useState<string>();
  document.title = `Jetons de dépôt — ${code} — CPO Missions locales`;

  const agir = async (action: () => Promise<unknown>) => {
    setEchec(undefined);
    try {
      await action();
      recharger();
    } catch (e) {
      setEchec(e instanceof ErreurApi ? e.message : String(e));
    }
  };

  return (
    <>
      <h1>Jetons de dépôt</h1>
      <p>
        Un jeton permet au système de suivi de parcours de votre Mission locale de déposer l'extrait sans session, par l'API (
        <a href="/api/docs">documentation</a>) : en-tête <code>Authorization: Bearer</code> suivi du jeton. Il ne sert qu'aux dépôts de votre Mission locale, jusqu'à sa
        date d'expiration ou sa révocation ; chaque usage est inscrit au journal d'audit.
      </p>
      <form
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        onSubmit={(e) => {
          e.preventDefault();
          void agir(async () => {
            const j = await appeler<{ libelle: string; jeton: string }>(adresse, { methode: 'POST', corps: { libelle, expire } });
            setCree(j);
            setLibelle('');
          });
        }}
      >
        <div className="fr-col-12 fr-col-md-5">
          <Input label="Libellé" hintText="Le système qui s'en servira" nativeInputProps={{ value: libelle, required: true, maxLength: 100, onChange: (e) => setLibelle(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Input label="Valable jusqu'au" hintText="Un an au plus" nativeInputProps={{ type: 'date', value: expire, required: true, onChange: (e) => setExpire(e.target.value) }} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Button type="submit">
            Créer un jeton
          </Button>
        </div>
      </form>
      {echec && <MessageErreur titre="Action refusée" message={echec} />}
      {cree && (
        <Alert
          severity="success"
          title={`Jeton « ${cree.libelle} » créé`}
          description={
            <>
              Copiez-le maintenant : il ne sera plus jamais montré.
              <br />
              <code data-jeton>{cree.jeton}</code>
            </>
          }
          className="fr-mb-3w"
        />
      )}
      {erreur && <ErreurAppel erreur={erreur} />}
      {!donnees && !erreur && <Chargement texte="Chargement des jetons…" />}
      {donnees && (
        <Tableau
          titre={`${donnees.jetons.length} jeton${donnees.jetons.length > 1 ? 's' : ''}`}
          colonnes={[
            { id: 'libelle', libelle: 'Libellé', valeur: (j) => j.libelle },
            { id: 'cree', libelle: 'Créé le', valeur: (j) => `${quand(j.cree_le)} par ${j.cree_par}`, date: (j) => j.cree_le },
            { id: 'expire', libelle: "Valable jusqu'au", valeur: (j) => dateEnFrancais(j.expire_le.slice(0, 10)), date: (j) => j.expire_le },
            { id: 'utilise', libelle: 'Dernière utilisation', valeur: (j) => quand(j.derniere_utilisation) || 'jamais', date: (j) => j.derniere_utilisation },
            {
              id: 'etat',
              libelle: 'État',
              valeur: (j) => (j.revoque_le ? `Révoqué le ${quand(j.revoque_le)}` : 'Actif'),
              rendu: (j) =>
                j.revoque_le ? (
                  `Révoqué le ${quand(j.revoque_le)}`
                ) : (
                  <Button priority="secondary" size="small" onClick={() => void agir(() => appeler(`/api/jetons/${j.id}/revocation`, { methode: 'POST' }))}>
                    Révoquer « {j.libelle} »
                  </Button>
                ),
            },
          ]}
          lignes={donnees.jetons}
          cle={(j) => String(j.id)}
        />
      )}
    </>
  );
}
