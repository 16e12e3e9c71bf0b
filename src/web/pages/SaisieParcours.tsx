// Les formulaires de saisie du parcours (Annexe 1) : premier accueil, diagnostic, contrat, phase,
// événement, situation, aide, et les fins (sortie d'un dispositif, évaluation d'une phase, fin d'une
// situation). Le serveur applique les règles de l'import ; un refus garde les valeurs saisies et met
// chaque message sous son champ.
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import type { DossierJeune } from '../../domaine/parcours/dossier.ts';
import type { NatureSaisie } from '../../domaine/parcours/saisie.ts';
import {
  BESOINS_DIAGNOSTIC,
  CATEGORIES_SITUATION,
  LIBELLES_AIDE,
  LIBELLES_BESOIN,
  LIBELLES_CONTRAT,
  LIBELLES_DISPOSITIF,
  LIBELLES_EVENEMENT,
  LIBELLES_MOTIF_FIN,
  LIBELLES_SITUATION,
  MOTIFS_FIN_DISPOSITIF,
  NIVEAUX_FORMATION,
  TYPES_AIDE,
  TYPES_CONTRAT,
  TYPES_DISPOSITIF,
  TYPES_EVENEMENT,
} from '../../domaine/referentiel/codes.ts';
import { dateEnFrancais, lireDate } from '../../domaine/temps/dates.ts';
import { Champ, CHAMPS_OBLIGATOIRES, ChampsACorriger, Formulaire, phrase, type Erreurs } from '../composants/Formulaire.tsx';
import { appeler, ErreurApi } from '../outils/api.ts';

type Options = [string, string][];
interface DefChamp {
  nom: string;
  libelle: string;
  sorte: 'texte' | 'date' | 'montant' | 'zone' | 'choix' | 'ouiNon';
  options?: Options;
  requis?: boolean;
  aide?: string;
}

const options = (codes: readonly string[], libelles: Record<string, string>): Options => codes.map((c) => [c, libelles[c] ?? c]);
const OUI_NON: Options = [
  ['1', 'oui'],
  ['0', 'non'],
];
const date = (nom: string, libelle: string, requis = true): DefChamp => ({ nom, libelle, sorte: 'date', requis, aide: 'JJ/MM/AAAA' });
const choix = (nom: string, libelle: string, o: Options, requis = true): DefChamp => ({ nom, libelle, sorte: 'choix', options: o, requis });
const ouiNon = (nom: string, libelle: string): DefChamp => ({ nom, libelle, sorte: 'ouiNon', options: OUI_NON });

const CHAMPS_ACCUEIL: DefChamp[] = [
  { nom: 'nom', libelle: 'Nom', sorte: 'texte' },
  { nom: 'prenom', libelle: 'Prénom', sorte: 'texte' },
  date('date_naissance', 'Date de naissance'),
  choix('sexe', 'Sexe', [
    ['F', 'femme'],
    ['H', 'homme'],
  ]),
  date('date_premier_accueil', 'Date du premier accueil'),
  choix('niveau_formation', 'Niveau de formation', NIVEAUX_FORMATION.map((n) => [n, `niveau ${n.replace('BIS', ' bis')}`]), false),
  { nom: 'commune_residence', libelle: 'Commune de résidence (code INSEE)', sorte: 'texte' },
  ouiNon('qpv', 'Habite un quartier prioritaire (QPV)'),
  ouiNon('zrr', 'Habite une zone de revitalisation rurale (ZRR)'),
  ouiNon('rqth', 'Travailleur handicapé reconnu (RQTH)'),
  ouiNon('inscrit_pole_emploi', 'Inscrit à Pôle emploi'),
  { nom: 'courriel', libelle: 'Courriel', sorte: 'texte' },
  { nom: 'telephone', libelle: 'Téléphone', sorte: 'texte' },
  { nom: 'id_conseiller', libelle: 'Conseiller référent (identifiant)', sorte: 'texte' },
];

interface PropsFormulaire {
  titre: string;
  bouton: string;
  champs: DefChamp[];
  /** L'adresse de l'API (sous /api/structures/:code/jeunes) et la méthode ; `cible` : la ligne choisie d'un formulaire de fin. */
  adresse: (cible: string) => { chemin: string; methode: 'POST' | 'PATCH' };
  /** Un formulaire de fin : la ligne à terminer, parmi celles en cours. */
  cible?: { libelle: string; options: Options };
  code: string;
  apres: (r: { id_jeune: string; id: string }) => string;
}

