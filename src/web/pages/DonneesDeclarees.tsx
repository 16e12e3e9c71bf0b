// Les données annuelles déclarées d'une ML : ses moyens (saisis par sa direction), le contexte de son
// territoire (saisi par la DIRECCTE ou la DGEFP, lu par la ML), et l'historique de leurs changements.
// Chaque saisie passe, avant l'envoi, par la règle de l'import que le serveur applique aussi : une
// valeur refusée reste dans son champ, avec son message dessous.
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useEffect, useState } from 'react';
import type { Declarations, LigneHistorique, Valeurs } from '../../application/declarees/lireDeclarations.ts';
import type { RapportTeleversement } from '../../application/declarees/televerser.ts';
import { champsDeclares, indicateurDuChamp, lireDeclaration, type NatureDeclaree } from '../../domaine/declarees/declaration.ts';
import type { Colonne as ColonneFormat } from '../../domaine/echange/format.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { horodatageEnFrancais } from '../../domaine/temps/dates.ts';
import { ChoixAnnee, useAnnee } from '../composants/ChoixAnnee.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Champ, Formulaire, phrase, useErreurs } from '../composants/Formulaire.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { appeler, ErreurApi, useApi } from '../outils/api.ts';
import { useSession } from '../session.tsx';

const TITRES: Record<NatureDeclaree, string> = { moyens: 'Moyens', contexte: 'Contexte du territoire' };

/** Le libellé d'un champ (celui de son indicateur du catalogue) et son unité. */
function useChamp() {
  const { catalogue } = useSession();
  return (champ: string) => {
    const indicateur = catalogue.indicateurs.find((i) => i.id === indicateurDuChamp(champ));
    return { libelle: indicateur?.libelle ?? champ, unite: indicateur?.unite ?? 'nombre' };
  };
}

/** Une valeur déclarée telle qu'on la tape : virgule décimale. */
const enSaisie = (v: string | null | undefined) => (v ?? '').replace('.', ',');

