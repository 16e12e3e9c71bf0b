import { ouvrirBase } from '../infrastructure/db/base.ts';
import type { Base } from '../application/ports/base.ts';

/** Ouvre la base (PGlite par défaut, PostgreSQL si DATABASE_URL), fait le travail, la referme toujours. */
export async function avecBase<T>(travail: (base: Base) => Promise<T>): Promise<T> {
  const base = await ouvrirBase();
  try {
    return await travail(base);
  } finally {
    await base.fermer();
  }
}
