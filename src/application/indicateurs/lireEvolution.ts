// Cas d'usage : l'évolution année par année d'une ML ou d'un territoire et de ses références. Le sujet
// est chargé, le périmètre vérifié, et seulement ensuite les chiffres calculés.
import { couvreStructure, couvreTerritoire, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import type { Niveau } from './serviceChiffres.ts';
import { HORS_PERIMETRE, type Situeur } from './situerChiffres.ts';

/** Ce qui calcule : le service des chiffres, ou ce qui garde ses réponses (`T` : ce qu'il rend). */
export interface CalculEvolution<T> {
  evolution(niveau: Niveau, code: string): Promise<T | null>;
}

/** Ce qui est demandé, dit dans les messages. */
const SUJET: Record<Niveau, string> = { structure: 'la Mission locale', departement: 'le département', region: 'la région', national: 'la nation' };

/** « la Mission locale RA01 », « le département 35 », « la nation ». */
export const sujetDe = (niveau: Niveau, code: string) => (niveau === 'national' ? SUJET.national : `${SUJET[niveau]} ${code}`);

export async function lireEvolution<T>(situer: Situeur, chiffres: CalculEvolution<T>, utilisateur: Pick<Utilisateur, 'portee'>, niveau: Niveau, code: string): Promise<T> {
  const sujet = sujetDe(niveau, code);
  const inconnu = `aucun chiffre pour ${sujet}`;
  const couvert =
    niveau === 'structure'
      ? couvreStructure(utilisateur.portee, (await situer.structure(code)) ?? introuvable(inconnu))
      : couvreTerritoire(utilisateur.portee, (await situer.territoire(niveau, code)) ?? introuvable(inconnu));
  exiger(couvert, `${HORS_PERIMETRE} : ${sujet}.`);
  return (await chiffres.evolution(niveau, code)) ?? introuvable(inconnu);
}
