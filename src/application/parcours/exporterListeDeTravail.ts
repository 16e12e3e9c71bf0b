// Cas d'usage : exporter la liste de travail d'une ML (toutes les lignes du filtre), pour ses seuls
// utilisateurs ; l'export est inscrit au journal d'audit comme un export nominatif.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { LigneTravail } from '../../domaine/parcours/echeances.ts';
import { auditer } from '../audit.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { autoriserListe, chercherListe, filtreAudite, type FiltreListeDeTravail } from './listeDeTravail.ts';

export async function exporterListeDeTravail(
  base: Base,
  horloge: Horloge,
  utilisateur: Utilisateur,
  codeStructure: string,
  filtre: FiltreListeDeTravail,
  format: 'csv' | 'xlsx',
  origine: string,
): Promise<LigneTravail[]> {
  autoriserListe(utilisateur, codeStructure);
  const jour = horloge.dateDuJour();
  return base.transaction(async (tx) => {
    const { jeunes } = await chercherListe(tx, codeStructure, jour, filtre);
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'exporter_liste_de_travail',
      objet: `structures/${codeStructure}/liste-de-travail.${format}`,
      codeStructure,
      origine,
      details: { format, lignes: jeunes.length, ...filtreAudite(jour, filtre) },
    });
    return jeunes;
  });
}
