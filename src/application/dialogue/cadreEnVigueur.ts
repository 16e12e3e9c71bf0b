// Le cadre du dialogue de gestion en vigueur : le fichier désigné par CPO_CADRE_DIALOGUE, ou celui de
// la CPO 2015-2018.
import { join } from 'node:path';
import { lireJson } from '../lireJson.ts';
import { ErreurCadre, validerCadre, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';

const PAR_DEFAUT = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'dialogue-de-gestion-2015-2018.json');
const charges = new Map<string, CadreDialogue>();

export function chargerCadre(chemin = process.env.CPO_CADRE_DIALOGUE || PAR_DEFAUT): CadreDialogue {
  let cadre = charges.get(chemin);
  if (!cadre) {
    const brut = lireJson(chemin, 'cadre du dialogue illisible', ErreurCadre);
    cadre = validerCadre(brut, chemin);
    charges.set(chemin, cadre);
  }
  return cadre;
}
