// Le dossier d'un jeune, pour les seuls utilisateurs de sa ML : son identité, puis son parcours en frise
// chronologique, année par année, face aux étapes de l'Annexe 1, chaque ligne avec son origine (saisie
// dans l'application ou reçue par dépôt) ; puis les saisies. La lecture est inscrite au journal d'audit.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { friseDuParcours, LIBELLES_ETAPE_ANNEXE1, type DossierJeune as Dossier, type EtapeAnnexe1 } from '../../domaine/parcours/dossier.ts';
import { LIBELLES_ORIGINE } from '../../domaine/parcours/saisie.ts';
import { limiteEnMots } from '../../domaine/parcours/echeances.ts';
import { LIBELLES_DISPOSITIF } from '../../domaine/referentiel/codes.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { useApi } from '../outils/api.ts';
import { useSession } from '../session.tsx';
import { SaisiesDuDossier } from './SaisieParcours.tsx';

const COULEURS: Record<EtapeAnnexe1, string> = {
  accueil: 'fr-badge--blue-ecume',
  diagnostic: 'fr-badge--blue-cumulus',
  contractualisation: 'fr-badge--purple-glycine',
  accompagnement: '',
  situations: 'fr-badge--green-emeraude',
  sortie: 'fr-badge--brown-caramel',
};

const ouiNon = (v: boolean | null) => (v === null ? 'non renseigné' : v ? 'oui' : 'non');
const renseigne = (v: string | null) => v || 'non renseigné';

export function DossierJeune({ code, id }: { code: string; id: string }) {
  const liste = `/structures/${encodeURIComponent(code)}/jeunes`;
  const { donnees: d, erreur, recharger } = useApi<Dossier>(`/api${liste}/${encodeURIComponent(id)}`);
  const session = useSession();
  // Le titre de l'onglet (et l'historique du navigateur) ne porte pas le nom du jeune.
  document.title = `Dossier du jeune ${id} — ${code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement texte="Chargement du dossier…" />;
  const j = d.jeune;
  const nom = j.nom === null && j.prenom === null ? 'Identité effacée' : [j.prenom, j.nom].filter(Boolean).join(' ');
  const etapes = friseDuParcours(d);
  const annees = [...new Set(etapes.map((e) => e.date.slice(0, 4)))];
  const identite: [string, string][] = [
    ['Nom', renseigne(j.nom)],
    ['Prénom', renseigne(j.prenom)],
    ['Courriel', renseigne(j.courriel)],
    ['Téléphone', renseigne(j.telephone)],
    ['Date de naissance', dateEnFrancais(j.date_naissance)],
    ['Sexe', j.sexe === 'F' ? 'femme' : j.sexe === 'H' ? 'homme' : j.sexe],
    ['Niveau de formation', j.niveau_formation ? `niveau ${j.niveau_formation.replace('BIS', ' bis')}` : 'non renseigné'],
    ['Commune de résidence (code INSEE)', renseigne(j.commune_residence)],
    ['Habite un quartier prioritaire (QPV)', ouiNon(j.qpv)],
    ['Habite une zone de revitalisation rurale (ZRR)', ouiNon(j.zrr)],
    ['Travailleur handicapé reconnu (RQTH)', ouiNon(j.rqth)],
    ['Inscrit à Pôle emploi', ouiNon(j.inscrit_pole_emploi)],
    ['Premier accueil', dateEnFrancais(j.date_premier_accueil)],
    ['Conseiller référent', renseigne(j.id_conseiller)],
  ];
  return (
    <>
      <Breadcrumb segments={[{ label: 'Jeunes suivis', linkProps: { href: liste } }]} currentPageLabel={`Dossier ${j.id_jeune}`} className="fr-mt-0 fr-mb-2w" />
      <h1>{nom}</h1>
      <p>
        Dossier n° {j.id_jeune}, {LIBELLES_ORIGINE[j.origine]}. Données personnelles : visibles par les seuls utilisateurs de la Mission locale ; cette consultation est
        inscrite au journal d'audit.
      </p>
      {j.anonymise_le && (
        <Alert
          severity="info"
          small
          description={`L'identité de ce jeune a été effacée le ${dateEnFrancais(j.anonymise_le)}, au terme de la durée de conservation ; son parcours reste, sans nom.`}
          className="fr-mb-3w"
        />
      )}
      <h2>Identité et situation</h2>
      <dl className="cpo-fiche">
        {identite.map(([terme, valeur]) => (
          <div key={terme}>
            <dt>{terme}</dt>
            <dd>{valeur}</dd>
          </div>
        ))}
      </dl>
      <LimitesDesDispositifs dispositifs={d.dispositifs} />
      <h2 className="fr-mt-4w">Parcours</h2>
      <p>
        {etapes.length} étape{etapes.length > 1 ? 's' : ''}, du {dateEnFrancais(etapes[0].date)} au {dateEnFrancais(etapes.at(-1)!.date)}, chacune à son étape de
        l'Annexe 1 :
      </p>
      <ul className="fr-badges-group fr-mb-2w" aria-label="Étapes de l'Annexe 1">
        {(Object.keys(LIBELLES_ETAPE_ANNEXE1) as EtapeAnnexe1[]).map((a) => {
          const premiere = etapes.find((e) => e.annexe1 === a);
          return (
            <li key={a}>
              <Badge small noIcon className={premiere ? COULEURS[a] : ''}>
                {`${LIBELLES_ETAPE_ANNEXE1[a]} : ${premiere ? dateEnFrancais(premiere.date) : 'pas encore'}`}
              </Badge>
            </li>
          );
        })}
      </ul>
      {annees.map((annee) => (
        <section key={annee} aria-labelledby={`annee-${annee}`}>
          <h3 id={`annee-${annee}`} className="fr-h5 fr-mt-3w">
            {annee}
          </h3>
          <ol className="cpo-frise">
            {etapes
              .filter((e) => e.date.startsWith(annee))
              .map((e, i) => (
                <li key={i}>
                  <time dateTime={e.date}>{dateEnFrancais(e.date)}</time>
                  <p className="fr-mb-0">
                    <Badge small noIcon className={COULEURS[e.annexe1]}>
                      {LIBELLES_ETAPE_ANNEXE1[e.annexe1]}
                    </Badge>{' '}
                    <strong>{e.titre}</strong>
                    {e.detail && ` — ${e.detail}`}{' '}
                    <span className="fr-text--xs">({LIBELLES_ORIGINE[e.origine]})</span>
                  </p>
                </li>
              ))}
          </ol>
        </section>
      ))}
      {session.peut('saisir_parcours') && <SaisiesDuDossier code={code} dossier={d} apres={recharger} />}
    </>
  );
}

/** Chaque dispositif du jeune avec sa limite (cadre CPO) et son échéance, comptée du jour du serveur. */
function LimitesDesDispositifs({ dispositifs }: { dispositifs: Dossier['dispositifs'] }) {
  const { aujourdhui } = useSession();
  return (
    <section aria-labelledby="limites-dispositifs">
      <h2 id="limites-dispositifs" className="fr-mt-4w">
        Dispositifs : limites et échéances
      </h2>
      {dispositifs.length === 0 ? (
        <p>Aucun dispositif pour ce jeune.</p>
      ) : (
        <ul className="cpo-limites">
          {dispositifs.map((x) => (
            <li key={x.id_dispositif}>
              {limiteEnMots(x, aujourdhui) ?? `${(LIBELLES_DISPOSITIF as Record<string, string>)[x.type] ?? x.type} : sans limite de durée`} (entrée le{' '}
              {dateEnFrancais(x.date_debut)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
