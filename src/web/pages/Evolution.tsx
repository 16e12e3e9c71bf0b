// L'évolution d'un indicateur ou d'un ratio, pour une ML (ou un territoire) et ses références : année
// par année, ou mois par mois (l'année N et N-1 à chaque fin de mois, demandées un mois après l'autre
// pour montrer la progression du calcul).
import { Select } from '@codegouvfr/react-dsfr/Select';
import { SegmentedControl } from '@codegouvfr/react-dsfr/SegmentedControl';
import { useEffect, useState } from 'react';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { libelleAvecCouverture } from '../../domaine/referentiel/reseau.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { ChoixAnnee, useAnnee } from '../composants/ChoixAnnee.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { COULEURS, Graphique } from '../composants/Graphique.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { Definition } from '../composants/Definition.tsx';
import { appeler, ErreurApi, useApi } from '../outils/api.ts';
import { mesures, valeurDe, type Mesure } from '../outils/catalogue.ts';
import { changerParametre, Lien, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { Evolution as DonneesEvolution, EvolutionMensuelle } from '../types.ts';

const NIVEAUX = { structure: 'Mission locale', departement: 'Département', region: 'Région', national: 'National' } as const;
type Niveau = keyof typeof NIVEAUX;
type Serie = DonneesEvolution['series'][number];

const nomSerie = (s: Pick<Serie, 'niveau' | 'nom' | 'couverture'>) =>
  libelleAvecCouverture(s.niveau === 'national' ? 'National' : `${NIVEAUX[s.niveau as Niveau]} — ${s.nom}`, s.couverture);

const MOIS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2001, i, 1)));
const nomDuMois = (mois: number, forme: 'long' | 'short') =>
  new Intl.DateTimeFormat('fr-FR', { month: forme, timeZone: 'UTC' }).format(MOIS[mois - 1]).replace(/^./, (c) => c.toUpperCase());

export function Evolution({ niveau, code }: { niveau: Niveau; code: string }) {
  const { catalogue } = useSession();
  const { parametres } = useAdresse();
  const parMois = parametres.get('vue') === 'mois';
  const annee = useAnnee();
  const annuelle = useApi<DonneesEvolution>(parMois ? null : `/api/evolution/${niveau}/${encodeURIComponent(code)}`);
  const mensuelle = useSerieMensuelle(parMois ? `/api/evolution/${niveau}/${encodeURIComponent(code)}/mois/${annee}` : null);
  const toutes = mesures(catalogue);
  const mesure = toutes.find((m) => m.id === parametres.get('mesure')) ?? toutes[0];
  const sujet = (parMois ? mensuelle.donnees : annuelle.donnees)?.series[0];
  const nom = sujet?.nom ?? code;
  document.title = `Évolution${parMois ? ' mois par mois' : ''} — ${mesure.libelle} — ${nom} — CPO Missions locales`;
  const retour = niveau === 'structure' ? `/structures/${code}` : niveau === 'national' ? '/national' : `/${niveau}s/${code}`;
  const d = annuelle.donnees;

  return (
    <>
      <p className="fr-mb-1w">
        <Lien href={retour} className="fr-link fr-icon-arrow-left-line fr-link--icon-left">
          Tableau de bord — {nom}
        </Lien>
      </p>
      <h1>{parMois ? `Évolution mois par mois, ${annee} et ${annee - 1}` : d ? `Évolution ${d.annees[0]}-${d.annees.at(-1)}` : 'Évolution'}</h1>
      <div className="cpo-barre-outils">
        <SegmentedControl
          legend="Affichage"
          segments={[
            { label: 'Années', nativeInputProps: { checked: !parMois, onChange: () => changerParametre('vue', null) } },
            { label: `Mois par mois (N et N-1)`, nativeInputProps: { checked: parMois, onChange: () => changerParametre('vue', 'mois') } },
          ]}
        />
        {parMois && <ChoixAnnee />}
      </div>
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
      {parMois ? (
        <ParMois etat={mensuelle} mesure={mesure} annee={annee} />
      ) : annuelle.erreur ? (
        <ErreurAppel erreur={annuelle.erreur} />
      ) : !d || !sujet ? (
        <Chargement />
      ) : (
        <ParAnnee d={d} mesure={mesure} />
      )}
    </>
  );
}

