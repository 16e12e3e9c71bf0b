// Le suivi des dépôts pour l'État : pour chaque ML du périmètre, son dernier dépôt (date, résultat, âge),
// ses lignes et ses erreurs, et celles qui n'ont pas de dépôt accepté ce mois-ci.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { SuiviDepots as Suivi } from '../../application/echange/suiviDepots.ts';
import { LIBELLES_ETAT_DEPOT } from '../../domaine/echange/depot.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';

export function SuiviDepots() {
  const { donnees: d, erreur } = useApi<Suivi>('/api/suivi-depots');
  document.title = 'Suivi des dépôts — CPO Missions locales';
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement texte="Chargement du suivi…" />;
  const [annee, mois] = d.mois.split('-');
  const nomMois = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(annee), Number(mois) - 1, 1)));
  return (
    <>
      <h1>Suivi des dépôts</h1>
      <p>Le dernier dépôt de chaque Mission locale de votre périmètre. Le contenu des rapports reste à la Mission locale.</p>
      <Alert
        severity={d.sansDepotCeMois ? 'warning' : 'success'}
        small
        description={
          d.sansDepotCeMois
            ? `${d.sansDepotCeMois} Mission${d.sansDepotCeMois > 1 ? 's locales n’ont' : ' locale n’a'} pas de dépôt accepté en ${nomMois}.`
            : `Toutes les Missions locales ont un dépôt accepté en ${nomMois}.`
        }
        className="fr-mb-3w"
      />
      <Tableau
        titre={`${d.structures.length} Mission${d.structures.length > 1 ? 's locales' : ' locale'}`}
        colonnes={[
          { id: 'code', libelle: 'Code', valeur: (s) => s.code },
          { id: 'nom', libelle: 'Mission locale', valeur: (s) => s.nom },
          { id: 'departement', libelle: 'Département', valeur: (s) => s.code_departement },
          { id: 'depot', libelle: 'Dernier dépôt', valeur: (s) => (s.dernier ? dateEnFrancais(s.dernier.depose_le.slice(0, 10)) : 'aucun'), date: (s) => s.dernier?.depose_le ?? null, insecable: true },
          { id: 'etat', libelle: 'Résultat', valeur: (s) => (s.dernier ? LIBELLES_ETAT_DEPOT[s.dernier.etat] : '') },
          { id: 'age', libelle: 'Âge (jours)', unite: 'jours', valeur: (s) => s.dernier?.age_jours ?? null, absente: '' },
          { id: 'lignes', libelle: 'Lignes', unite: 'lignes', valeur: (s) => s.dernier?.lignes ?? null, absente: '' },
          { id: 'erreurs', libelle: 'Erreurs', unite: 'erreurs', valeur: (s) => s.dernier?.erreurs ?? null, absente: '' },
          {
            id: 'mois',
            libelle: 'Accepté ce mois-ci',
            valeur: (s) => (s.accepte_ce_mois ? 'oui' : 'non'),
            alerte: (s) => (s.accepte_ce_mois ? null : 'sans dépôt accepté'),
          },
        ]}
        lignes={d.structures}
        cle={(s) => s.code}
        filtrable
        telechargements={{ csv: '/api/suivi-depots.csv', xlsx: '/api/suivi-depots.xlsx' }}
      />
    </>
  );
}
