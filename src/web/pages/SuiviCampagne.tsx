// Le suivi régional d'une campagne : chaque ML, l'état de son dialogue, son échéance (signalée en
// retard, à la date du serveur), ses cibles et ses montants ; les décisions au-delà des 10 % sont signalées.
import { ETAT_SIGNE } from '../../domaine/dialogue/cadre.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { dateEnFrancais, enRetard } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { useSession } from '../session.tsx';
import type { lireSuiviCampagne } from '../../application/dialogue/lireSuiviCampagne.ts';

type Suivi = NonNullable<Awaited<ReturnType<typeof lireSuiviCampagne>>>;

export function SuiviCampagne({ id }: { id: string }) {
  const { catalogue } = useSession();
  const { donnees: d, erreur } = useApi<Suivi>(`/api/campagnes/${encodeURIComponent(id)}`);
  document.title = `Suivi de la campagne ${d?.campagne.annee ?? ''} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement />;
  const c = d.campagne;
  const signes = d.dialogues.filter((x) => x.etat === ETAT_SIGNE).length;
  // Les cibles que le catalogue dit suivies, sous un en-tête court : à 1366 px, le tableau montre montants, variation et dépassement sans défiler.
  const ratiosSuivis = catalogue.ratios.flatMap((r) => (r.suivi_campagne ? [{ ...r, libelleCourt: r.suivi_campagne.libelle_court }] : []));
  return (
    <>
      <h1>Campagne {c.annee} — suivi régional</h1>
      <p>
        Chiffres {c.annee - 1} figés (instantané n° {c.instantane_id}). Échéances : autodiagnostics le {dateEnFrancais(c.echeance_autodiagnostic)}, entretiens le{' '}
        {dateEnFrancais(c.echeance_entretien)}, signatures le {dateEnFrancais(c.echeance_signature)}. {signes} dialogue{signes > 1 ? 's' : ''} signé{signes > 1 ? 's' : ''} sur{' '}
        {d.dialogues.length}.
      </p>
      <Tableau
        titre={`Dialogues de gestion ${c.annee}`}
        colonnes={[
          { id: 'nom', libelle: 'Mission locale', valeur: (l) => l.nom, lien: (l) => `/dialogues/${l.id}` },
          { id: 'departement', libelle: 'Département', libelleCourt: 'Dép.', valeur: (l) => l.code_departement },
          { id: 'etat', libelle: 'État', valeur: (l) => l.libelle_etat },
          {
            id: 'echeance',
            libelle: 'Échéance',
            valeur: (l) => (l.echeance ? dateEnFrancais(l.echeance) : '—'),
            date: (l) => l.echeance,
            alerte: (l) => (l.en_retard ? enRetard(l.jours_de_retard) : null),
          },
          { id: 'modifie', libelle: 'Dernière action', insecable: true, valeur: (l) => dateEnFrancais(l.derniere_action), date: (l) => l.derniere_action },
          ...ratiosSuivis.map((r) => ({
            id: r.id,
            libelle: `Cible — ${r.libelle}`,
            libelleCourt: r.libelleCourt,
            definition: `cible ${c.annee} arrêtée au dialogue de gestion`,
            unite: r.unite,
            absente: 'à fixer',
            valeur: (l: Suivi['dialogues'][number]) => l.cibles?.[r.id] ?? null,
          })),
          { id: 'total', libelle: 'Montant décidé', unite: 'euros', valeur: (l) => l.total },
          { id: 'variation', libelle: 'Variation sur la convention', libelleCourt: 'Variation', unite: 'part', valeur: (l) => l.variation },
          { id: 'depasse', libelle: 'Au-delà de 10 %', valeur: (l) => (l.depasse ? `oui, justifié (${formaterValeur(l.variation, 'part')})` : 'non') },
        ]}
        lignes={d.dialogues}
        cle={(l) => String(l.id)}
        filtrable
      />
    </>
  );
}
