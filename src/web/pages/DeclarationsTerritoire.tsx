// Pour la DIRECCTE et la DGEFP : le contexte de chaque ML de son périmètre, à saisir ML par ML (la page
// « Données déclarées » de la ML) ou par un fichier contexte.csv pour plusieurs ML à la fois.
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import type { StructureListee } from '../types.ts';
import { TeleverserDeclarations } from './DonneesDeclarees.tsx';

export function DeclarationsTerritoire() {
  const structures = useApi<{ structures: StructureListee[] }>('/api/structures');
  document.title = 'Données déclarées — CPO Missions locales';
  return (
    <>
      <h1>Données déclarées</h1>
      <p>
        Le contexte du territoire de chaque Mission locale (populations de l'Insee, chômage, quartiers prioritaires…), année par année : saisissez-le Mission locale par
        Mission locale, ou téléversez un fichier pour plusieurs à la fois. Chaque changement est gardé (qui, quand, ancienne et nouvelle valeur) et les chiffres changent aussitôt.
      </p>
      {structures.erreur && <ErreurAppel erreur={structures.erreur} />}
      {structures.donnees ? (
        <Tableau
          titre="Missions locales de votre périmètre"
          colonnes={[
            { id: 'nom', libelle: 'Mission locale', valeur: (s) => s.nom, lien: (s) => `/structures/${s.code}/donnees-declarees` },
            { id: 'code', libelle: 'Code', valeur: (s) => s.code },
            { id: 'departement', libelle: 'Département', valeur: (s) => s.departement },
            { id: 'region', libelle: 'Région', valeur: (s) => s.region },
          ]}
          lignes={structures.donnees.structures}
          cle={(s) => s.code}
          filtrable={structures.donnees.structures.length > 10}
        />
      ) : (
        !structures.erreur && <Chargement texte="Chargement des Missions locales…" />
      )}
      <TeleverserDeclarations nature="contexte" />
    </>
  );
}
