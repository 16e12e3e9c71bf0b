// Les tests d'intégration tournent sur les deux moteurs : PGlite et un vrai serveur PostgreSQL,
// chacun dans une base neuve.
import { randomBytes } from 'node:crypto';
import { describe, inject } from 'vitest';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { basePostgresNeuve } from './postgres.ts';

export interface Moteur {
  nom: 'PGlite' | 'PostgreSQL';
  ouvrir(): Promise<Base>;
}

export function moteurs(): Moteur[] {
  const urlPostgres = inject('postgres');
  const liste: Moteur[] = [{ nom: 'PGlite', ouvrir: () => ouvrirBase({ dossier: 'memoire' }) }];
  if (urlPostgres) liste.push({ nom: 'PostgreSQL', ouvrir: () => basePostgresNeuve(urlPostgres, `cpo_t_${randomBytes(6).toString('hex')}`) });
  return liste;
}

/** Un bloc de tests par moteur disponible. */
export function surChaqueMoteur(titre: string, corps: (moteur: Moteur) => void) {
  for (const moteur of moteurs()) describe(`${titre} [${moteur.nom}]`, () => corps(moteur));
}
