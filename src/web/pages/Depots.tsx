// Les dépôts d'une ML : la direction téléverse son extrait (une archive zip, ou les fichiers CSV), suit
// son traitement, et retrouve l'historique de ses dépôts et le rapport de chacun.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Upload } from '@codegouvfr/react-dsfr/Upload';
import { useEffect, useState } from 'react';
import type { Depot as LigneDepot, DepotDetaille } from '../../application/echange/depots.ts';
import { LIBELLES_ETAT_DEPOT } from '../../domaine/echange/depot.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { horodatageEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel, MessageErreur } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { appeler, ErreurApi, useApi } from '../outils/api.ts';
import { naviguer } from '../outils/routeur.tsx';
import { archiver } from '../outils/zip.ts';

const taille = (octets: number) => (octets >= 1024 * 1024 ? `${formaterValeur(Math.round(octets / 1024 / 1024), 'Mo')} Mo` : `${formaterValeur(Math.ceil(octets / 1024), 'Ko')} Ko`);
const estZip = (f: File) => f.name.toLowerCase().endsWith('.zip');
/** Qui a déposé : un courriel, ou un jeton de dépôt (« jeton:3 ») pour le système de la ML. */
const deposant = (qui: string) => (qui.startsWith('jeton:') ? `le système de la ML (jeton n° ${qui.slice(6)})` : qui);

export function Depots({ code }: { code: string }) {
  const { donnees, erreur, recharger } = useApi<{ depots: LigneDepot[] }>(`/api/structures/${encodeURIComponent(code)}/depots`);
  const [fichiers, setFichiers] = useState<File[]>([]);
  const [mode, setMode] = useState<'strict' | 'tolerant'>('strict');
  const [envoi, setEnvoi] = useState<{ enCours: boolean; erreur?: string }>({ enCours: false });
  document.title = `Dépôts — ${code} — CPO Missions locales`;

  const choixInvalide = fichiers.length > 1 && fichiers.some(estZip) ? 'Choisissez une seule archive zip, ou seulement des fichiers CSV.' : undefined;
  async function deposer() {
    setEnvoi({ enCours: true });
    try {
      const zip = fichiers.length === 1 && estZip(fichiers[0]) ? fichiers[0] : await archiver(fichiers);
      const { id } = await appeler<{ id: number }>(`/api/structures/${encodeURIComponent(code)}/depots?mode=${mode}`, { methode: 'POST', zip });
      naviguer(`/depots/${id}`);
    } catch (e) {
      setEnvoi({ enCours: false, erreur: e instanceof ErreurApi ? e.message : String(e) });
    }
  }

  return (
    <>
      <h1>Dépôts de l'extrait</h1>
      <p>
        Déposez chaque mois l'extrait de votre système de suivi de parcours, au format d'échange : une archive zip, ou les fichiers CSV (jeunes.csv, evenements.csv…). Il
        ne doit contenir que les lignes de votre Mission locale. Les chiffres sont mis à jour dès que le dépôt est accepté.
      </p>
      <form
        className="fr-mb-6w"
        onSubmit={(e) => {
          e.preventDefault();
          void deposer();
        }}
      >
        <Upload
          label="Extrait à déposer"
          hint="Une archive .zip, ou un ou plusieurs fichiers .csv"
          multiple
          state={choixInvalide ? 'error' : 'default'}
          stateRelatedMessage={choixInvalide}
          nativeInputProps={{ accept: '.zip,.csv', onChange: (e) => setFichiers([...(e.target.files ?? [])]) }}
        />
        <RadioButtons
          legend="Mode"
          className="fr-mt-3w"
          options={[
            { label: 'Strict', hintText: 'La moindre erreur refuse tout le dépôt ; rien n’est écrit.', nativeInputProps: { checked: mode === 'strict', onChange: () => setMode('strict') } },
            {
              label: 'Tolérant',
              hintText: 'Les lignes fautives (et celles qui en dépendent) sont écartées, et téléchargeables ; le reste est écrit.',
              nativeInputProps: { checked: mode === 'tolerant', onChange: () => setMode('tolerant') },
            },
          ]}
        />
        {envoi.erreur && <MessageErreur titre="Le dépôt n'a pas été reçu" message={envoi.erreur} />}
        <Button type="submit" disabled={!fichiers.length || !!choixInvalide || envoi.enCours} iconId="fr-icon-upload-line">
          {envoi.enCours ? 'Envoi en cours…' : 'Déposer'}
        </Button>
      </form>
      <h2>Historique</h2>
      {erreur && <ErreurAppel erreur={erreur} />}
      {!donnees && !erreur && <Chargement texte="Chargement des dépôts…" />}
      {donnees && (
        <>
          <Button priority="tertiary" size="small" iconId="fr-icon-refresh-line" onClick={recharger} className="fr-mb-2w">
            Actualiser
          </Button>
          <Tableau
            titre={`${donnees.depots.length} dépôt${donnees.depots.length > 1 ? 's' : ''}, du plus récent au plus ancien`}
            colonnes={[
              { id: 'quand', libelle: 'Déposé le', valeur: (d) => horodatageEnFrancais(d.depose_le), date: (d) => d.depose_le, lien: (d) => `/depots/${d.id}` },
              { id: 'qui', libelle: 'Par', valeur: (d) => deposant(d.depose_par) },
              { id: 'taille', libelle: 'Taille', valeur: (d) => taille(d.taille) },
              { id: 'mode', libelle: 'Mode', valeur: (d) => (d.mode === 'strict' ? 'Strict' : 'Tolérant') },
              { id: 'etat', libelle: 'Résultat', valeur: (d) => LIBELLES_ETAT_DEPOT[d.etat] },
              { id: 'lignes', libelle: 'Lignes', unite: 'lignes', valeur: (d) => d.lignes },
              { id: 'erreurs', libelle: 'Erreurs', unite: 'erreurs', valeur: (d) => d.erreurs },
            ]}
            lignes={donnees.depots}
            cle={(d) => String(d.id)}
          />
        </>
      )}
    </>
  );
}

