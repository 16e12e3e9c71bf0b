// Les durées du cadre (cadre-cpo.md §2) : limites des dispositifs, et seuils de la liste de travail du
// conseiller (« Mes jeunes »). Des constantes nommées, non un catalogue : voir la décision 0031.

/** CIVIS : un an, renouvelable ; plus d'entrée après le 31 décembre 2016 (DERNIERE_ENTREE_CIVIS). */
export const DUREE_CIVIS_MOIS = 12;
/** PACEA : au plus 24 mois consécutifs. */
export const DUREE_MAX_PACEA_MOIS = 24;
/** Garantie jeunes : 12 mois, prolongeables jusqu'à 6 mois. */
export const DUREE_GARANTIE_JEUNES_MOIS = 12;
export const PROLONGATION_MAX_GARANTIE_JEUNES_MOIS = 6;
/** Parrainage : environ 6 mois (une durée indicative, non une borne). */
export const DUREE_PARRAINAGE_MOIS = 6;
/** Le contrat (CIVIS, PACEA) est signé au plus un mois après le diagnostic. */
export const DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS = 1;

/** Liste de travail [défaut] : sans contact depuis 3 mois. */
export const SANS_CONTACT_MOIS = 3;
/** Liste de travail [défaut] : une limite de PACEA ou de Garantie jeunes atteinte dans les 30 jours. */
export const PREAVIS_ECHEANCE_JOURS = 30;
