// Mode tolérant : les lignes rejetées, recopiées avec leur motif dans un dossier de rejets.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { champCsv } from '../../../domaine/outils/tableur.ts';
import type { LecteurFichiers, LongueursMax } from '../../ports/fichiers.ts';
import type { Rejets } from './signalements.ts';
import type { FichierLu } from './transit.ts';

export async function ecrireRejets(fichiers: LecteurFichiers, lus: FichierLu[], rejets: Rejets, dossier: string, longueurs: LongueursMax) {
  mkdirSync(dossier, { recursive: true });
  for (const lu of lus) {
    if (!lu.lisible) {
      // Fichier illisible en entier (en-tête ou CSV faux) : il est rendu tel quel.
      copyFileSync(lu.chemin, join(dossier, lu.fichier.nom));
      continue;
    }
    const motifs = rejets.get(lu.fichier.nom);
    if (!motifs?.size) continue;
    const sortie: string[] = [];
    let entete = true;
    for await (const { enregistrements } of fichiers.lireCsv(lu.chemin, lu.encodage, longueurs)) {
      for (const { ligne, champs } of enregistrements) {
        if (entete) {
          sortie.push([...champs, 'motif_rejet'].map((c) => champCsv(c)).join(';'));
          entete = false;
        } else if (motifs.has(ligne)) {
          sortie.push([...champs, `ligne ${ligne} : ${motifs.get(ligne)}`].map((c) => champCsv(c)).join(';'));
        }
      }
    }
    writeFileSync(join(dossier, lu.fichier.nom), sortie.join('\n') + '\n');
  }
}