/** Un formulaire de saisie : contrôle des dates et des champs obligatoires avant l'envoi, messages du serveur sous les champs. */
function FormulaireSaisie({ titre, bouton, champs, adresse, cible, code, apres }: PropsFormulaire) {
  const vide = () => Object.fromEntries(champs.map((c) => [c.nom, '']));
  const [valeurs, setValeurs] = useState<Record<string, string>>(vide);
  const [choisie, setChoisie] = useState('');
  const [erreurs, setErreurs] = useState<Erreurs>({});
  if (cible && cible.options.length === 0) return null;
  const envoyer = async () => {
    const trouvees: Erreurs = {};
    if (cible && !choisie) trouvees.cible = `Champ obligatoire : choisissez ${cible.libelle.toLowerCase()}.`;
    for (const c of champs) {
      const v = valeurs[c.nom].trim();
      if (c.requis && !v) trouvees[c.nom] = 'Champ obligatoire.';
      else if (c.sorte === 'date' && v && !lireDate(v)) trouvees[c.nom] = 'Date du calendrier attendue, au format JJ/MM/AAAA (par exemple 14/03/2017).';
    }
    setErreurs(trouvees);
    const nombre = Object.keys(trouvees).length;
    if (nombre) throw new ChampsACorriger(nombre);
    const { chemin, methode } = adresse(choisie);
    // Les champs laissés vides ne sont pas envoyés : dans une modification, ils ne changent pas.
    const envoyes = Object.fromEntries(Object.entries(valeurs).filter(([, v]) => v.trim() !== ''));
    try {
      const r = await appeler<{ id_jeune: string; id: string }>(`/api/structures/${encodeURIComponent(code)}/jeunes${chemin}`, { methode, corps: { valeurs: envoyes } });
      setValeurs(vide());
      setChoisie('');
      return apres(r);
    } catch (e) {
      const fautifs = e instanceof ErreurApi ? (e.corps as { erreurs?: { champ: string; message: string }[] } | undefined)?.erreurs : undefined;
      // Les valeurs restent dans leurs champs ; chaque message va sous le sien, et le résumé nomme les champs
      // par leur libellé (le message du serveur nomme la colonne du format d'échange).
      const places = (fautifs ?? []).filter((f) => champs.some((c) => c.nom === f.champ));
      if (places.length) setErreurs(Object.fromEntries(places.map((f) => [f.champ, phrase(f.message)])));
      if (places.length && places.length === fautifs!.length) {
        const libelles = [...new Set(places.map((f) => `« ${champs.find((c) => c.nom === f.champ)!.libelle} »`))];
        throw new Error(`Saisie refusée, rien n'a été écrit : voyez le message sous ${libelles.length > 1 ? 'les champs' : 'le champ'} ${libelles.join(', ')}.`);
      }
      throw e;
    }
  };
  return (
    <Formulaire titre={titre} libelle={bouton} mention={CHAMPS_OBLIGATOIRES} envoyer={envoyer} priorite="secondary">
      <div className="fr-grid-row fr-grid-row--gutters">
        {cible && (
          <div className="fr-col-12 fr-col-md-6">
            <Liste libelle={cible.libelle} requis options={cible.options} valeur={choisie} changer={setChoisie} erreur={erreurs.cible || undefined} />
          </div>
        )}
        {champs.map((c) => (
          <div key={c.nom} className={c.sorte === 'zone' ? 'fr-col-12' : 'fr-col-12 fr-col-md-6 fr-col-lg-4'}>
            {c.options ? (
              <Liste libelle={c.libelle} requis={c.requis} options={c.options} valeur={valeurs[c.nom]} changer={(v) => setValeurs((s) => ({ ...s, [c.nom]: v }))} erreur={erreurs[c.nom] || undefined} />
            ) : (
              <Champ
                libelle={c.libelle}
                aide={c.aide ?? (c.sorte === 'montant' ? 'En euros, décimales avec une virgule' : undefined)}
                requis={c.requis}
                valeur={valeurs[c.nom]}
                changer={(v) => setValeurs((s) => ({ ...s, [c.nom]: v }))}
                erreur={erreurs[c.nom] || undefined}
                inputMode={c.sorte === 'montant' ? 'decimal' : undefined}
                zone={c.sorte === 'zone'}
              />
            )}
          </div>
        ))}
      </div>
    </Formulaire>
  );
}