function ParAnnee({ d, mesure }: { d: DonneesEvolution; mesure: Mesure }) {
  const titre = `${mesure.libelle} — ${d.series[0].nom}, ${d.annees[0]}-${d.annees.at(-1)}`;
  const serie = (i: number) => d.series[i].valeurs.map((v) => valeurDe(mesure, v));
  const lignes = d.annees.map((annee, i) => ({ annee, valeurs: d.series.map((s) => valeurDe(mesure, s.valeurs[i])) }));
  return (
    <>
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

interface EtatMensuel {
  /** Les mois reçus jusqu'ici, réunis en une seule série. */
  donnees?: EvolutionMensuelle;
  erreur?: ErreurApi;
  termine: boolean;
}

/** Ajoute un mois reçu à ceux d'avant (mêmes séries, dans le même ordre). */
const ajouterMois = (avant: EvolutionMensuelle | undefined, mois: EvolutionMensuelle): EvolutionMensuelle =>
  !avant
    ? mois
    : {
        ...avant,
        mois: [...avant.mois, ...mois.mois],
        au: [...avant.au, ...mois.au],
        auPrecedent: [...avant.auPrecedent, ...mois.auPrecedent],
        series: avant.series.map((s, i) => ({ ...s, valeurs: [...s.valeurs, ...mois.series[i].valeurs], precedent: [...s.precedent, ...mois.series[i].precedent] })),
      };

/** La série mensuelle, demandée un mois après l'autre : chaque mois calculé s'affiche, et la progression avec. */
function useSerieMensuelle(adresse: string | null): EtatMensuel {
  const [etat, setEtat] = useState<EtatMensuel & { adresse: string | null }>({ adresse: null, termine: false });
  useEffect(() => {
    if (!adresse) return;
    let actif = true;
    setEtat({ adresse, termine: false });
    (async () => {
      let donnees: EvolutionMensuelle | undefined;
      for (let mois = 1; mois <= 12 && actif; mois++) {
        donnees = ajouterMois(donnees, await appeler<EvolutionMensuelle>(`${adresse}?mois=${mois}`));
        if (actif) setEtat({ adresse, donnees, termine: mois === 12 });
      }
    })().catch((erreur) => actif && setEtat({ adresse, termine: true, erreur: erreur instanceof ErreurApi ? erreur : new ErreurApi(0, 'interne', String(erreur)) }));
    return () => {
      actif = false;
    };
  }, [adresse]);
  return etat.adresse === adresse ? etat : { termine: false };
}

function ParMois({ etat, mesure, annee }: { etat: EtatMensuel; mesure: Mesure; annee: number }) {
  const { donnees: d, erreur, termine } = etat;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  const recus = d?.mois.length ?? 0;
  const progression = !termine && (
    <div role="status" aria-live="polite" className="fr-mb-3w">
      <p className="fr-mb-1w">
        Calcul des chiffres à chaque fin de mois de {annee} et {annee - 1} : {recus} mois sur 12…
      </p>
      <progress max={12} value={recus} aria-label={`Mois calculés : ${recus} sur 12`} style={{ width: '100%' }} />
    </div>
  );
  if (!d) return <>{progression}</>;

  const dernier = d.au.filter((au) => au !== null).at(-1);
  const titre = `${mesure.libelle} — ${d.series[0].nom}, mois par mois, ${annee} et ${annee - 1}`;
  const description = `Chaque valeur : l'année du 1er janvier à la fin du mois. ${
    d.au.includes(null) ? (dernier ? `${annee} : mois finis, jusqu'au ${dateEnFrancais(dernier)}.` : `Aucun mois de ${annee} n'est encore fini.`) : ''
  }`;
  const mois = d.mois.map((m) => nomDuMois(m, 'short'));
  // N en trait plein, N-1 en tirets, de la même couleur pour un même territoire.
  const courbes = d.series.flatMap((s, i) => [
    { nom: `${nomSerie(s)} — ${annee}`, valeurs: s.valeurs.map((v) => valeurDe(mesure, v)), couleur: COULEURS[i % COULEURS.length], tirets: false, epaisseur: i === 0 ? 3 : 1.5 },
    { nom: `${nomSerie(s)} — ${annee - 1}`, valeurs: s.precedent.map((v) => valeurDe(mesure, v)), couleur: COULEURS[i % COULEURS.length], tirets: true, epaisseur: i === 0 ? 2 : 1 },
  ]);
  const lignes = d.mois.map((m, j) => ({ mois: m, au: d.au[j], valeurs: courbes.map((c) => c.valeurs[j]) }));
  const libelleMois = (m: number) => `Fin ${nomDuMois(m, 'long').toLowerCase()}`;
  return (
    <>
      {progression}
      <Graphique
        titre={titre}
        unite={mesure.unite}
        description={`${description} ${courbes.map((c) => `${c.nom} : ${c.valeurs.map((v, j) => `${mois[j]} ${formaterValeur(v, mesure.unite)}`).join(', ')}`).join('. ')}`}
        option={{
          legend: { bottom: 0 },
          grid: { left: 80, right: 30, top: 20, bottom: 90 },
          tooltip: { trigger: 'axis', valueFormatter: (v: number) => formaterValeur(v, mesure.unite) },
          xAxis: { type: 'category', data: MOIS.map((_, i) => nomDuMois(i + 1, 'short')) },
          yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v: number) => formaterValeur(v, mesure.unite) } },
          series: courbes.map((c) => ({
            type: 'line',
            name: c.nom,
            data: c.valeurs,
            connectNulls: false,
            symbolSize: 6,
            itemStyle: { color: c.couleur },
            lineStyle: { color: c.couleur, width: c.epaisseur, type: c.tirets ? 'dashed' : 'solid' },
          })),
        }}
        hauteur={380}
        donnees={{
          titre,
          entetes: ['Mois', ...courbes.map((c) => c.nom)],
          lignes: lignes.map((l) => [libelleMois(l.mois), ...l.valeurs.map((v) => ({ nombre: v, unite: mesure.unite }))]),
        }}
      />
      <Tableau
        titre={titre}
        description={description}
        colonnes={[
          { id: 'mois', libelle: 'Mois', valeur: (l) => libelleMois(l.mois) },
          ...courbes.map((c, i) => ({
            id: `courbe-${i}`,
            libelle: c.nom,
            unite: mesure.unite,
            valeur: (l: (typeof lignes)[number]) => l.valeurs[i],
            raison: (l: (typeof lignes)[number]) => (i % 2 === 0 && l.au === null ? `mois de ${annee} pas encore fini` : null),
          })),
        ]}
        lignes={lignes}
        cle={(l) => String(l.mois)}
      />
    </>
  );
}
