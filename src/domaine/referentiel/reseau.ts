// Le réseau de référence des Missions locales (catalogues/reseau-missions-locales.json) : combien de ML
// chaque région compte. Une référence régionale ou nationale calculée sur moins de ML le dit à côté
// du chiffre.
import * as z from 'zod';
import { ErreurMetier } from '../erreurs.ts';

const schemaReseau = z.object({
  version: z.string().trim().min(1, 'version manquante'),
  libelle: z.string().trim().min(1, 'libellé manquant'),
  total: z.number().int().positive(),
  note: z.string().optional(),
  regions: z.array(z.object({ code: z.string().regex(/^\d{2}$/, 'code de région à deux chiffres attendu'), missions_locales: z.number().int().positive() })).min(1),
});

export interface Reseau {
  version: string;
  total: number;
  /** Nombre de ML du réseau, par code de région. */
  parRegion: Readonly<Record<string, number>>;
}

export class ErreurReseau extends ErreurMetier {}

/** Contrôle le fichier du réseau : chaque région connue, une seule fois, et la somme égale au total. */
export function validerReseau(brut: unknown, regionsConnues: readonly string[], source = 'réseau des Missions locales'): Reseau {
  const lu = schemaReseau.safeParse(brut);
  if (!lu.success) {
    throw new ErreurReseau(`${source} invalide — ${lu.error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`).join(' ; ')}`);
  }
  const r = lu.data;
  const erreurs: string[] = [];
  const parRegion: Record<string, number> = {};
  for (const { code, missions_locales } of r.regions) {
    if (code in parRegion) erreurs.push(`région en double : ${code}`);
    if (!regionsConnues.includes(code)) erreurs.push(`région inconnue : ${code}`);
    parRegion[code] = missions_locales;
  }
  for (const code of regionsConnues) if (!(code in parRegion)) erreurs.push(`région sans nombre de ML : ${code}`);
  const somme = Object.values(parRegion).reduce((s, n) => s + n, 0);
  if (somme !== r.total) erreurs.push(`les régions comptent ${somme} ML pour un total de ${r.total}`);
  if (erreurs.length) throw new ErreurReseau(`${source} invalide — ${erreurs.join(' ; ')}`);
  return { version: r.version, total: r.total, parRegion };
}

/**
 * « données chargées : 17 ML sur 445 » quand un territoire n'a pas en base toutes les ML du réseau de
 * référence ; null quand il les a, ou quand le réseau ne dit pas combien il en attend (département).
 */
export function mentionCouverture(t: { structures: number; attendues?: number | null }): string | null {
  if (t.attendues === undefined || t.attendues === null || t.structures >= t.attendues) return null;
  return `données chargées : ${t.structures} ML sur ${t.attendues}`;
}

/** Un libellé de référence suivi de sa couverture quand elle est partielle : « National (données chargées : 17 ML sur 445) ». */
export function libelleAvecCouverture(libelle: string, t: { structures: number; attendues?: number | null } | null | undefined): string {
  const mention = t ? mentionCouverture(t) : null;
  return mention ? `${libelle} (${mention})` : libelle;
}