function Liste({ libelle, options: o, valeur, changer, requis, erreur }: { libelle: string; options: Options; valeur: string; changer: (v: string) => void; requis?: boolean; erreur?: string }) {
  return (
    <Select
      label={requis ? `${libelle} *` : libelle}
      state={erreur ? 'error' : 'default'}
      stateRelatedMessage={erreur}
      nativeSelectProps={{ value: valeur, required: requis, 'aria-invalid': erreur ? true : undefined, onChange: (e) => changer(e.target.value) }}
    >
      <option value="">{requis ? '— choisir —' : 'non renseigné'}</option>
      {o.map(([v, l]) => (
        <option key={v} value={v}>
          {l}
        </option>
      ))}
    </Select>
  );
}

/** Le premier accueil d'un nouveau jeune : son dossier est créé, puis ouvert. */
export function PremierAccueil({ code, ouvrir }: { code: string; ouvrir: (id: string) => void }) {
  return (
    <FormulaireSaisie
      titre="Premier accueil d'un nouveau jeune"
      bouton="Créer le dossier"
      champs={CHAMPS_ACCUEIL}
      code={code}
      adresse={() => ({ chemin: '', methode: 'POST' })}
      apres={(r) => {
        ouvrir(r.id_jeune);
        return `Dossier ${r.id_jeune} créé.`;
      }}
    />
  );
}

const periode = (debut: string, fin: string | null) => `du ${dateEnFrancais(debut)}${fin ? ` au ${dateEnFrancais(fin)}` : ''}`;

