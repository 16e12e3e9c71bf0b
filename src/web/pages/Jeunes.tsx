// Les jeunes suivis par la ML : données nominatives, pour ses seuls utilisateurs ; chaque lecture est tracée.
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { useState } from 'react';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { changerParametre, useAdresse } from '../outils/routeur.tsx';
import type { JeuneListe as Jeune } from '../../application/parcours/jeunes.ts';


export function Jeunes({ code }: { code: string }) {
  const { parametres } = useAdresse();
  const page = Math.max(1, Number(parametres.get('page')) || 1);
  const recherche = parametres.get('recherche') ?? '';
  const [saisie, setSaisie] = useState(recherche);
  const { donnees: d, erreur } = useApi<{ total: number; page: number; parPage: number; jeunes: Jeune[] }>(
    `/api/structures/${encodeURIComponent(code)}/jeunes?page=${page}${recherche ? `&recherche=${encodeURIComponent(recherche)}` : ''}`,
  );
  document.title = `Jeunes suivis — ${code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  const pages = d ? Math.max(1, Math.ceil(d.total / d.parPage)) : 1;
  return (
    <>
      <h1>Jeunes suivis</h1>
      <p>Données personnelles : visibles par les seuls utilisateurs de la Mission locale. Chaque consultation est inscrite au journal d'audit.</p>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          changerParametre('page', null);
          changerParametre('recherche', saisie.trim() || null);
        }}
      >
        <Input label="Rechercher un jeune" hintText="Nom, prénom ou identifiant" nativeInputProps={{ type: 'search', value: saisie, onChange: (e) => setSaisie(e.target.value) }} />
      </form>
      {!d ? (
        <Chargement texte="Chargement des dossiers…" />
      ) : (
        <>
          <Tableau
            titre={`${d.total} jeune${d.total > 1 ? 's' : ''}${recherche ? ` pour « ${recherche} »` : ''} — page ${d.page} sur ${pages}`}
            colonnes={[
              { id: 'nom', libelle: 'Nom', valeur: (j) => j.nom ?? '(identité effacée)' },
              { id: 'prenom', libelle: 'Prénom', valeur: (j) => j.prenom ?? '' },
              { id: 'id', libelle: 'Identifiant', valeur: (j) => j.id_jeune },
              { id: 'naissance', libelle: 'Date de naissance', valeur: (j) => dateEnFrancais(j.date_naissance), date: (j) => j.date_naissance },
              { id: 'sexe', libelle: 'Sexe', valeur: (j) => j.sexe },
              { id: 'accueil', libelle: 'Premier accueil', valeur: (j) => dateEnFrancais(j.date_premier_accueil), date: (j) => j.date_premier_accueil },
              { id: 'conseiller', libelle: 'Conseiller', valeur: (j) => j.id_conseiller ?? '' },
            ]}
            lignes={d.jeunes}
            cle={(j) => j.id_jeune}
          />
          {pages > 1 && <Pagination count={pages} defaultPage={page} getPageLinkProps={(p) => ({ href: `/structures/${encodeURIComponent(code)}/jeunes?page=${p}${recherche ? `&recherche=${encodeURIComponent(recherche)}` : ''}` })} />}
        </>
      )}
    </>
  );
}
