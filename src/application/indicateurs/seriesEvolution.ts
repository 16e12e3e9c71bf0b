// Les séries d'une évolution : le sujet (une ML ou un territoire) et ses références (département, région,
// nation), trouvés dans un tableau du réseau, et de quoi lire leurs valeurs dans tout autre tableau.
import type { Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { Evolution, Niveau, ValeursAnnee } from './serviceChiffres.ts';
import type { ChiffresTerritoire, TableauAnnuel } from './tableauDeBord.ts';

export type SujetDeSerie = Omit<Evolution['series'][number], 'valeurs'> & {
  /** Les valeurs de la série dans un tableau ; null sans tableau, ou si le territoire n'y a pas de chiffres. */
  valeursDans(t: TableauAnnuel | null): ValeursAnnee | null;
};

const valeurs = (v: { indicateurs: Valeurs; ratios: Valeurs } | undefined) => (v ? { indicateurs: v.indicateurs, ratios: v.ratios } : null);
const couverture = (t: ChiffresTerritoire) => ({ structures: t.structures, attendues: t.attendues });

/** Le sujet et ses références d'après `reference` (noms, couverture) ; null si le sujet n'y est pas. */
export function seriesDuSujet(reference: TableauAnnuel, niveau: Niveau, code: string): SujetDeSerie[] | null {
  const ml = niveau === 'structure' ? reference.structures.find((s) => s.code_structure === code) : undefined;
  if (niveau === 'structure' && !ml) return null;
  if ((niveau === 'departement' && !reference.departements.some((d) => d.code === code)) || (niveau === 'region' && !reference.regions.some((r) => r.code === code))) return null;
  const departement = ml?.code_departement ?? (niveau === 'departement' ? code : undefined);
  const region = ml?.code_region ?? (niveau === 'region' ? code : departement ? reference.structures.find((s) => s.code_departement === departement)?.code_region : undefined);
  const series: SujetDeSerie[] = [];
  if (ml) series.push({ niveau: 'structure', code, nom: ml.nom, valeursDans: (t) => valeurs(t?.structures.find((s) => s.code_structure === code)) });
  if (departement) {
    const dep = reference.departements.find((d) => d.code === departement)!;
    series.push({ niveau: 'departement', code: departement, nom: dep.nom, couverture: couverture(dep), valeursDans: (t) => valeurs(t?.departements.find((d) => d.code === departement)) });
  }
  if (region) {
    const reg = reference.regions.find((r) => r.code === region)!;
    series.push({ niveau: 'region', code: region, nom: reg.nom, couverture: couverture(reg), valeursDans: (t) => valeurs(t?.regions.find((r) => r.code === region)) });
  }
  series.push({ niveau: 'national', code: 'FR', nom: 'France', couverture: couverture(reference.national), valeursDans: (t) => valeurs(t?.national) });
  return series;
}
