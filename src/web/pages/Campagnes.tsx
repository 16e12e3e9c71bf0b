// Les campagnes de dialogue de gestion et les conventions : la DIRECCTE ouvre la campagne de sa
// région et enregistre les conventions ; les autres les consultent.
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Formulaire } from '../composants/Formulaire.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { appeler, useApi } from '../outils/api.ts';
import { naviguer } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';
import type { StructureListee } from '../types.ts';
import type { Convention as ConventionEnregistree } from '../../application/dialogue/conventions.ts';

interface Campagne {
  id: number;
  annee: number;
  code_region: string;
  nom_region: string;
  ouverte_le: string;
  echeance_autodiagnostic: string;
  echeance_entretien: string;
  echeance_signature: string;
}
export type Convention = ConventionEnregistree & { nom: string };

export function Campagnes() {
  const session = useSession();
  const campagnes = useApi<{ campagnes: Campagne[] }>(session.peut('lire_campagnes') ? '/api/campagnes' : null);
  const conventions = useApi<{ conventions: Convention[] }>('/api/conventions');
  document.title = 'Campagnes et conventions — CPO Missions locales';
  const region = session.utilisateur.portee.niveau === 'region' ? session.utilisateur.portee.code : null;
  return (
    <>
      <h1>Dialogue de gestion</h1>
      <h2>Campagnes</h2>
      {campagnes.erreur && <ErreurAppel erreur={campagnes.erreur} />}
      {campagnes.donnees ? (
        <Tableau
          titre="Campagnes de votre périmètre"
          colonnes={[
            { id: 'annee', libelle: 'Année', valeur: (c) => String(c.annee), lien: (c) => `/campagnes/${c.id}` },
            { id: 'region', libelle: 'Région', valeur: (c) => c.nom_region },
            { id: 'ouverte', libelle: 'Ouverte le', valeur: (c) => dateEnFrancais(c.ouverte_le.slice(0, 10)), date: (c) => c.ouverte_le.slice(0, 10) },
            { id: 'auto', libelle: 'Autodiagnostics', valeur: (c) => dateEnFrancais(c.echeance_autodiagnostic), date: (c) => c.echeance_autodiagnostic },
            { id: 'entretiens', libelle: 'Entretiens', valeur: (c) => dateEnFrancais(c.echeance_entretien), date: (c) => c.echeance_entretien },
            { id: 'signatures', libelle: 'Signatures', valeur: (c) => dateEnFrancais(c.echeance_signature), date: (c) => c.echeance_signature },
          ]}
          lignes={campagnes.donnees.campagnes}
          cle={(c) => String(c.id)}
        />
      ) : (
        !campagnes.erreur && session.peut('lire_campagnes') && <Chargement />
      )}
      {session.peut('ouvrir_campagne') && region && <OuvrirCampagne region={region} />}

      <h2 className="fr-mt-6w">Conventions pluriannuelles d'objectifs</h2>
      {conventions.erreur && <ErreurAppel erreur={conventions.erreur} />}
      {conventions.donnees && <TableauConventions conventions={conventions.donnees.conventions} />}
      {session.peut('gerer_conventions') && <GererConventions recharger={conventions.recharger} />}
    </>
  );
}

export function TableauConventions({ conventions }: { conventions: Convention[] }) {
  return (
    <Tableau
      titre="Conventions"
      colonnes={[
        { id: 'nom', libelle: 'Mission locale', valeur: (c) => c.nom, lien: (c) => `/structures/${c.code_structure}` },
        { id: 'numero', libelle: 'Numéro', valeur: (c) => c.numero },
        { id: 'periode', libelle: 'Période', valeur: (c) => `${c.annee_debut}-${c.annee_fin}` },
        { id: 'signature', libelle: 'Signée le', valeur: (c) => dateEnFrancais(c.date_signature), date: (c) => c.date_signature },
        { id: 'montant', libelle: 'Crédit annuel de référence', unite: 'euros', valeur: (c) => c.montant_reference },
      ]}
      lignes={conventions}
      cle={(c) => c.code_structure}
      filtrable={conventions.length > 10}
    />
  );
}

