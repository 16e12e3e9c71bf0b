// Règles qui lient les champs d'une même ligne (format-echange.md, « Checks beyond types »).
import { DERNIERE_ENTREE_CIVIS, PREMIERE_ENTREE_PACEA } from '../referentiel/codes.ts';
import { dateEnFrancais } from '../temps/dates.ts';

export interface Manquement {
  colonne: string;
  valeur: string;
  message: string;
}

type Ligne = Record<string, string | null>;
type Regle = (l: Ligne) => Manquement | null;

/** Début après fin : l'erreur porte sur la date de début, qui cite la fin. */
const debutAvantFin = (debut: string, fin: string): Regle => (l) =>
  l[debut] && l[fin] && l[debut]! > l[fin]!
    ? { colonne: debut, valeur: l[debut]!, message: `date de début postérieure à ${fin} (${l[fin]})` }
    : null;

const REGLES: Record<string, Regle[]> = {
  'structures.csv': [debutAvantFin('date_debut', 'date_fin')],
  'dispositifs.csv': [
    debutAvantFin('date_debut', 'date_fin'),
    (l) =>
      l.type === 'CIVIS' && l.date_debut && l.date_debut > DERNIERE_ENTREE_CIVIS
        ? { colonne: 'date_debut', valeur: l.date_debut, message: `entrée en CIVIS après le ${dateEnFrancais(DERNIERE_ENTREE_CIVIS)} : le CIVIS a été remplacé par le PACEA` }
        : null,
    (l) =>
      l.type === 'PACEA' && l.date_debut && l.date_debut < PREMIERE_ENTREE_PACEA
        ? { colonne: 'date_debut', valeur: l.date_debut, message: `entrée en PACEA avant le ${dateEnFrancais(PREMIERE_ENTREE_PACEA)}, date de création du PACEA` }
        : null,
  ],
  'phases.csv': [debutAvantFin('date_debut', 'date_fin_prevue'), debutAvantFin('date_debut', 'date_fin')],
  'situations.csv': [debutAvantFin('date_debut', 'date_fin_prevue'), debutAvantFin('date_debut', 'date_fin')],
};

/** Les manquements d'une ligne dont chaque valeur a déjà passé le contrôle de type. */
export function controlerLigne(fichier: string, ligne: Ligne): Manquement[] {
  const manquements: Manquement[] = [];
  for (const regle of REGLES[fichier] ?? []) {
    const m = regle(ligne);
    if (m) manquements.push(m);
  }
  return manquements;
}
