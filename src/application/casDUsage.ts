// La forme commune d'un cas d'usage qui écrit et qui se trace. L'acte tourne dans une transaction et
// rend un résultat explicite : accepté ou refusé. La ligne d'audit s'écrit une fois et une seule :
// dans la même transaction si l'acte aboutit ; après l'annulation s'il est refusé (un refus ne change
// rien) ; s'il échoue, si la base le permet encore, avant que la panne remonte.
import type { Base, Requeteur } from './ports/base.ts';
import { auditer, type Trace } from './audit.ts';

export type Resultat<T, R> = { accepte: true; valeur: T } | { accepte: false; refus: R };

export const accepter = <T>(valeur: T) => ({ accepte: true, valeur }) as const;
export const refuser = <R>(refus: R) => ({ accepte: false, refus }) as const;

export interface Traces<T, R> {
  accepte(valeur: T): Trace;
  refuse(refus: R): Trace;
  echoue(erreur: unknown): Trace;
}

/** Porte un refus hors de la transaction : lever est la seule façon de l'annuler. Ne sort jamais d'ici. */
class Annulation<R> {
  constructor(readonly refus: R) {}
}

export async function executerTrace<T, R>(
  base: Base,
  acte: (tx: Requeteur) => Promise<Resultat<T, R>>,
  traces: Traces<T, R>,
): Promise<Resultat<T, R>> {
  try {
    return await base.transaction(async (tx) => {
      const resultat = await acte(tx);
      if (!resultat.accepte) throw new Annulation(resultat.refus);
      await auditer(tx, traces.accepte(resultat.valeur));
      return resultat;
    });
  } catch (e) {
    if (e instanceof Annulation) {
      await auditer(base, traces.refuse(e.refus as R));
      return refuser(e.refus as R);
    }
    await auditer(base, traces.echoue(e)).catch(() => {});
    throw e;
  }
}
