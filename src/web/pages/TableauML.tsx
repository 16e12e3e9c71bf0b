// Tableau de bord d'une Mission locale pour une année : les ratios du catalogue par objectif avec leurs
// références et la place de la ML parmi celles de sa région ; les indicateurs par groupe ; les
// déclinaisons en graphiques.
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import { atteinte, raisonNonDefini } from '../../domaine/indicateurs/chiffres.ts';
import { evolution, formaterValeur, uniteEvolution } from '../../domaine/indicateurs/format.ts';
import { libelleAvecCouverture } from '../../domaine/referentiel/reseau.ts';
import { ChoixAnnee, libellePeriode, usePeriode } from '../composants/ChoixAnnee.tsx';
import { CompteursListe } from '../composants/CompteursListe.tsx';
import { ConfianceStructure } from '../composants/Confiance.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Graphique } from '../composants/Graphique.tsx';
import { Position } from '../composants/Position.tsx';
import { Tableau, type Colonne } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { definitionIndicateur, definitionRatio } from '../outils/catalogue.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { changerParametre, Lien, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { Convention } from './Campagnes.tsx';
import type { ChiffresStructure, DefinitionIndicateur, DefinitionRatio } from '../types.ts';
import { RecalculEnCours } from '../composants/Provenance.tsx';

