// « À faire » : les dialogues de gestion qui attendent une action de l'utilisateur ; une échéance
// passée (à la date du serveur) est signalée par un badge.
import type { aFaire } from '../../application/dialogue/aFaire.ts';
import { dateEnFrancais, enRetard } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';

type Ligne = Awaited<ReturnType<typeof aFaire>>[number];

export function AFaire() {
  const { donnees, erreur } = useApi<{ dialogues: Ligne[] }>('/api/dialogues/a-faire');
  document.title = 'À faire — CPO Missions locales';
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!donnees) return <Chargement />;
  return (
    <>
      <h1>À faire</h1>
      {donnees.dialogues.length === 0 ? (
        <p>Aucun dialogue de gestion n'attend votre action.</p>
      ) : (
        <Tableau
          titre={`${donnees.dialogues.length} dialogue${donnees.dialogues.length > 1 ? 's' : ''} de gestion attend${donnees.dialogues.length > 1 ? 'ent' : ''} votre action`}
          colonnes={[
            { id: 'nom', libelle: 'Mission locale', valeur: (l) => l.nom, lien: (l) => `/dialogues/${l.id}` },
            { id: 'annee', libelle: 'Année', valeur: (l) => String(l.annee) },
            { id: 'etat', libelle: 'État', valeur: (l) => l.libelle_etat },
            {
              id: 'echeance',
              libelle: 'Échéance',
              valeur: (l) => (l.echeance ? dateEnFrancais(l.echeance) : '—'),
              date: (l) => l.echeance,
              alerte: (l) => (l.en_retard ? enRetard(l.jours_de_retard) : null),
            },
            { id: 'actions', libelle: 'À faire', valeur: (l) => l.actions.join(' ; ') },
          ]}
          lignes={donnees.dialogues}
          cle={(l) => String(l.id)}
          triInitial={[{ id: 'echeance', desc: false }]}
        />
      )}
    </>
  );
}
