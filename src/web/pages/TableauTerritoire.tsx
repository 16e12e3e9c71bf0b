// Un département, une région ou la nation : ses ratios, le tableau de ses ML contre les mesures
// choisies (trié, filtré, exporté), et la distribution d'une mesure parmi ses ML.
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { raisonNonDefini } from '../../domaine/indicateurs/chiffres.ts';
import { evolution, formaterValeur, uniteEvolution } from '../../domaine/indicateurs/format.ts';
import { libelleAvecCouverture, mentionCouverture } from '../../domaine/referentiel/reseau.ts';
import { ChoixAnnee, libellePeriode, usePeriode } from '../composants/ChoixAnnee.tsx';
import { ChoixMesures, useMesuresChoisies } from '../composants/ChoixMesures.tsx';
import { Confiance, texteConfiance, useQualiteTerritoire } from '../composants/Confiance.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Graphique } from '../composants/Graphique.tsx';
import { Tableau, type Colonne } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { definitionRatio, mesures, valeurDe } from '../outils/catalogue.ts';
import { changerParametre, naviguer, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { ChiffresDuTerritoire, DefinitionRatio } from '../types.ts';
import { RecalculEnCours } from '../composants/Provenance.tsx';

type Niveau = 'departement' | 'region' | 'national';
type LigneML = ChiffresDuTerritoire['structures'][number];
const LIBELLES: Record<Niveau, string> = { departement: 'Département', region: 'Région', national: 'National' };

export function TableauTerritoire({ niveau, code }: { niveau: Niveau; code: string }) {
  const { annee, au } = usePeriode();
  const session = useSession();
  const { catalogue } = session;
  const { parametres } = useAdresse();
  const choisies = useMesuresChoisies();
  const url = `${niveau === 'national' ? `/api/annees/${annee}/national` : `/api/annees/${annee}/${niveau}s/${encodeURIComponent(code)}`}${au ? `?au=${au}` : ''}`;
  const { donnees: d, erreur } = useApi<ChiffresDuTerritoire>(url);
  // La qualité des données de toutes les ML d'un territoire se calcule sur demande, après les chiffres :
  // sur la base embarquée (une seule connexion), la calculer d'office retarderait chaque tableau de bord.
  const voirConfiance = parametres.get('confiance') === '1';
  const qualite = useQualiteTerritoire(niveau, code, annee, !!d && voirConfiance);
  const nom = niveau === 'national' ? 'France' : d?.territoire.nom ?? code;
  document.title = `${nom} — tableau de bord ${annee} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement />;

  const portee = session.utilisateur.portee.niveau;
  const segments = [];
  if (niveau !== 'national' && portee === 'national') segments.push({ label: 'National', linkProps: { href: `/national?annee=${annee}` } });
  if (niveau === 'departement' && (portee === 'national' || portee === 'region'))
    segments.push({ label: 'Région', linkProps: { href: `/regions/${d.structures[0].code_region}?annee=${annee}` } });

  const colonnesRatios: Colonne<DefinitionRatio>[] = [
    { id: 'ratio', libelle: 'Ratio', valeur: (r) => r.libelle, definitionLigne: (r) => definitionRatio(catalogue, r) },
    {
      id: 'n',
      libelle: libelleAvecCouverture(libellePeriode(annee, d.au), d.territoire),
      unite: (r) => r.unite,
      valeur: (r) => d.territoire.ratios[r.id],
      raison: (r) => raisonNonDefini(catalogue, r.id, d.territoire.indicateurs),
    },
    { id: 'n1', libelle: libellePeriode(annee - 1, d.auPrecedent), unite: (r) => r.unite, valeur: (r) => d.precedent?.ratios[r.id] ?? null },
    { id: 'evolution', libelle: 'Évolution', unite: (r) => uniteEvolution(r.unite), valeur: (r) => evolution(d.territoire.ratios[r.id], d.precedent?.ratios[r.id], r.unite) },
    { id: 'min', libelle: 'Minimum des ML', unite: (r) => r.unite, valeur: (r) => d.distributions[r.id]?.minimum ?? null },
    { id: 'mediane', libelle: 'Médiane des ML', unite: (r) => r.unite, valeur: (r) => d.distributions[r.id]?.mediane ?? null },
    { id: 'max', libelle: 'Maximum des ML', unite: (r) => r.unite, valeur: (r) => d.distributions[r.id]?.maximum ?? null },
  ];

  // Une référence calculée sur une partie des ML le dit à côté de chaque chiffre : pied des tableaux, en-têtes, exports.
  const couverture = mentionCouverture(d.territoire);
  const ensemble: LigneML = {
    indicateurs: d.territoire.indicateurs,
    ratios: d.territoire.ratios,
    code: `ensemble-${d.territoire.code}`,
    nom: libelleAvecCouverture(`Ensemble — ${nom}`, d.territoire),
    code_departement: '',
    code_region: '',
  };
  const colonnesML: Colonne<LigneML>[] = [
    { id: 'nom', libelle: 'Mission locale', valeur: (m) => m.nom, lien: (m) => (m.code.startsWith('ensemble-') ? undefined : `/structures/${m.code}?annee=${annee}`) },
    { id: 'code', libelle: 'Code', valeur: (m) => (m.code.startsWith('ensemble-') ? '' : m.code) },
    ...(niveau === 'departement' ? [] : [{ id: 'departement', libelle: 'Département', valeur: (m: LigneML) => m.code_departement }]),
    ...choisies.map((mesure) => ({
      id: mesure.id,
      libelle: mesure.libelle,
      unite: mesure.unite,
      definition: mesure.definition,
      valeur: (m: LigneML) => valeurDe(mesure, m),
      raison: mesure.type === 'ratio' ? (m: LigneML) => raisonNonDefini(catalogue, mesure.id, m.indicateurs) : undefined,
    })),
    ...(qualite
      ? [
          {
            id: 'confiance',
            libelle: 'Confiance des données',
            definition: 'Niveau de confiance des chiffres de la ML, d’après les règles de qualité des données (score sur 100).',
            valeur: (m: LigneML) => {
              const q = m.code === ensemble.code ? qualite : qualite.structures.find((s) => s.code === m.code);
              return q ? texteConfiance(q) : null;
            },
          },
        ]
      : []),
  ];

  const mesure = mesures(catalogue).find((m) => m.id === parametres.get('distribution')) ?? choisies.find((m) => m.type === 'ratio') ?? mesures(catalogue)[0];
  const classees = [...d.structures].sort((a, b) => (valeurDe(mesure, b) ?? -Infinity) - (valeurDe(mesure, a) ?? -Infinity));
  const valeurTerritoire = valeurDe(mesure, d.territoire);
  const dist = mesure.type === 'ratio' ? d.distributions[mesure.id] : null;
  const titreGraphique = `${mesure.libelle} — les ${d.structures.length} ML, ${annee}`;

  return (
    <>
      {segments.length > 0 && <Breadcrumb segments={segments} currentPageLabel={nom} className="fr-mb-2w fr-mt-0" />}
      <div className="cpo-barre-outils">
        <div>
          <h1 className="fr-mb-1w">{nom}</h1>
          <p className="fr-mb-0">
            {LIBELLES[niveau]} — {couverture ?? `${d.structures.length} Missions locales`} — catalogue {d.catalogue}
          </p>
        </div>
        <ChoixAnnee aDate />
      </div>

      <RecalculEnCours catalogue={d.catalogue} recalculEnCours={d.recalculEnCours} />
      <h2 className="fr-mt-4w">Les Missions locales {d.au ? libellePeriode(annee, d.au) : `en ${annee}`}</h2>
      <ChoixMesures />
      {!voirConfiance ? (
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm fr-mb-2w" onClick={() => changerParametre('confiance', '1')}>
          Afficher la confiance des données de chaque ML
        </button>
      ) : (
        !qualite && <p className="fr-mb-2w" role="status">Calcul de la confiance des données de chaque ML…</p>
      )}
      <Tableau
        titre={`Missions locales — ${nom}, ${annee}`}
        description="Cliquez un en-tête pour trier, le nom d'une ML pour son tableau de bord. La dernière ligne est l'ensemble du territoire (ratio : somme des numérateurs sur somme des dénominateurs)."
        colonnes={colonnesML}
        lignes={d.structures}
        pied={[ensemble]}
        cle={(m) => m.code}
        filtrable
        triInitial={[{ id: 'nom', desc: false }]}
      />

      <h2 className="fr-mt-4w">Distribution parmi les ML</h2>
      <Select
        label="Mesure"
        nativeSelectProps={{ value: mesure.id, onChange: (e) => changerParametre('distribution', e.target.value) }}
      >
        {mesures(catalogue).map((m) => (
          <option key={m.id} value={m.id}>
            {m.libelle}
          </option>
        ))}
      </Select>
      <Graphique
        titre={titreGraphique}
        unite={mesure.unite}
        description={`Les ML classées de la plus haute à la plus basse valeur. ${dist ? `Médiane ${formaterValeur(dist.mediane, mesure.unite)}, quartiles ${formaterValeur(dist.premierQuartile, mesure.unite)} et ${formaterValeur(dist.troisiemeQuartile, mesure.unite)}.` : ''} Ensemble du territoire${couverture ? ` (${couverture})` : ''} : ${formaterValeur(valeurTerritoire, mesure.unite)}.`}
        hauteur={Math.max(320, classees.length * 22 + 60)}
        surClic={(p) => naviguer(`/structures/${classees[p.dataIndex].code}?annee=${annee}`)}
        option={{
          grid: { left: 220, right: 40, top: 30, bottom: 30 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => formaterValeur(v, mesure.unite) },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formaterValeur(v, mesure.unite) } },
          yAxis: { type: 'category', inverse: true, data: classees.map((m) => m.nom), axisLabel: { width: 200, overflow: 'truncate' } },
          series: [
            {
              type: 'bar',
              name: mesure.libelle,
              data: classees.map((m) => valeurDe(mesure, m)),
              cursor: 'pointer',
              markLine: {
                symbol: 'none',
                label: { formatter: (p: { name: string }) => p.name, position: 'end' },
                data: [
                  ...(valeurTerritoire !== null ? [{ name: 'Territoire', xAxis: valeurTerritoire, lineStyle: { color: '#c9191e' } }] : []),
                  ...(dist ? [{ name: 'Médiane', xAxis: dist.mediane, lineStyle: { color: '#3a3a3a', type: 'dashed' } }] : []),
                ],
              },
            },
          ],
        }}
        donnees={{
          titre: titreGraphique,
          entetes: ['Mission locale', mesure.libelle],
          lignes: classees.map((m) => [m.nom, { nombre: valeurDe(mesure, m), unite: mesure.unite }]),
        }}
      />

      <h2 className="fr-mt-4w">Ratios du territoire</h2>
      {qualite && <Confiance qualite={qualite} />}
      <Tableau titre={`Ratios — ${nom}, ${annee}`} colonnes={colonnesRatios} lignes={catalogue.ratios} cle={(r) => r.id} />

      {d.couvertureRegions && <CouvertureRegions regions={d.couvertureRegions} annee={annee} />}
    </>
  );
}

type LigneCouverture = NonNullable<ChiffresDuTerritoire['couvertureRegions']>[number];

/** Au national : de quelles régions les données sont chargées, et combien de leurs ML. */
function CouvertureRegions({ regions, annee }: { regions: LigneCouverture[]; annee: number }) {
  const total = { code: 'FR', nom: 'France', structures: regions.reduce((s, r) => s + r.structures, 0), attendues: regions.reduce((s, r) => s + r.attendues, 0) };
  return (
    <>
      <h2 className="fr-mt-4w">Régions chargées</h2>
      <Tableau
        titre={`Missions locales chargées par région, ${annee}`}
        description="Les chiffres nationaux sont la somme des seules ML dont les données sont chargées ; le réseau de référence dit combien chaque région en compte."
        colonnes={[
          { id: 'region', libelle: 'Région', valeur: (r: LigneCouverture) => r.nom },
          { id: 'chargees', libelle: 'ML chargées', unite: 'structures', valeur: (r: LigneCouverture) => r.structures },
          { id: 'attendues', libelle: 'ML attendues', unite: 'structures', valeur: (r: LigneCouverture) => r.attendues },
        ]}
        lignes={regions}
        pied={[total]}
        cle={(r) => r.code}
      />
    </>
  );
}
