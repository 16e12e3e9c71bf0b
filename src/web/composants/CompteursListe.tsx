// Les compteurs de la liste de travail (« Mes jeunes ») : un lien par alerte, vers la liste filtrée.
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { ALERTES, LIBELLES_ALERTE, type Alerte } from '../../domaine/parcours/echeances.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { useApi } from '../outils/api.ts';
import { Lien } from '../outils/routeur.tsx';

export const adresseMesJeunes = (code: string) => `/structures/${encodeURIComponent(code)}/mes-jeunes`;

/** Le nombre de jeunes de chaque alerte, chacun menant à la liste de cette alerte (le conseiller choisi reste). */
export function Compteurs({ code, compteurs, conseiller }: { code: string; compteurs: Record<Alerte, number>; conseiller?: string }) {
  return (
    <ul className="cpo-compteurs">
      {ALERTES.map((a) => (
        <li key={a} data-alerte={a}>
          <Lien href={`${adresseMesJeunes(code)}?${new URLSearchParams({ ...(conseiller && { conseiller }), alerte: a })}`}>
            <span className="cpo-compteur">{formaterValeur(compteurs[a], 'jeunes')}</span> {LIBELLES_ALERTE[a]}
          </Lien>
        </li>
      ))}
    </ul>
  );
}

/** Sur l'accueil de la ML : la liste de travail en nombres, du jour du serveur. */
export function CompteursListe({ code }: { code: string }) {
  const { donnees: d, erreur } = useApi<{ jour: string; compteurs: Record<Alerte, number>; total: number }>(`/api/structures/${encodeURIComponent(code)}/liste-de-travail/compteurs`);
  return (
    <section className="fr-callout fr-mt-3w" aria-labelledby="liste-de-travail">
      <h2 id="liste-de-travail" className="fr-callout__title fr-h6">
        Mes jeunes : la liste de travail{d ? ` au ${dateEnFrancais(d.jour)}` : ''}
      </h2>
      {erreur ? (
        <p className="fr-callout__text fr-text--md">{erreur.message}</p>
      ) : !d ? (
        <p className="fr-callout__text fr-text--md">Chargement…</p>
      ) : (
        <>
          <p className="fr-callout__text fr-text--md">
            {d.total === 0 ? 'Aucun jeune à suivre aujourd’hui.' : `${formaterValeur(d.total, 'jeunes')} jeune${d.total > 1 ? 's' : ''} à suivre.`}{' '}
            <Lien href={adresseMesJeunes(code)}>Voir la liste</Lien>
          </p>
          <Compteurs code={code} compteurs={d.compteurs} />
        </>
      )}
    </section>
  );
}
