// Cas d'usage : les chiffres d'une ML pour une année (ou l'année à une date, avec N-1 à la même date). La ML est chargée, le périmètre vérifié, et
// seulement ensuite les chiffres calculés : un refus ne coûte aucun calcul.
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import { verifierDateAu } from '../../domaine/temps/dates.ts';
import { HORS_PERIMETRE, type Situeur } from './situerChiffres.ts';

/** Ce qui calcule : le service des chiffres, ou ce qui garde ses réponses (`T` : ce qu'il rend). */
export interface CalculStructure<T> {
  structure(annee: number, code: string, au?: string): Promise<T | null>;
}

export async function lireChiffresStructure<T>(
  situer: Situeur,
  chiffres: CalculStructure<T>,
  utilisateur: Pick<Utilisateur, 'portee'>,
  annee: number,
  code: string,
  au?: string,
): Promise<T> {
  verifierDateAu(annee, au);
  const inconnue = `Mission locale inconnue : ${code}`;
  const ml = (await situer.structure(code)) ?? introuvable(inconnue);
  exiger(couvreStructure(utilisateur.portee, ml), `${HORS_PERIMETRE} : la Mission locale ${code}.`);
  return (await chiffres.structure(annee, code, au)) ?? introuvable(inconnue);
}
