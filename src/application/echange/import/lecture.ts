// Étape « lire » : ouvrir l'extrait (dossier ou archive zip, limites de taille appliquées avant toute
// lecture ou décompression au-delà) et trouver les fichiers du format qu'il contient.
import { FICHIERS, type FichierEchange } from '../../../domaine/echange/format.ts';
import { ErreurExtrait, type ExtraitOuvert, type LecteurFichiers } from '../../ports/fichiers.ts';
import { accepter, refuser, type Resultat } from '../../casDUsage.ts';

export interface ExtraitLu {
  extrait: ExtraitOuvert;
  /** Les fichiers du format présents, dans l'ordre des dépendances. */
  presents: FichierEchange[];
}

/** Refusé, avec le motif à dire, si la source ne s'ouvre pas ou ne contient aucun fichier du format. */
export async function lireExtrait(fichiers: LecteurFichiers, source: string, octetsMax: number): Promise<Resultat<ExtraitLu, { motif: string; ignores: string[] }>> {
  let extrait: ExtraitOuvert;
  try {
    extrait = await fichiers.ouvrirExtrait(source, octetsMax);
  } catch (e) {
    if (e instanceof ErreurExtrait) return refuser({ motif: e.message, ignores: [] });
    throw e;
  }
  const presents = FICHIERS.filter((f) => extrait.fichiers.has(f.nom));
  if (presents.length === 0) {
    extrait.nettoyer();
    return refuser({ motif: `aucun fichier du format d'échange dans ${source} (attendus : ${FICHIERS.map((f) => f.nom).join(', ')})`, ignores: extrait.ignores });
  }
  return accepter({ extrait, presents });
}