/** Un dépôt : sa progression tant qu'il est en cours (interrogée chaque seconde), puis son rapport. */
export function Depot({ id }: { id: string }) {
  const { donnees: d, erreur, recharger } = useApi<DepotDetaille>(`/api/depots/${id}`);
  useEffect(() => {
    if (d?.etat !== 'en_cours') return;
    const minuterie = setTimeout(recharger, 1000);
    return () => clearTimeout(minuterie);
  }, [d]);
  document.title = `Dépôt n° ${id} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement texte="Chargement du dépôt…" />;
  const r = d.rapport;
  const motif = (r as { motif?: string } | null)?.motif;
  return (
    <>
      <h1>Dépôt n° {d.id}</h1>
      <p>
        Déposé le {horodatageEnFrancais(d.depose_le)} par {deposant(d.depose_par)}, {taille(d.taille)}, mode {d.mode === 'strict' ? 'strict' : 'tolérant'}.{' '}
        <a href={`/structures/${encodeURIComponent(d.code_structure)}/depots`}>Tous les dépôts</a>
      </p>
      {d.etat === 'en_cours' && (
        <div role="status" aria-live="polite">
          <p className="fr-mb-1w">Traitement en cours : {Math.round(d.progression * 100)} %</p>
          <progress max={1} value={d.progression} aria-label="Avancement du dépôt" style={{ width: '100%' }} />
        </div>
      )}
      {d.etat === 'accepte' && (
        <Alert
          severity="success"
          title="Dépôt accepté"
          description={r?.statut === 'importe_avec_rejets' ? 'Les lignes valides sont écrites ; les lignes rejetées sont à corriger et à déposer de nouveau.' : 'Toutes les lignes sont écrites ; les chiffres sont à jour.'}
          className="fr-mb-3w"
        />
      )}
      {d.etat === 'refuse' && <Alert severity="error" title="Dépôt refusé : rien n'a été écrit" description="Corrigez les erreurs ci-dessous, puis déposez de nouveau l'extrait." className="fr-mb-3w" />}
      {d.etat === 'echoue' && <Alert severity="error" title="Dépôt en échec : rien n'a été écrit" description={motif ?? 'Déposez de nouveau l’extrait.'} className="fr-mb-3w" />}
      {r?.fichiers && (
        <Tableau
          titre="Lignes par fichier"
          colonnes={[
            { id: 'fichier', libelle: 'Fichier', valeur: (f) => f.fichier },
            { id: 'lignes', libelle: 'Lignes', unite: 'lignes', valeur: (f) => f.lignes },
            { id: 'crees', libelle: 'Créées', unite: 'lignes', valeur: (f) => f.crees },
            { id: 'misAJour', libelle: 'Mises à jour', unite: 'lignes', valeur: (f) => f.misAJour },
            { id: 'inchanges', libelle: 'Inchangées', unite: 'lignes', valeur: (f) => f.inchanges },
            { id: 'rejetes', libelle: 'Rejetées', unite: 'lignes', valeur: (f) => f.rejetes },
          ]}
          lignes={r.fichiers}
          cle={(f) => f.fichier}
        />
      )}
      {d.rejets.length > 0 && (
        <>
          <h2>Lignes rejetées</h2>
          <p>Au format d'échange, avec le motif de chaque ligne en dernière colonne.</p>
          <ul>
            {d.rejets.map((f) => (
              <li key={f}>
                <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/depots/${d.id}/rejets/${f}`} download>
                  {f}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {r && r.erreurs.length > 0 && (
        <Tableau
          titre={`${formaterValeur(r.erreurs.length + r.erreursNonDetaillees, 'erreurs')} erreur${r.erreurs.length + r.erreursNonDetaillees > 1 ? 's' : ''}${r.erreursNonDetaillees ? ` (${formaterValeur(r.erreurs.length, 'erreurs')} détaillées)` : ''}`}
          colonnes={[
            { id: 'fichier', libelle: 'Fichier', valeur: (e) => e.fichier },
            { id: 'ligne', libelle: 'Ligne', unite: 'lignes', valeur: (e) => (e.ligne > 0 ? e.ligne : null), absente: 'tout l’extrait' },
            { id: 'colonne', libelle: 'Colonne', valeur: (e) => e.colonne },
            { id: 'valeur', libelle: 'Valeur', valeur: (e) => e.valeur },
            { id: 'message', libelle: 'Message', valeur: (e) => e.message },
          ]}
          lignes={r.erreurs}
          cle={(e) => `${e.fichier}:${e.ligne}:${e.colonne}:${e.message}`}
          filtrable
        />
      )}
      {r && r.avertissements.length > 0 && (
        <Tableau
          titre="Avertissements"
          colonnes={[
            { id: 'fichier', libelle: 'Fichier', valeur: (e) => e.fichier },
            { id: 'ligne', libelle: 'Ligne', unite: 'lignes', valeur: (e) => e.ligne },
            { id: 'message', libelle: 'Message', valeur: (e) => e.message },
          ]}
          lignes={r.avertissements}
          cle={(e) => `${e.fichier}:${e.ligne}:${e.message}`}
        />
      )}
    </>
  );
}
