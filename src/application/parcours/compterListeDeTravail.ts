// Cas d'usage : les compteurs de la liste de travail, sur l'accueil de la ML. Des nombres, sans identité :
// pas de ligne d'audit ; mais réservés, comme la liste, aux utilisateurs de la ML.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { Alerte } from '../../domaine/parcours/echeances.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { autoriserListe, chercherListe } from './listeDeTravail.ts';

export async function compterListeDeTravail(
  base: Base,
  horloge: Horloge,
  utilisateur: Utilisateur,
  codeStructure: string,
): Promise<{ jour: DateCalendaire; compteurs: Record<Alerte, number>; total: number }> {
  autoriserListe(utilisateur, codeStructure);
  const { jour, compteurs, jeunes } = await chercherListe(base, codeStructure, horloge.dateDuJour(), {});
  return { jour, compteurs, total: jeunes.length };
}
