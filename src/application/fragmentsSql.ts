// Les fragments SQL qui reviennent d'un cas d'usage à l'autre, écrits une fois. Ceux qui sont des
// fonctions reçoivent une expression SQL écrite par le code (une colonne, now(), un paramètre $n), jamais une valeur.

/** Un horodatage à l'heure de Paris, en texte AAAA-MM-JJTHH:MM:SS : ce que l'application montre et garde. */
export const horodatageParis = (expression: string) => `to_char(${expression} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS')`;

/** Le jour (AAAA-MM-JJ) d'un horodatage, à l'heure de Paris. */
export const jourParis = (expression: string) => `to_char(${expression} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`;

/** Minuit, heure de Paris, du jour donné (une date SQL) : la borne d'une recherche par jours. */
export const minuitParis = (jour: string) => `(${jour})::timestamp AT TIME ZONE 'Europe/Paris'`;

/** Une Mission locale avec son département et sa région, nommés : la ligne de `SELECT_ML_SITUEES`. */
export interface LigneMlSituee {
  code_structure: string;
  nom: string;
  code_departement: string;
  nom_departement: string;
  code_region: string;
  nom_region: string;
}

/** Les Missions locales et les noms de leur département et de leur région (alias m, d, r) ; l'appelant ajoute WHERE et ORDER BY. */
export const SELECT_ML_SITUEES = `SELECT m.code_structure, m.nom, m.code_departement, d.nom AS nom_departement, m.code_region, r.nom AS nom_region
  FROM mission_locale m JOIN departement d ON d.code = m.code_departement JOIN region r ON r.code = m.code_region`;
