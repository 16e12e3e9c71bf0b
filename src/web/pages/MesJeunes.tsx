// « Mes jeunes » : la liste de travail du conseiller à la date du jour — les jeunes à recontacter, les
// limites de dispositif proches, les diagnostics sans contrat, les situations à clore. Données
// nominatives, pour les seuls utilisateurs de la ML ; chaque lecture et chaque export sont tracés.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { ALERTES, COLONNES_LISTE_DE_TRAVAIL, LIBELLES_ALERTE, LIBELLES_COURTS_ALERTE, type Alerte, type LigneTravail } from '../../domaine/parcours/echeances.ts';
import { PREAVIS_ECHEANCE_JOURS, SANS_CONTACT_MOIS } from '../../domaine/referentiel/durees.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { adresseMesJeunes, Compteurs } from '../composants/CompteursListe.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau, type Colonne } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { changerParametre, Lien, useAdresse } from '../outils/routeur.tsx';

interface Liste {
  jour: string;
  compteurs: Record<Alerte, number>;
  conseillers: string[];
  jeunes: LigneTravail[];
}

export function MesJeunes({ code }: { code: string }) {
  const { parametres } = useAdresse();
  const conseiller = parametres.get('conseiller') ?? '';
  const alerte = (ALERTES as readonly string[]).includes(parametres.get('alerte') ?? '') ? (parametres.get('alerte') as Alerte) : null;
  // Les mêmes filtres pour la liste et ses exports.
  const filtre = new URLSearchParams({ ...(conseiller && { conseiller }), ...(alerte && { alerte }) }).toString();
  const api = `/api/structures/${encodeURIComponent(code)}/liste-de-travail`;
  const { donnees: d, erreur } = useApi<Liste>(`${api}?${filtre}`);
  document.title = `Mes jeunes — ${code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement texte="Chargement de la liste de travail…" />;
  const colonnes: Colonne<LigneTravail>[] = COLONNES_LISTE_DE_TRAVAIL.map((c) =>
    c.id === 'nom'
      ? { ...c, lien: (l: LigneTravail) => `/structures/${encodeURIComponent(code)}/jeunes/${encodeURIComponent(l.id_jeune)}` }
      : c.id === 'alertes'
        ? {
            ...c,
            rendu: (l: LigneTravail) => (
              <ul className="cpo-alertes">
                {l.alertes.map((a, i) => (
                  <li key={i}>
                    <Badge small noIcon severity={a.alerte === 'echeance_dispositif' ? 'warning' : 'info'}>
                      {LIBELLES_COURTS_ALERTE[a.alerte]}
                    </Badge>{' '}
                    {a.detail}
                  </li>
                ))}
              </ul>
            ),
          }
        : c,
  );
  const titre = `${formaterValeur(d.jeunes.length, 'jeunes')} jeune${d.jeunes.length > 1 ? 's' : ''} à suivre${alerte ? ` — ${LIBELLES_ALERTE[alerte]}` : ''}${conseiller ? ` — conseiller ${conseiller}` : ''}`;
  return (
    <>
      <h1>Mes jeunes</h1>
      <p>
        La liste de travail au {dateEnFrancais(d.jour)} : les jeunes sans contact depuis {SANS_CONTACT_MOIS} mois, les PACEA et Garanties jeunes qui atteignent leur limite
        dans les {PREAVIS_ECHEANCE_JOURS} jours, les diagnostics sans contrat dans le mois, les situations dont la fin prévue est passée. Données personnelles : visibles par les seuls utilisateurs de la Mission
        locale ; chaque consultation et chaque export sont inscrits au journal d'audit.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Conseiller référent" nativeSelectProps={{ value: conseiller, onChange: (e) => changerParametre('conseiller', e.target.value || null) }}>
            <option value="">Tous les conseillers</option>
            {d.conseillers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Select label="Alerte" nativeSelectProps={{ value: alerte ?? '', onChange: (e) => changerParametre('alerte', e.target.value || null) }}>
            <option value="">Toutes les alertes</option>
            {ALERTES.map((a) => (
              <option key={a} value={a}>
                {LIBELLES_ALERTE[a]} ({formaterValeur(d.compteurs[a], 'jeunes')})
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Compteurs code={code} compteurs={d.compteurs} conseiller={conseiller || undefined} />
      {d.jeunes.length === 0 ? (
        <Alert
          severity="success"
          small
          className="fr-mt-3w"
          description={`Aucun jeune à suivre au ${dateEnFrancais(d.jour)}${alerte ? ` pour l'alerte « ${LIBELLES_ALERTE[alerte]} »` : ''}${conseiller ? ` parmi les jeunes du conseiller ${conseiller}` : ''}.`}
        />
      ) : (
        <Tableau
          titre={titre}
          colonnes={colonnes}
          lignes={d.jeunes}
          cle={(l) => l.id_jeune}
          telechargements={{ csv: `${api}.csv?${filtre}`, xlsx: `${api}.xlsx?${filtre}` }}
        />
      )}
      <p className="fr-mt-2w fr-text--sm">
        <Lien className="fr-link" href={adresseMesJeunes(code)}>
          Effacer les filtres
        </Lien>
      </p>
    </>
  );
}
