// Le premier lancement se reconnaît à une base sans aucune Mission locale.
import type { Requeteur } from '../ports/base.ts';

export async function baseVide(db: Requeteur): Promise<boolean> {
  const [{ vide }] = await db.query<{ vide: boolean }>('SELECT NOT EXISTS (SELECT 1 FROM mission_locale) AS vide');
  return vide;
}
