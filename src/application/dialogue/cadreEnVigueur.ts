// Le cadre du dialogue de gestion en vigueur : le fichier désigné par CPO_CADRE_DIALOGUE, ou celui de
// la CPO 2015-2018.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErreurCadre, validerCadre, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';

const PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'dialogue-de-gestion-2015-2018.json');
const charges = new Map<string, CadreDialogue>();

export function chargerCadre(chemin = process.env.CPO_CADRE_DIALOGUE || PAR_DEFAUT): CadreDialogue {
  let cadre = charges.get(chemin);
  if (!cadre) {
    let brut: unknown;
    try {
      brut = JSON.parse(readFileSync(chemin, 'utf8'));
    } catch (e) {
      throw new ErreurCadre(`cadre du dialogue illisible : ${chemin} (${(e as Error).message})`);
    }
    cadre = validerCadre(brut, chemin);
    charges.set(chemin, cadre);
  }
  return cadre;
}