export function TableauML({ code }: { code: string }) {
  const session = useSession();
  const { annee, au } = usePeriode();
  const { donnees: d, erreur } = useApi<ChiffresStructure>(`/api/annees/${annee}/structures/${encodeURIComponent(code)}${au ? `?au=${au}` : ''}`);
  const dialogues = useApi<{ dialogues: DialogueML[] }>(session.peut('lire_dialogues') ? `/api/structures/${encodeURIComponent(code)}/dialogues` : null);
  document.title = `${d?.structure.nom ?? code} — tableau de bord ${annee} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement />;
  const { catalogue } = session;
  const portee = session.utilisateur.portee;
  const ref = d.references;

  const segments = [];
  if (portee.niveau === 'national') segments.push({ label: 'National', linkProps: { href: `/national?annee=${annee}` } });
  if (portee.niveau === 'national' || portee.niveau === 'region')
    segments.push({ label: ref.region.nom, linkProps: { href: `/regions/${d.structure.code_region}?annee=${annee}` } });
  if (portee.niveau !== 'structure') segments.push({ label: ref.departement.nom, linkProps: { href: `/departements/${d.structure.code_departement}?annee=${annee}` } });

  const unite = (m: { unite: string }) => m.unite;
  // Le dialogue de gestion de l'année, quand il y en a un : ses cibles, « à fixer » tant qu'elles ne sont pas arrêtées.
  const dialogue = dialogues.donnees?.dialogues.find((x) => x.annee === annee);
  const cible = (r: DefinitionRatio) => dialogue?.cibles?.[r.id] ?? null;
  const colonnesRatio: Colonne<DefinitionRatio>[] = [
    { id: 'ratio', libelle: 'Ratio', valeur: (r) => r.libelle, lien: (r) => `/evolution/structure/${code}?mesure=${r.id}`, definitionLigne: (r) => definitionRatio(catalogue, r) },
    { id: 'n', libelle: libellePeriode(annee, d.au), unite, valeur: (r) => d.ratios[r.id], raison: (r) => raisonNonDefini(catalogue, r.id, d.indicateurs) },
    {
      id: 'n1',
      libelle: libellePeriode(annee - 1, d.auPrecedent),
      unite,
      valeur: (r) => d.precedent?.ratios[r.id] ?? null,
      raison: (r) => (d.precedent ? raisonNonDefini(catalogue, r.id, d.precedent.indicateurs) : `pas de données en ${annee - 1}`),
    },
    { id: 'evolution', libelle: 'Évolution', unite: (r) => uniteEvolution(r.unite), valeur: (r) => evolution(d.ratios[r.id], d.precedent?.ratios[r.id], r.unite) },
    { id: 'departement', libelle: 'Département', unite, valeur: (r) => ref.departement.ratios[r.id] },
    { id: 'region', libelle: libelleAvecCouverture('Région', ref.region), unite, valeur: (r) => ref.region.ratios[r.id] },
    { id: 'national', libelle: libelleAvecCouverture('National', ref.national), unite, valeur: (r) => ref.national.ratios[r.id] },
    ...(dialogue
      ? [
          { id: 'cible', libelle: `Cible ${annee}`, unite, absente: 'à fixer', valeur: cible },
          {
            id: 'atteinte',
            libelle: 'Atteinte',
            unite: 'part',
            valeur: (r: DefinitionRatio) => atteinte(d.ratios[r.id], cible(r), r.sens),
            raison: (r: DefinitionRatio) => (cible(r) === null ? 'cible à fixer au dialogue de gestion' : null),
          },
        ]
      : []),
    {
      id: 'position',
      libelle: 'Place dans la région',
      valeur: () => null,
      rendu: (r) => <Position valeur={d.ratios[r.id]} distribution={ref.distributions.region[r.id] ?? null} unite={r.unite} perimetre="région" />,
    },
  ];
  const colonnesIndicateur: Colonne<DefinitionIndicateur>[] = [
    { id: 'indicateur', libelle: 'Indicateur', valeur: (i) => i.libelle, lien: (i) => `/evolution/structure/${code}?mesure=${i.id}`, definitionLigne: definitionIndicateur },
    { id: 'n', libelle: libellePeriode(annee, d.au), unite, valeur: (i) => d.indicateurs[i.id], raison: () => 'donnée non transmise' },
    { id: 'n1', libelle: libellePeriode(annee - 1, d.auPrecedent), unite, valeur: (i) => d.precedent?.indicateurs[i.id] ?? null },
    { id: 'evolution', libelle: 'Évolution', unite: (i) => uniteEvolution(i.unite), valeur: (i) => evolution(d.indicateurs[i.id], d.precedent?.indicateurs[i.id], i.unite) },
    { id: 'departement', libelle: 'Département', unite, valeur: (i) => ref.departement.indicateurs[i.id] },
    { id: 'region', libelle: libelleAvecCouverture('Région', ref.region), unite, valeur: (i) => ref.region.indicateurs[i.id] },
    { id: 'national', libelle: libelleAvecCouverture('National', ref.national), unite, valeur: (i) => ref.national.indicateurs[i.id] },
  ];

  return (
    <>
      {segments.length > 0 && <Breadcrumb segments={segments} currentPageLabel={d.structure.nom} className="fr-mb-2w fr-mt-0" />}
      <div className="cpo-barre-outils">
        <div>
          <h1 className="fr-mb-1w">{d.structure.nom}</h1>
          <p className="fr-mb-0">
            Mission locale {d.structure.code} — {ref.departement.nom}, {ref.region.nom} — catalogue {d.catalogue}
          </p>
        </div>
        <ChoixAnnee aDate />
      </div>

      <RecalculEnCours catalogue={d.catalogue} recalculEnCours={d.recalculEnCours} />
      {session.peut('lire_jeunes') && portee.niveau === 'structure' && portee.code === code && <CompteursListe code={code} />}
      <ConventionEtDialogues code={code} dialogues={dialogues.donnees?.dialogues} />
      <p className="fr-mt-2w">
        <Lien href={`/structures/${encodeURIComponent(code)}/donnees-declarees?annee=${annee}`}>Données déclarées : moyens et contexte, et l'historique de leurs changements</Lien>
      </p>

      <h2 className="fr-mt-4w">
        {catalogue.ratios.length > 1 ? `Les ${catalogue.ratios.length} ratios` : 'Le ratio'} de performance {d.au ? libellePeriode(annee, d.au) : `en ${annee}`}
      </h2>
      <p>
        Chaque ratio avec sa valeur {annee - 1}, celles du département, de la région et du pays (somme des numérateurs sur somme des dénominateurs),
        {dialogue ? ` la cible du dialogue de gestion ${annee} (« à fixer » tant qu'elle n'est pas arrêtée) et son atteinte,` : ''} et la place de la ML parmi les {ref.region.structures} ML de sa
        région (boîte : du premier au troisième quartile ; trait : médiane ; point : la ML). Cliquez un ratio pour son évolution.
      </p>
      <ConfianceStructure code={code} annee={annee} page={`/structures/${encodeURIComponent(code)}/qualite?annee=${annee}`} />
      {catalogue.objectifs.map((o) => (
        <Tableau
          key={o.id}
          titre={`Objectif ${o.id} — ${o.libelle_court} (${annee})`}
          description={o.libelle}
          colonnes={colonnesRatio}
          lignes={catalogue.ratios.filter((r) => r.objectif === o.id)}
          cle={(r) => r.id}
        />
      ))}

      <h2 className="fr-mt-4w">Indicateurs</h2>
      <Tabs
        label="Groupes d'indicateurs"
        tabs={catalogue.groupes.map((g) => ({
          label: g.libelle,
          content: (
            <Tableau
              titre={`Indicateurs — ${g.libelle} (${annee})`}
              colonnes={colonnesIndicateur}
              lignes={catalogue.indicateurs.filter((i) => i.groupe === g.id)}
              cle={(i) => i.id}
            />
          ),
        }))}
      />

      <Declinaisons d={d} annee={annee} />
    </>
  );
}

function Declinaisons({ d, annee }: { d: ChiffresStructure; annee: number }) {
  const { catalogue } = useSession();
  const { parametres } = useAdresse();
  const declinables = catalogue.indicateurs.filter((i) => i.declinaisons?.length && d.declinaisons[i.id]);
  const choisi = declinables.find((i) => i.id === parametres.get('declinaison')) ?? declinables[0];
  if (!choisi) return null;
  const parDeclinaison = d.declinaisons[choisi.id];
  return (
    <section className="fr-mt-6w">
      <h2>Déclinaisons en {annee}</h2>
      <Select
        label="Indicateur décliné"
        hint="Sexe, âge au 31 décembre, niveau de formation, quartier prioritaire, zone de revitalisation rurale"
        nativeSelectProps={{ value: choisi.id, onChange: (e) => changerParametre('declinaison', e.target.value) }}
      >
        {declinables.map((i) => (
          <option key={i.id} value={i.id}>
            {i.libelle}
          </option>
        ))}
      </Select>
      <div className="fr-grid-row fr-grid-row--gutters">
        {catalogue.declinaisons
          .filter((dec) => parDeclinaison[dec.id])
          .map((dec) => {
            const modalites = dec.modalites.map((m) => ({ libelle: m.libelle, valeur: parDeclinaison[dec.id][m.id] ?? 0 }));
            const total = modalites.reduce((s, m) => s + m.valeur, 0);
            const titre = `${choisi.libelle} par ${dec.libelle.toLowerCase()} — ${annee}`;
            return (
              <div key={dec.id} className="fr-col-12 fr-col-md-6">
                <Graphique
                  titre={titre}
                  unite={choisi.unite}
                  description={modalites.map((m) => `${m.libelle} : ${formaterValeur(m.valeur, choisi.unite)}`).join(' ; ')}
                  hauteur={260}
                  option={{
                    grid: { left: 130, right: 24, top: 10, bottom: 30 },
                    tooltip: { trigger: 'axis', valueFormatter: (v: number) => formaterValeur(v, choisi.unite) },
                    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formaterValeur(v, choisi.unite) } },
                    yAxis: { type: 'category', inverse: true, data: modalites.map((m) => m.libelle) },
                    series: [{ type: 'bar', name: choisi.libelle, data: modalites.map((m) => m.valeur) }],
                  }}
                  donnees={{
                    titre,
                    entetes: [dec.libelle, choisi.libelle, 'Part'],
                    lignes: modalites.map((m) => [m.libelle, { nombre: m.valeur, unite: choisi.unite }, { nombre: total ? m.valeur / total : null, unite: 'part' }]),
                  }}
                />
              </div>
            );
          })}
      </div>
    </section>
  );
}

/** La convention de la ML et ses dialogues de gestion, pour qui a le droit de les voir. */
interface DialogueML {
  id: number;
  annee: number;
  libelle_etat: string;
  cibles: Record<string, number> | null;
}

function ConventionEtDialogues({ code, dialogues }: { code: string; dialogues?: DialogueML[] }) {
  const conventions = useApi<{ conventions: Convention[] }>(`/api/conventions?structure=${encodeURIComponent(code)}`);
  const c = conventions.donnees?.conventions[0];
  return (
    <div className="fr-callout fr-mt-3w">
      <h2 className="fr-callout__title fr-h6">Convention pluriannuelle d'objectifs</h2>
      <p className="fr-callout__text fr-text--md">
        {c
          ? `Convention n° ${c.numero}, ${c.annee_debut}-${c.annee_fin}, signée le ${dateEnFrancais(c.date_signature)} ; crédit de fonctionnement annuel de référence de l'État : ${formaterValeur(c.montant_reference, 'euros')}.`
          : conventions.donnees
            ? 'Aucune convention enregistrée pour cette Mission locale.'
            : 'Chargement…'}
      </p>
      {dialogues && dialogues.length > 0 && (
        <ul className="fr-mt-1w">
          {dialogues.map((x) => (
            <li key={x.id}>
              <Lien href={`/dialogues/${x.id}`}>
                Dialogue de gestion {x.annee}
              </Lien>{' '}
              — {x.libelle_etat}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
