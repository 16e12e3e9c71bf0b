// Les dossiers des jeunes tels que leur ML les lit : les colonnes de la liste (les mêmes à l'écran et
// dans ses exports) et la frise chronologique du parcours d'un jeune.
import { formaterValeur } from '../indicateurs/format.ts';
import {
  BESOINS_DIAGNOSTIC,
  LIBELLES_AIDE,
  LIBELLES_BESOIN,
  LIBELLES_CONTRAT,
  LIBELLES_DISPOSITIF,
  LIBELLES_EVENEMENT,
  LIBELLES_MOTIF_FIN,
  LIBELLES_SITUATION,
} from '../referentiel/codes.ts';
import { dateEnFrancais, type DateCalendaire } from '../temps/dates.ts';
import type { OrigineLigne } from './saisie.ts';

export interface JeuneListe {
  id_jeune: string;
  nom: string | null;
  prenom: string | null;
  date_naissance: DateCalendaire;
  sexe: string;
  date_premier_accueil: DateCalendaire;
  id_conseiller: string | null;
}

/** Les colonnes de la liste ; chacune se trie sur le serveur, sur toute la liste. */
export const COLONNES_JEUNES = [
  { id: 'nom', libelle: 'Nom', valeur: (j: JeuneListe) => j.nom ?? '(identité effacée)' },
  { id: 'prenom', libelle: 'Prénom', valeur: (j: JeuneListe) => j.prenom ?? '' },
  { id: 'id', libelle: 'Identifiant', valeur: (j: JeuneListe) => j.id_jeune },
  { id: 'naissance', libelle: 'Date de naissance', valeur: (j: JeuneListe) => dateEnFrancais(j.date_naissance) },
  { id: 'sexe', libelle: 'Sexe', valeur: (j: JeuneListe) => j.sexe },
  { id: 'accueil', libelle: 'Premier accueil', valeur: (j: JeuneListe) => dateEnFrancais(j.date_premier_accueil) },
  { id: 'conseiller', libelle: 'Conseiller', valeur: (j: JeuneListe) => j.id_conseiller ?? '' },
] as const;

export type TriJeunes = (typeof COLONNES_JEUNES)[number]['id'];
export const TRIS_JEUNES = COLONNES_JEUNES.map((c) => c.id) as [TriJeunes, ...TriJeunes[]];

/** Chaque ligne du dossier dit d'où elle vient : saisie dans l'application ou reçue par dépôt (décision 0030). */
type AvecOrigine<T> = T & { origine: OrigineLigne };

export interface DossierJeune {
  jeune: AvecOrigine<
    JeuneListe & {
      courriel: string | null;
      telephone: string | null;
      /** Jour où la durée de conservation a effacé l'identité. */
      anonymise_le: DateCalendaire | null;
      niveau_formation: string | null;
      commune_residence: string | null;
      qpv: boolean | null;
      zrr: boolean | null;
      rqth: boolean | null;
      inscrit_pole_emploi: boolean | null;
    }
  >;
  evenements: AvecOrigine<{ id_evenement: string; date: DateCalendaire; type: string; id_conseiller: string | null }>[];
  diagnostics: AvecOrigine<{ id_diagnostic: string; date: DateCalendaire; id_conseiller: string | null } & Record<`besoin_${(typeof BESOINS_DIAGNOSTIC)[number]}`, boolean | null>>[];
  dispositifs: AvecOrigine<{ id_dispositif: string; type: string; date_debut: DateCalendaire; date_fin: DateCalendaire | null; motif_fin: string | null }>[];
  phases: AvecOrigine<{
    id_phase: string;
    id_dispositif: string | null;
    objectif: string;
    date_debut: DateCalendaire;
    date_fin_prevue: DateCalendaire | null;
    date_fin: DateCalendaire | null;
    evaluation: string | null;
  }>[];
  situations: AvecOrigine<{
    id_situation: string;
    categorie: string;
    type_contrat: string | null;
    date_debut: DateCalendaire;
    date_fin_prevue: DateCalendaire | null;
    date_fin: DateCalendaire | null;
  }>[];
  aides: AvecOrigine<{ id_aide: string; type: string; date: DateCalendaire; montant: number }>[];
}

export type NatureEtape =
  | 'accueil'
  | 'diagnostic'
  | 'debut_dispositif'
  | 'debut_phase'
  | 'debut_situation'
  | 'evenement'
  | 'aide'
  | 'fin_situation'
  | 'fin_phase'
  | 'fin_dispositif';

/** Les étapes de l'Annexe 1 : repérage et accueil, diagnostic, contractualisation, accompagnement en phases, situations, sortie. */
export type EtapeAnnexe1 = 'accueil' | 'diagnostic' | 'contractualisation' | 'accompagnement' | 'situations' | 'sortie';
export const LIBELLES_ETAPE_ANNEXE1: Record<EtapeAnnexe1, string> = {
  accueil: 'Accueil',
  diagnostic: 'Diagnostic',
  contractualisation: 'Contractualisation',
  accompagnement: 'Accompagnement',
  situations: 'Emploi, formation',
  sortie: 'Sortie',
};
const ANNEXE1: Record<NatureEtape, EtapeAnnexe1> = {
  accueil: 'accueil',
  diagnostic: 'diagnostic',
  debut_dispositif: 'contractualisation',
  debut_phase: 'accompagnement',
  fin_phase: 'accompagnement',
  evenement: 'accompagnement',
  aide: 'accompagnement',
  debut_situation: 'situations',
  fin_situation: 'situations',
  fin_dispositif: 'sortie',
};

