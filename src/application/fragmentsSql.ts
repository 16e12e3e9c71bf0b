// Les fragments SQL qui reviennent d'un cas d'usage à l'autre, écrits une fois. Ils reçoivent une
// expression SQL écrite par le code (une colonne, now(), un paramètre $n), jamais une valeur.

/** Un horodatage à l'heure de Paris, en texte AAAA-MM-JJTHH:MM:SS : ce que l'application montre et garde. */
export const horodatageParis = (expression: string) => `to_char(${expression} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS')`;

/** Le jour (AAAA-MM-JJ) d'un horodatage, à l'heure de Paris. */
export const jourParis = (expression: string) => `to_char(${expression} AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')`;

/** Minuit, heure de Paris, du jour donné (une date SQL) : la borne d'une recherche par jours. */
export const minuitParis = (jour: string) => `(${jour})::timestamp AT TIME ZONE 'Europe/Paris'`;