/** Les saisies du dossier d'un jeune, dans l'ordre de l'Annexe 1. */
export function SaisiesDuDossier({ code, dossier, apres }: { code: string; dossier: DossierJeune; apres: () => void }) {
  const id = dossier.jeune.id_jeune;
  const ajouter = (nature: NatureSaisie) => () => ({ chemin: `/${encodeURIComponent(id)}/${nature}`, methode: 'POST' as const });
  const modifier = (nature: NatureSaisie) => (ligne: string) => ({ chemin: `/${encodeURIComponent(id)}/${nature}/${encodeURIComponent(ligne)}`, methode: 'PATCH' as const });
  const fait = (quoi: string) => () => {
    apres();
    return `${quoi} : enregistré dans le dossier.`;
  };
  const dispositifs: Options = dossier.dispositifs.map((d) => [d.id_dispositif, `${LIBELLES_DISPOSITIF[d.type as keyof typeof LIBELLES_DISPOSITIF] ?? d.type} ${periode(d.date_debut, d.date_fin)}`]);
  const enCours = <T extends { date_fin: string | null }>(lignes: T[], option: (l: T) => [string, string]) => lignes.filter((l) => !l.date_fin).map(option);
  const saisies: Omit<PropsFormulaire, 'code'>[] = [
    {
      titre: 'Diagnostic',
      bouton: 'Enregistrer le diagnostic',
      champs: [date('date', 'Date du diagnostic'), ...BESOINS_DIAGNOSTIC.map((b) => ouiNon(`besoin_${b}`, `Besoin : ${LIBELLES_BESOIN[b]}`)), { nom: 'id_conseiller', libelle: 'Conseiller (identifiant)', sorte: 'texte' }],
      adresse: ajouter('diagnostics'),
      apres: fait('Diagnostic'),
    },
    {
      titre: 'Contrat ou dispositif',
      bouton: "Enregistrer l'entrée",
      champs: [choix('type', 'Dispositif', options(TYPES_DISPOSITIF, LIBELLES_DISPOSITIF)), date('date_debut', "Date d'entrée (signature)")],
      adresse: ajouter('dispositifs'),
      apres: fait('Entrée en dispositif'),
    },
    {
      titre: "Phase d'accompagnement",
      bouton: 'Enregistrer la phase',
      champs: [
        { nom: 'objectif', libelle: 'Objectif de la phase', sorte: 'texte', requis: true },
        date('date_debut', 'Début de la phase'),
        date('date_fin_prevue', 'Fin prévue de la phase', false),
        choix('id_dispositif', 'Dans le dispositif', dispositifs, false),
      ],
      adresse: ajouter('phases'),
      apres: fait('Phase'),
    },
    {
      titre: 'Événement',
      bouton: "Enregistrer l'événement",
      champs: [choix('type', "Type d'événement", options(TYPES_EVENEMENT, LIBELLES_EVENEMENT)), date('date', "Date de l'événement"), { nom: 'id_conseiller', libelle: 'Conseiller (identifiant)', sorte: 'texte' }],
      adresse: ajouter('evenements'),
      apres: fait('Événement'),
    },
    {
      titre: 'Situation',
      bouton: 'Enregistrer la situation',
      champs: [
        choix('categorie', 'Situation', options(CATEGORIES_SITUATION, LIBELLES_SITUATION)),
        choix('type_contrat', 'Type de contrat', options(TYPES_CONTRAT, LIBELLES_CONTRAT), false),
        date('date_debut', 'Début de la situation'),
        date('date_fin_prevue', 'Fin prévue de la situation', false),
      ],
      adresse: ajouter('situations'),
      apres: fait('Situation'),
    },
    {
      titre: 'Aide financière',
      bouton: "Enregistrer l'aide",
      champs: [choix('type', "Type d'aide", options(TYPES_AIDE, LIBELLES_AIDE)), date('date', "Date de l'aide"), { nom: 'montant', libelle: 'Montant', sorte: 'montant', requis: true }],
      adresse: ajouter('aides'),
      apres: fait('Aide'),
    },
    {
      titre: "Fin d'une phase et son évaluation",
      bouton: 'Enregistrer la fin de la phase',
      cible: { libelle: 'Phase', options: enCours(dossier.phases, (p) => [p.id_phase, `${p.objectif} (${periode(p.date_debut, null)})`]) },
      champs: [date('date_fin', 'Fin de la phase'), { nom: 'evaluation', libelle: 'Évaluation de la phase', sorte: 'zone' }],
      adresse: modifier('phases'),
      apres: fait('Fin de phase'),
    },
    {
      titre: "Fin d'une situation",
      bouton: 'Enregistrer la fin de la situation',
      cible: { libelle: 'Situation', options: enCours(dossier.situations, (s) => [s.id_situation, `${LIBELLES_SITUATION[s.categorie as keyof typeof LIBELLES_SITUATION] ?? s.categorie} (${periode(s.date_debut, null)})`]) },
      champs: [date('date_fin', 'Fin de la situation')],
      adresse: modifier('situations'),
      apres: fait('Fin de situation'),
    },
    {
      titre: "Sortie d'un dispositif",
      bouton: 'Enregistrer la sortie',
      cible: { libelle: 'Dispositif', options: enCours(dossier.dispositifs, (d) => [d.id_dispositif, `${LIBELLES_DISPOSITIF[d.type as keyof typeof LIBELLES_DISPOSITIF] ?? d.type} (${periode(d.date_debut, null)})`]) },
      champs: [date('date_fin', 'Date de sortie'), choix('motif_fin', 'Motif de sortie', options(MOTIFS_FIN_DISPOSITIF, LIBELLES_MOTIF_FIN))],
      adresse: modifier('dispositifs'),
      apres: fait('Sortie'),
    },
  ];
  return (
    <section aria-labelledby="saisir" className="fr-mt-4w">
      <h2 id="saisir">Saisir une étape</h2>
      <p>
        Chaque saisie passe par les règles des extraits (âge à l'entrée d'un dispositif, contrats qui se chevauchent, PACEA au plus un mois après le diagnostic, dates) et
        s'inscrit au journal d'audit ; les chiffres de la Mission locale en tiennent compte aussitôt. Une ligne saisie ici n'est plus remplacée par un dépôt.
      </p>
      {saisies.map((saisie) => (
        <FormulaireSaisie key={saisie.titre} code={code} {...saisie} />
      ))}
    </section>
  );
}
