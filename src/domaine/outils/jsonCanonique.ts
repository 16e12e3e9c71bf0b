import { createHash } from 'node:crypto';

/** JSON aux clés triées, à tous les niveaux : les mêmes données donnent toujours le même texte. */
export function jsonCanonique(valeur: unknown): string {
  return JSON.stringify(valeur, (_cle, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export const empreinteSha256 = (texte: string) => createHash('sha256').update(texte, 'utf8').digest('hex');
