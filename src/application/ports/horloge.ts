// L'heure vue par l'application : un port, pour que les cas d'usage ne lisent jamais l'heure du système
// eux-mêmes. Le serveur et la ligne de commande choisissent l'horloge (dans l'infrastructure : horloge.ts) ;
// les tests en prennent une fixe, qu'ils avancent à la main (test/outils/horloge.ts).
import type { DateCalendaire } from '../../domaine/temps/dates.ts';

export interface Horloge {
  /** L'instant présent. */
  maintenant(): Date;
  /** La date du jour à Paris (AAAA-MM-JJ) : échéances, bornes des dates d'un extrait, nom des fichiers. */
  dateDuJour(): DateCalendaire;
  /** Des millisecondes qui ne reculent pas, pour mesurer une durée (pas une date). */
  ms(): number;
}