function OuvrirCampagne({ region }: { region: string }) {
  const { annees } = useSession();
  const proposees = [...annees.slice(1), (annees.at(-1) ?? 2018) + 1];
  const [annee, setAnnee] = useState(String(annees.at(-1) ?? 2018));
  const [echeances, setEcheances] = useState({ echeanceAutodiagnostic: '', echeanceEntretien: '', echeanceSignature: '' });
  const date = (cle: keyof typeof echeances, label: string) => (
    <Input label={label} nativeInputProps={{ type: 'date', required: true, value: echeances[cle], onChange: (e) => setEcheances({ ...echeances, [cle]: e.target.value }) }} />
  );
  return (
    <Formulaire
      titre="Ouvrir une campagne"
      libelle="Ouvrir la campagne"
      envoyer={async () => {
        const c = await appeler<{ id: number }>('/api/campagnes', { methode: 'POST', corps: { annee: Number(annee), region, ...echeances } });
        naviguer(`/campagnes/${c.id}`);
      }}
    >
      <p>Ouvrir la campagne fige les chiffres de l'année précédente de chaque Mission locale de la région et crée leur dialogue de gestion.</p>
      <Select label="Année de la campagne" nativeSelectProps={{ value: annee, onChange: (e) => setAnnee(e.target.value) }}>
        {proposees.map((a) => (
          <option key={a} value={a}>
            {a} (chiffres {a - 1})
          </option>
        ))}
      </Select>
      {date('echeanceAutodiagnostic', 'Échéance des autodiagnostics')}
      {date('echeanceEntretien', 'Échéance des entretiens')}
      {date('echeanceSignature', 'Échéance des signatures')}
    </Formulaire>
  );
}

function GererConventions({ recharger }: { recharger: () => void }) {
  const structures = useApi<{ structures: StructureListee[] }>('/api/structures');
  const vide = { code_structure: '', numero: '', annee_debut: '2015', annee_fin: '2018', date_signature: '', montant_reference: '' };
  const [c, setC] = useState(vide);
  const [fichier, setFichier] = useState<File>();
  const champ = (cle: keyof typeof vide, label: string, type = 'text') => (
    <Input label={label} nativeInputProps={{ type, required: true, value: c[cle], onChange: (e) => setC({ ...c, [cle]: e.target.value }) }} />
  );
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mt-2w">
      <div className="fr-col-12 fr-col-md-6">
        <Formulaire
          titre="Enregistrer une convention"
          libelle="Enregistrer"
          envoyer={async () => {
            await appeler('/api/conventions', {
              methode: 'POST',
              corps: { ...c, annee_debut: Number(c.annee_debut), annee_fin: Number(c.annee_fin), montant_reference: Number(c.montant_reference.replace(/\s/g, '')) },
            });
            setC(vide);
            recharger();
            return 'Convention enregistrée.';
          }}
        >
          <Select label="Mission locale" nativeSelectProps={{ required: true, value: c.code_structure, onChange: (e) => setC({ ...c, code_structure: e.target.value }) }}>
            <option value="">Choisir…</option>
            {structures.donnees?.structures.map((s) => (
              <option key={s.code} value={s.code}>
                {s.nom}
              </option>
            ))}
          </Select>
          {champ('numero', 'Numéro de la convention')}
          {champ('annee_debut', 'Première année', 'number')}
          {champ('annee_fin', 'Dernière année', 'number')}
          {champ('date_signature', 'Date de signature', 'date')}
          {champ('montant_reference', 'Crédit de fonctionnement annuel de référence (€)', 'number')}
        </Formulaire>
      </div>
      <div className="fr-col-12 fr-col-md-6">
        <Formulaire
          titre="Importer des conventions (CSV)"
          libelle="Importer"
          envoyer={async () => {
            if (!fichier) throw new Error('Choisissez un fichier CSV.');
            const r = await appeler<{ conventions: number }>('/api/conventions/import', { methode: 'POST', corps: { nom: fichier.name, contenu: await fichier.text() } });
            recharger();
            return `${formaterValeur(r.conventions, 'conventions')} convention(s) importée(s).`;
          }}
        >
          <div className="fr-upload-group fr-mb-3w">
            <label className="fr-label" htmlFor="fichier-conventions">
              Fichier CSV
              <span className="fr-hint-text">
                Séparateur « ; », en-tête : code_structure;numero;annee_debut;annee_fin;date_signature;montant_reference. Tout ou rien : une erreur, rien n'est écrit.
              </span>
            </label>
            <input className="fr-upload" type="file" id="fichier-conventions" accept=".csv,text/csv" onChange={(e) => setFichier(e.target.files?.[0])} />
          </div>
        </Formulaire>
      </div>
    </div>
  );
}