export function DonneesDeclarees({ code }: { code: string }) {
  const annee = useAnnee();
  const { donnees: d, erreur, recharger } = useApi<Declarations>(`/api/structures/${encodeURIComponent(code)}/donnees-declarees`);
  document.title = `Données déclarées — ${d?.structure.nom ?? code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d) return <Chargement texte="Chargement des données déclarées…" />;
  const delAnnee = d.annees.find((a) => a.annee === annee);
  return (
    <>
      <Breadcrumb segments={[{ label: d.structure.nom, linkProps: { href: `/structures/${code}?annee=${annee}` } }]} currentPageLabel="Données déclarées" className="fr-mb-2w fr-mt-0" />
      <div className="cpo-barre-outils">
        <div>
          <h1 className="fr-mb-1w">Données déclarées — {d.structure.nom}</h1>
          <p className="fr-mb-0">Les moyens de la Mission locale et le contexte de son territoire, déclarés pour chaque année ; les chiffres qui en dépendent changent aussitôt.</p>
        </div>
        <ChoixAnnee />
      </div>
      {(['moyens', 'contexte'] as const).map((nature) => (
        <section key={nature} className="fr-mt-4w">
          <h2>
            {TITRES[nature]} {annee}
          </h2>
          {d.peut[nature] ? (
            <FormulaireDeclaration nature={nature} code={code} annee={annee} valeurs={delAnnee?.[nature] ?? null} apres={recharger} />
          ) : (
            <ValeursDeclarees nature={nature} annee={annee} valeurs={delAnnee?.[nature] ?? null} />
          )}
        </section>
      ))}
      {d.peut.moyens && <TeleverserDeclarations nature="moyens" apres={recharger} />}
      <h2 className="fr-mt-4w">Historique des changements</h2>
      <Historique lignes={d.historique} />
    </>
  );
}

function ValeursDeclarees({ nature, annee, valeurs }: { nature: NatureDeclaree; annee: number; valeurs: Valeurs | null }) {
  const champ = useChamp();
  return (
    <Tableau
      titre={`${TITRES[nature]} — valeurs déclarées pour ${annee}`}
      description={nature === 'contexte' ? 'Déclaré par la DIRECCTE ou la DGEFP.' : 'Déclarés par la direction de la Mission locale.'}
      colonnes={[
        { id: 'donnee', libelle: 'Donnée', valeur: (c: ColonneFormat) => champ(c.nom).libelle },
        { id: 'valeur', libelle: 'Valeur', unite: (c: ColonneFormat) => champ(c.nom).unite, valeur: (c: ColonneFormat) => (valeurs?.[c.nom] == null ? null : Number(valeurs[c.nom])), absente: 'non déclarée' },
      ]}
      lignes={[...champsDeclares(nature)]}
      cle={(c) => c.nom}
    />
  );
}

function FormulaireDeclaration({ nature, code, annee, valeurs, apres }: { nature: NatureDeclaree; code: string; annee: number; valeurs: Valeurs | null; apres: () => void }) {
  const champ = useChamp();
  const champs = champsDeclares(nature);
  const depuis = (v: Valeurs | null) => Object.fromEntries(champs.map((c) => [c.nom, enSaisie(v?.[c.nom])]));
  const [saisie, setSaisie] = useState(() => depuis(valeurs));
  // Une autre année, ou les valeurs enregistrées relues : le formulaire les reprend.
  useEffect(() => setSaisie(depuis(valeurs)), [annee, valeurs]);
  const { erreur, verifier } = useErreurs();
  return (
    <Formulaire
      libelle={`Enregistrer ${nature === 'moyens' ? 'les moyens' : 'le contexte'} ${annee}`}
      mention="Un champ vide : donnée non déclarée. Décimales avec une virgule ou un point, sans séparateur de milliers."
      envoyer={async () => {
        // La règle de l'import, avant l'envoi ; le serveur l'applique à nouveau.
        const { manquements } = lireDeclaration(nature, saisie, new Date().toISOString().slice(0, 10));
        verifier(Object.fromEntries(manquements.map((m) => [m.colonne, phrase(m.message)])));
        const r = await appeler<{ changements: unknown[] }>(`/api/structures/${encodeURIComponent(code)}/${nature}/${annee}`, { methode: 'PUT', corps: { valeurs: saisie } });
        apres();
        const n = r.changements.length;
        return n === 0 ? 'Enregistré : aucune valeur n’a changé.' : `Enregistré : ${n} valeur${n > 1 ? 's' : ''} changée${n > 1 ? 's' : ''}, gardée${n > 1 ? 's' : ''} dans l’historique.`;
      }}
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        {champs.map((c) => (
          <div key={c.nom} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
            <Champ
              libelle={champ(c.nom).libelle}
              aide={c.type.nature === 'entier' ? 'Nombre entier' : champ(c.nom).unite.startsWith('euros') ? 'En euros' : undefined}
              valeur={saisie[c.nom]}
              changer={(v) => setSaisie((s) => ({ ...s, [c.nom]: v }))}
              erreur={erreur(c.nom)}
              inputMode={c.type.nature === 'entier' ? 'numeric' : 'decimal'}
            />
          </div>
        ))}
      </div>
    </Formulaire>
  );
}

function Historique({ lignes }: { lignes: LigneHistorique[] }) {
  const champ = useChamp();
  const valeur = (h: LigneHistorique, v: string | null) => (v === null ? 'vide' : formaterValeur(Number(v), champ(h.champ).unite));
  return (
    <Tableau
      titre="Changements des données déclarées, du plus récent au plus ancien"
      colonnes={[
        { id: 'date', libelle: 'Date', valeur: (h) => horodatageEnFrancais(h.horodatage), date: (h) => h.horodatage, insecable: true },
        { id: 'annee', libelle: 'Année', valeur: (h) => String(h.annee) },
        { id: 'donnee', libelle: 'Donnée', valeur: (h) => `${TITRES[h.nature]} — ${champ(h.champ).libelle}` },
        { id: 'ancienne', libelle: 'Ancienne valeur', valeur: (h) => valeur(h, h.ancienne) },
        { id: 'nouvelle', libelle: 'Nouvelle valeur', valeur: (h) => valeur(h, h.nouvelle) },
        { id: 'par', libelle: 'Par', valeur: (h) => h.nom_acteur ?? h.acteur },
      ]}
      lignes={lignes}
      cle={(h) => `${h.horodatage}-${h.nature}-${h.annee}-${h.champ}-${h.nouvelle}`}
      filtrable={lignes.length > 10}
    />
  );
}

/** Un fichier contexte.csv ou moyens.csv pour plusieurs ML (ou années) : tout ou rien, chaque erreur dans un tableau. */
export function TeleverserDeclarations({ nature, apres }: { nature: NatureDeclaree; apres?: () => void }) {
  const [fichier, setFichier] = useState<File>();
  const [refus, setRefus] = useState<RapportTeleversement>();
  const id = `fichier-${nature}`;
  return (
    <section className="fr-mt-4w">
      <h2>Téléverser un fichier {nature}.csv</h2>
      <Formulaire
        libelle="Téléverser"
        envoyer={async () => {
          setRefus(undefined);
          if (!fichier) throw new Error('Choisissez un fichier CSV.');
          try {
            const r = await appeler<RapportTeleversement>(`/api/${nature}/import`, { methode: 'POST', corps: { nom: fichier.name, contenu: await fichier.text() } });
            apres?.();
            return `Fichier ${r.fichier} enregistré : ${r.lignes} ligne(s) lue(s), ${r.lignesChangees} changée(s) (${r.champsChanges} valeur(s)).`;
          } catch (e) {
            if (e instanceof ErreurApi && (e.corps as RapportTeleversement | undefined)?.erreurs) setRefus(e.corps as RapportTeleversement);
            throw e;
          }
        }}
      >
        <div className="fr-upload-group fr-mb-3w">
          <label className="fr-label" htmlFor={id}>
            Fichier CSV
            <span className="fr-hint-text">
              Le format du fichier {nature}.csv de l'extrait : séparateur « ; », en-tête avec code_structure et annee, puis les colonnes à déclarer ({champsDeclares(nature)
                .map((c) => c.nom)
                .join(', ')}) ; une colonne absente ne change pas. Tout ou rien : une erreur, ou une Mission locale hors de votre périmètre, et rien n'est écrit.
            </span>
          </label>
          <input className="fr-upload" type="file" id={id} accept=".csv,text/csv" onChange={(e) => setFichier(e.target.files?.[0])} />
        </div>
      </Formulaire>
      {refus && (
        <Tableau
          titre={`Erreurs du fichier ${refus.fichier}`}
          colonnes={[
            { id: 'ligne', libelle: 'Ligne', valeur: (e) => String(e.ligne) },
            { id: 'colonne', libelle: 'Colonne', valeur: (e) => e.colonne },
            { id: 'valeur', libelle: 'Valeur', valeur: (e) => e.valeur },
            { id: 'message', libelle: 'Message', valeur: (e) => e.message },
          ]}
          lignes={refus.erreurs}
          cle={(e) => `${e.ligne}-${e.colonne}-${e.message}`}
        />
      )}
    </section>
  );
}
