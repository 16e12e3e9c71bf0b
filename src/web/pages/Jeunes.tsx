// Les jeunes suivis par la ML : données nominatives, pour ses seuls utilisateurs ; chaque lecture est
// tracée. Le tri, la pagination et les exports sont faits par le serveur, sur toute la liste filtrée.
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { useState } from 'react';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { COLONNES_JEUNES, TRIS_JEUNES, type JeuneListe, type TriJeunes } from '../../domaine/parcours/dossier.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau, type Colonne } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { changerParametre, naviguer, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import { PremierAccueil } from './SaisieParcours.tsx';

const adresseDossier = (code: string, id: string) => `/structures/${encodeURIComponent(code)}/jeunes/${encodeURIComponent(id)}`;

export function Jeunes({ code }: { code: string }) {
  const { parametres } = useAdresse();
  const page = Math.max(1, Number(parametres.get('page')) || 1);
  const recherche = parametres.get('recherche') ?? '';
  const tri = (TRIS_JEUNES as string[]).includes(parametres.get('tri') ?? '') ? (parametres.get('tri') as TriJeunes) : 'nom';
  const ordre = parametres.get('ordre') === 'desc' ? 'desc' : 'asc';
  const [saisie, setSaisie] = useState(recherche);
  const session = useSession();
  // Les mêmes filtres pour la page, les liens de pagination et les exports.
  const filtre = new URLSearchParams({ ...(recherche && { recherche }), ...(tri !== 'nom' && { tri }), ...(ordre === 'desc' && { ordre }) });
  const avecPage = (p: number) => new URLSearchParams([...filtre, ...(p > 1 ? [['page', String(p)]] : [])]).toString();
  const racine = `/structures/${encodeURIComponent(code)}/jeunes`;
  const { donnees: d, erreur } = useApi<{ total: number; page: number; parPage: number; jeunes: JeuneListe[] }>(`/api${racine}?${avecPage(page)}`);
  document.title = `Jeunes suivis — ${code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  const pages = d ? Math.max(1, Math.ceil(d.total / d.parPage)) : 1;
  const colonnes: Colonne<JeuneListe>[] = COLONNES_JEUNES.map((c) => (c.id === 'nom' ? { ...c, lien: (j: JeuneListe) => adresseDossier(code, j.id_jeune) } : c));
  return (
    <>
      <h1>Jeunes suivis</h1>
      <p>Données personnelles : visibles par les seuls utilisateurs de la Mission locale. Chaque consultation et chaque export sont inscrits au journal d'audit.</p>
      {session.peut('saisir_parcours') && (
        <Accordion label="Recevoir un nouveau jeune (premier accueil)" className="fr-mb-3w">
          <PremierAccueil code={code} ouvrir={(id) => naviguer(adresseDossier(code, id))} />
        </Accordion>
      )}
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
            titre={`${formaterValeur(d.total, 'jeunes')} jeune${d.total > 1 ? 's' : ''}${recherche ? ` pour « ${recherche} »` : ''} — page ${d.page} sur ${formaterValeur(pages, 'pages')}`}
            colonnes={colonnes}
            lignes={d.jeunes}
            cle={(j) => j.id_jeune}
            total={d.total}
            triServeur={{
              tri: [{ id: tri, desc: ordre === 'desc' }],
              changer: ([t]) => {
                changerParametre('page', null);
                changerParametre('tri', t && t.id !== 'nom' ? t.id : null);
                changerParametre('ordre', t?.desc ? 'desc' : null);
              },
            }}
            telechargements={{ csv: `/api${racine}.csv?${filtre}`, xlsx: `/api${racine}.xlsx?${filtre}` }}
          />
          {pages > 1 && <Pagination count={pages} defaultPage={page} getPageLinkProps={(p) => ({ href: `${racine}?${avecPage(p)}` })} />}
        </>
      )}
    </>
  );
}
