// Le journal d'audit : qui a fait quoi, quand, d'où. La DGEFP y cherche partout ; une ML, dans ses
// propres données. Chaque recherche est elle-même tracée.
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { LIBELLES_ACTION_AUDIT } from '../../domaine/audit/journal.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { naviguer, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { LigneAuditLisible as Ligne } from '../../application/chercherAudit.ts';

const CHAMPS = ['acteur', 'action', 'structure', 'depuis', 'jusqua'] as const;

export function Audit() {
  const { utilisateur } = useSession();
  const { parametres } = useAdresse();
  const requete = new URLSearchParams([...parametres].filter(([k, v]) => (CHAMPS as readonly string[]).includes(k) && v));
  const { donnees, erreur } = useApi<{ total: number; page: number; lignes: Ligne[] }>(`/api/audit?${requete}`);
  const [saisie, setSaisie] = useState<Record<string, string>>(Object.fromEntries(CHAMPS.map((c) => [c, parametres.get(c) ?? ''])));
  document.title = "Journal d'audit — CPO Missions locales";
  const champ = (cle: (typeof CHAMPS)[number], label: string, type = 'text') => (
    <div className="fr-col-12 fr-col-md-2">
      <Input label={label} nativeInputProps={{ type, value: saisie[cle], onChange: (e) => setSaisie({ ...saisie, [cle]: e.target.value }) }} />
    </div>
  );
  return (
    <>
      <h1>Journal d'audit</h1>
      <p>
        {utilisateur.portee.niveau === 'structure'
          ? 'Les écritures et les lectures de données nominatives de votre Mission locale.'
          : 'Toutes les écritures et toutes les lectures de données nominatives.'}{' '}
        Le journal ne se modifie pas ; votre consultation y est inscrite.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const p = new URLSearchParams(Object.entries(saisie).filter(([, v]) => v));
          naviguer(`/audit?${p}`);
        }}
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
      >
        {champ('acteur', 'Courriel (ou une partie)')}
        <div className="fr-col-12 fr-col-md-2">
          <Select label="Action" nativeSelectProps={{ value: saisie.action, onChange: (e) => setSaisie({ ...saisie, action: e.target.value }) }}>
            <option value="">Toutes</option>
            {Object.entries(LIBELLES_ACTION_AUDIT).map(([action, libelle]) => (
              <option key={action} value={action}>
                {libelle}
              </option>
            ))}
          </Select>
        </div>
        {utilisateur.portee.niveau === 'national' && champ('structure', 'Code de la ML')}
        {champ('depuis', 'Du', 'date')}
        {champ('jusqua', 'Au', 'date')}
        <div className="fr-col-12 fr-col-md-2">
          <button className="fr-btn" type="submit">
            Chercher
          </button>
        </div>
      </form>
      {erreur && <ErreurAppel erreur={erreur} />}
      {!donnees && !erreur && <Chargement texte="Recherche dans le journal…" />}
      {donnees && (
        <>
          <p>
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/audit.csv?${requete}`} download>
              Exporter toute la recherche en CSV ({donnees.total} ligne{donnees.total > 1 ? 's' : ''})
            </a>
          </p>
          <Tableau
            titre={`${donnees.total} ligne${donnees.total > 1 ? 's' : ''} — les ${Math.min(donnees.total, donnees.lignes.length)} plus récentes`}
            colonnes={[
              { id: 'quand', libelle: 'Quand', valeur: (l) => `${dateEnFrancais(l.horodatage.slice(0, 10))} ${l.horodatage.slice(11)}`, date: (l) => l.horodatage },
              { id: 'qui', libelle: 'Qui', valeur: (l) => l.nom_acteur },
              { id: 'organisation', libelle: 'Organisation', valeur: (l) => l.organisation_acteur ?? '' },
              { id: 'action', libelle: 'Action', valeur: (l) => l.libelle_action },
              { id: 'changement', libelle: 'Changement', valeur: (l) => l.resume },
              { id: 'objet', libelle: 'Objet', valeur: (l) => l.objet ?? '' },
              { id: 'structure', libelle: 'ML', valeur: (l) => l.code_structure ?? '' },
              { id: 'origine', libelle: 'Origine', valeur: (l) => l.origine ?? '' },
            ]}
            lignes={donnees.lignes}
            cle={(l) => String(l.id)}
          />
        </>
      )}
    </>
  );
}