export interface Etape {
  date: DateCalendaire;
  nature: NatureEtape;
  /** L'étape de l'Annexe 1 où elle se place. */
  annexe1: EtapeAnnexe1;
  titre: string;
  detail: string | null;
  origine: OrigineLigne;
}

/** Le même jour, un parcours se lit dans cet ordre : on entre avant d'être reçu, on sort en dernier. */
const RANG: Record<NatureEtape, number> = {
  accueil: 0,
  diagnostic: 1,
  debut_dispositif: 2,
  debut_phase: 3,
  debut_situation: 4,
  evenement: 5,
  aide: 6,
  fin_situation: 7,
  fin_phase: 8,
  fin_dispositif: 9,
};

const libelle = (libelles: Record<string, string>, code: string) => libelles[code] ?? code;

/** Une situation en clair : « Emploi (CDD) ». */
export function situation(s: Pick<DossierJeune['situations'][number], 'categorie' | 'type_contrat'>): string {
  return libelle(LIBELLES_SITUATION, s.categorie) + (s.type_contrat ? ` (${libelle(LIBELLES_CONTRAT, s.type_contrat)})` : '');
}

/** Les besoins d'un diagnostic en mots : « besoins : emploi, mobilité ; sans besoin : logement ». */
export function besoinsDuDiagnostic(g: DossierJeune['diagnostics'][number]): string {
  const ceux = (v: boolean) => BESOINS_DIAGNOSTIC.filter((b) => g[`besoin_${b}`] === v).map((b) => LIBELLES_BESOIN[b]);
  const parts = [ceux(true).length ? `besoins : ${ceux(true).join(', ')}` : null, ceux(false).length ? `sans besoin : ${ceux(false).join(', ')}` : null];
  return parts.filter(Boolean).join(' ; ') || 'besoins non renseignés';
}

/** Le parcours d'un jeune en étapes datées, dans l'ordre : premier accueil, diagnostics, dispositifs, phases, situations, événements, aides. */
export function friseDuParcours(d: DossierJeune): Etape[] {
  const etapes: Etape[] = [];
  const ajouter = (e: Omit<Etape, 'annexe1'>) => etapes.push({ ...e, annexe1: ANNEXE1[e.nature] });
  ajouter({ date: d.jeune.date_premier_accueil, nature: 'accueil', titre: 'Premier accueil à la Mission locale', detail: null, origine: d.jeune.origine });
  for (const g of d.diagnostics) ajouter({ date: g.date, nature: 'diagnostic', titre: 'Diagnostic', detail: besoinsDuDiagnostic(g), origine: g.origine });
  for (const x of d.dispositifs) {
    const nom = libelle(LIBELLES_DISPOSITIF, x.type);
    ajouter({ date: x.date_debut, nature: 'debut_dispositif', titre: `Entrée en ${nom}`, detail: x.date_fin ? null : 'en cours', origine: x.origine });
    if (x.date_fin)
      ajouter({ date: x.date_fin, nature: 'fin_dispositif', titre: `Sortie de ${nom}`, detail: x.motif_fin ? `motif : ${libelle(LIBELLES_MOTIF_FIN, x.motif_fin)}` : null, origine: x.origine });
  }
  for (const p of d.phases) {
    const prevue = !p.date_fin && p.date_fin_prevue ? `fin prévue le ${dateEnFrancais(p.date_fin_prevue)}` : null;
    ajouter({ date: p.date_debut, nature: 'debut_phase', titre: `Phase : ${p.objectif}`, detail: prevue, origine: p.origine });
    if (p.date_fin) ajouter({ date: p.date_fin, nature: 'fin_phase', titre: `Fin de phase : ${p.objectif}`, detail: p.evaluation ? `évaluation : ${p.evaluation}` : null, origine: p.origine });
  }
  for (const s of d.situations) {
    const prevue = !s.date_fin && s.date_fin_prevue ? `fin prévue le ${dateEnFrancais(s.date_fin_prevue)}` : null;
    ajouter({ date: s.date_debut, nature: 'debut_situation', titre: `Début : ${situation(s)}`, detail: prevue, origine: s.origine });
    if (s.date_fin) ajouter({ date: s.date_fin, nature: 'fin_situation', titre: `Fin : ${situation(s)}`, detail: null, origine: s.origine });
  }
  for (const e of d.evenements)
    ajouter({ date: e.date, nature: 'evenement', titre: libelle(LIBELLES_EVENEMENT, e.type), detail: e.id_conseiller ? `conseiller ${e.id_conseiller}` : null, origine: e.origine });
  for (const a of d.aides) ajouter({ date: a.date, nature: 'aide', titre: `Aide : ${libelle(LIBELLES_AIDE, a.type)}`, detail: formaterValeur(a.montant, 'euros'), origine: a.origine });
  // Tri stable : à date et nature égales, l'ordre des lignes (par date de début, puis identifiant) reste.
  return etapes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : RANG[a.nature] - RANG[b.nature]));
}
