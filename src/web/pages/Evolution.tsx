// L'évolution 2015-2018 d'un indicateur ou d'un ratio, pour une ML (ou un territoire) et ses références.
import { Select } from '@codegouvfr/react-dsfr/Select';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { libelleAvecCouverture } from '../../domaine/referentiel/reseau.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Graphique } from '../composants/Graphique.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { Definition } from '../composants/Definition.tsx';
import { useApi } from '../outils/api.ts';
import { mesures, valeurDe } from '../outils/catalogue.ts';
import { changerParametre, Lien, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { Evolution as DonneesEvolution } from '../types.ts';

const NIVEAUX = { structure: 'Mission locale', departement: 'Département', region: 'Région', national: 'National' } as const;

export function Evolution({ niveau, code }: { niveau: keyof typeof NIVEAUX; code: string }) {
  const { catalogue } = useSession();
  const { parametres } = useAdresse();
  const { donnees: d, erreur } = useApi<DonneesEvolution>(`/api/evolution/${niveau}/${encodeURIComponent(code)}`);
  const toutes = mesures(catalogue);
  const mesure = toutes.find((m) => m.id === parametres.get('mesure')) ?? toutes[0];
  const sujet = d?.series[0];
  document.title = `Évolution — ${mesure.libelle} — ${sujet?.nom ?? code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d || !sujet) return <Chargement />;

  const titre = `${mesure.libelle} — ${sujet.nom}, ${d.annees[0]}-${d.annees.at(-1)}`;
  const serie = (i: number) => d.series[i].valeurs.map((v) => valeurDe(mesure, v));
  const lignes = d.annees.map((annee, i) => ({ annee, valeurs: d.series.map((s) => valeurDe(mesure, s.valeurs[i])) }));
  const nomSerie = (s: DonneesEvolution['series'][number]) =>
    libelleAvecCouverture(s.niveau === 'national' ? 'National' : `${NIVEAUX[s.niveau as keyof typeof NIVEAUX]} — ${s.nom}`, s.couverture);
  const retour = niveau === 'structure' ? `/structures/${code}` : niveau === 'national' ? '/national' : `/${niveau}s/${code}`;

  return (
    <>
      <p className="fr-mb-1w">
        <Lien href={retour} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Tableau de bord — {sujet.nom}
        </Lien>
      </p>
      <h1>Évolution {d.annees[0]}-{d.annees.at(-1)}</h1>
      <Select label="Indicateur ou ratio" nativeSelectProps={{ value: mesure.id, onChange: (e) => changerParametre('mesure', e.target.value) }}>
        <optgroup label="Ratios">
          {toutes
            .filter((m) => m.type === 'ratio')
            .map((m) => (
              <option key={m.id} value={m.id}>
                {m.libelle}
              </option>
            ))}
        </optgroup>
        {catalogue.groupes.map((g) => (
          <optgroup key={g.id} label={`Indicateurs — ${g.libelle}`}>
            {catalogue.indicateurs
              .filter((i) => i.groupe === g.id)
              .map((i) => (
                <option key={i.id} value={i.id}>
                  {i.libelle}
                </option>
              ))}
          </optgroup>
        ))}
      </Select>
      <p>
        <strong>Définition</strong>
        <Definition titre={mesure.libelle} texte={mesure.definition} /> : {mesure.definition}
      </p>
      <Graphique
        titre={titre}
        unite={mesure.unite}
        description={d.series.map((s, i) => `${nomSerie(s)} : ${serie(i).map((v, j) => `${d.annees[j]} ${formaterValeur(v, mesure.unite)}`).join(', ')}`).join('. ')}
        option={{
          legend: { bottom: 0 },
          grid: { left: 80, right: 30, top: 20, bottom: 60 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => formaterValeur(v, mesure.unite) },
          xAxis: { type: 'category', data: d.annees.map(String) },
          yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formaterValeur(v, mesure.unite) } },
          series: d.series.map((s, i) => ({ type: 'line', name: nomSerie(s), data: serie(i), connectNulls: false, symbolSize: 8, lineStyle: { width: i === 0 ? 3 : 1.5 } })),
        }}
        donnees={{
          titre,
          entetes: ['Année', ...d.series.map(nomSerie)],
          lignes: lignes.map((l) => [String(l.annee), ...l.valeurs.map((v) => ({ nombre: v, unite: mesure.unite }))]),
        }}
      />
      <Tableau
        titre={titre}
        colonnes={[
          { id: 'annee', libelle: 'Année', valeur: (l) => String(l.annee) },
          ...d.series.map((s, i) => ({ id: `${s.niveau}-${s.code}`, libelle: nomSerie(s), unite: mesure.unite, valeur: (l: (typeof lignes)[number]) => l.valeurs[i] })),
        ]}
        lignes={lignes}
        cle={(l) => String(l.annee)}
      />
    </>
  );
}
