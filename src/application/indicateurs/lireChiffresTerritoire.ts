// Cas d'usage : les chiffres d'un département, d'une région ou de la nation pour une année (ou à une date). Le
// territoire est chargé, le périmètre vérifié, et seulement ensuite les chiffres calculés.
import { couvreTerritoire, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import { verifierDateAu } from '../../domaine/temps/dates.ts';
import { HORS_PERIMETRE, type Situeur } from './situerChiffres.ts';

/** Ce qui calcule : le service des chiffres, ou ce qui garde ses réponses (`T` : ce qu'il rend). */
export interface CalculTerritoire<T> {
  territoire(annee: number, niveau: 'departement' | 'region' | 'national', code?: string, au?: string): Promise<T | null>;
}

export async function lireChiffresTerritoire<T>(
  situer: Situeur,
  chiffres: CalculTerritoire<T>,
  utilisateur: Pick<Utilisateur, 'portee'>,
  annee: number,
  demande: { niveau: 'departement' | 'region'; code: string } | { niveau: 'national' },
  au?: string,
): Promise<T> {
  verifierDateAu(annee, au);
  if (demande.niveau === 'national') {
    exiger(couvreTerritoire(utilisateur.portee, demande), `${HORS_PERIMETRE} : le tableau national.`);
    return (await chiffres.territoire(annee, 'national', undefined, au)) ?? introuvable('aucune Mission locale en base');
  }
  const { niveau, code } = demande;
  const nom = niveau === 'region' ? 'la région' : 'le département';
  const inconnu = `${nom} ${code} n'a pas de Mission locale en base`;
  const territoire = (await situer.territoire(niveau, code)) ?? introuvable(inconnu);
  exiger(couvreTerritoire(utilisateur.portee, territoire), `${HORS_PERIMETRE} : ${nom} ${code}.`);
  return (await chiffres.territoire(annee, niveau, code, au)) ?? introuvable(inconnu);
}
