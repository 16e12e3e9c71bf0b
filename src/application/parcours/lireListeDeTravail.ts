// Cas d'usage : la liste de travail d'une ML à la date du jour, pour ses seuls utilisateurs ; chaque
// lecture est inscrite au journal d'audit (les jeunes lus), dans la même transaction.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { auditer } from '../audit.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { autoriserListe, chercherListe, filtreAudite, type FiltreListeDeTravail, type ListeDeTravail } from './listeDeTravail.ts';

export async function lireListeDeTravail(
  base: Base,
  horloge: Horloge,
  utilisateur: Utilisateur,
  codeStructure: string,
  filtre: FiltreListeDeTravail,
  origine: string,
): Promise<ListeDeTravail & { conseillers: string[] }> {
  autoriserListe(utilisateur, codeStructure);
  const jour = horloge.dateDuJour();
  return base.transaction(async (tx) => {
    const liste = await chercherListe(tx, codeStructure, jour, filtre);
    // Les conseillers référents de la ML, pour le filtre.
    const conseillers = await tx.query<{ id_conseiller: string }>(
      `SELECT DISTINCT id_conseiller COLLATE "C" AS id_conseiller FROM jeune WHERE code_structure = $1 AND id_conseiller IS NOT NULL ORDER BY 1`,
      [codeStructure],
    );
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'lire_liste_de_travail',
      objet: `structures/${codeStructure}/liste-de-travail`,
      codeStructure,
      origine,
      details: { ...filtreAudite(jour, filtre), lus: liste.jeunes.map((j) => j.id_jeune) },
    });
    return { ...liste, conseillers: conseillers.map((c) => c.id_conseiller) };
  });
}
