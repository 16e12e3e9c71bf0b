// Les dossiers des jeunes tels que leur ML les lit : les colonnes de la liste (les mêmes à l'écran et
// dans ses exports) et la frise chronologique du parcours d'un jeune.
import { formaterValeur } from '../indicateurs/format.ts';
import {
  LIBELLES_AIDE,
  LIBELLES_CONTRAT,
  LIBELLES_DISPOSITIF,
  LIBELLES_EVENEMENT,
  LIBELLES_MOTIF_FIN,
  LIBELLES_SITUATION,
} from '../referentiel/codes.ts';
import { dateEnFrancais, type DateCalendaire } from '../temps/dates.ts';

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

export interface DossierJeune {
  jeune: JeuneListe & {
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
  };
  evenements: { id_evenement: string; date: DateCalendaire; type: string; id_conseiller: string | null }[];
  dispositifs: { id_dispositif: string; type: string; date_debut: DateCalendaire; date_fin: DateCalendaire | null; motif_fin: string | null }[];
  situations: {
    id_situation: string;
    categorie: string;
    type_contrat: string | null;
    date_debut: DateCalendaire;
    date_fin_prevue: DateCalendaire | null;
    date_fin: DateCalendaire | null;
  }[];
  aides: { id_aide: string; type: string; date: DateCalendaire; montant: number }[];
}

export type NatureEtape = 'accueil' | 'debut_dispositif' | 'debut_situation' | 'evenement' | 'aide' | 'fin_situation' | 'fin_dispositif';

export interface Etape {
  date: DateCalendaire;
  nature: NatureEtape;
  titre: string;
  detail: string | null;
}

/** Le même jour, un parcours se lit dans cet ordre : on entre avant d'être reçu, on sort en dernier. */
const RANG: Record<NatureEtape, number> = { accueil: 0, debut_dispositif: 1, debut_situation: 2, evenement: 3, aide: 4, fin_situation: 5, fin_dispositif: 6 };

const libelle = (libelles: Record<string, string>, code: string) => libelles[code] ?? code;

/** Une situation en clair : « Emploi (CDD) ». */
export function situation(s: Pick<DossierJeune['situations'][number], 'categorie' | 'type_contrat'>): string {
  return libelle(LIBELLES_SITUATION, s.categorie) + (s.type_contrat ? ` (${libelle(LIBELLES_CONTRAT, s.type_contrat)})` : '');
}

/** Le parcours d'un jeune en étapes datées, dans l'ordre : premier accueil, dispositifs, situations, événements, aides. */
export function friseDuParcours(d: DossierJeune): Etape[] {
  const etapes: Etape[] = [{ date: d.jeune.date_premier_accueil, nature: 'accueil', titre: 'Premier accueil à la Mission locale', detail: null }];
  for (const x of d.dispositifs) {
    const nom = libelle(LIBELLES_DISPOSITIF, x.type);
    etapes.push({ date: x.date_debut, nature: 'debut_dispositif', titre: `Entrée en ${nom}`, detail: x.date_fin ? null : 'en cours' });
    if (x.date_fin)
      etapes.push({ date: x.date_fin, nature: 'fin_dispositif', titre: `Sortie de ${nom}`, detail: x.motif_fin ? `motif : ${libelle(LIBELLES_MOTIF_FIN, x.motif_fin)}` : null });
  }
  for (const s of d.situations) {
    const prevue = !s.date_fin && s.date_fin_prevue ? `fin prévue le ${dateEnFrancais(s.date_fin_prevue)}` : null;
    etapes.push({ date: s.date_debut, nature: 'debut_situation', titre: `Début : ${situation(s)}`, detail: prevue });
    if (s.date_fin) etapes.push({ date: s.date_fin, nature: 'fin_situation', titre: `Fin : ${situation(s)}`, detail: null });
  }
  for (const e of d.evenements)
    etapes.push({ date: e.date, nature: 'evenement', titre: libelle(LIBELLES_EVENEMENT, e.type), detail: e.id_conseiller ? `conseiller ${e.id_conseiller}` : null });
  for (const a of d.aides) etapes.push({ date: a.date, nature: 'aide', titre: `Aide : ${libelle(LIBELLES_AIDE, a.type)}`, detail: formaterValeur(a.montant, 'euros') });
  // Tri stable : à date et nature égales, l'ordre des lignes (par date de début, puis identifiant) reste.
  return etapes.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : RANG[a.nature] - RANG[b.nature]));
}
