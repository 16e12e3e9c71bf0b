// Les chiffres d'une année pour tout le réseau : chaque ML, chaque département, chaque région, la
// nation, et la distribution de chaque ratio parmi les ML d'une région et de la nation. C'est ce que
// fige un instantané, et ce dont un tableau de bord tire ses références.
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { agregerIndicateurs, agregerRatios, distribution, type Distribution, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { Requeteur } from '../ports/base.ts';
import { chiffresParML, type ChiffresML } from './moteur.ts';
import { chargerReseau } from './reseauEnVigueur.ts';
import { SELECT_ML_SITUEES, type LigneMlSituee } from '../fragmentsSql.ts';

export interface ChiffresTerritoire {
  code: string;
  nom: string;
  /** ML en base dont les chiffres font ceux du territoire. */
  structures: number;
  /** ML du réseau de référence (région, nation) ; null quand le réseau ne le dit pas (département). */
  attendues: number | null;
  indicateurs: Valeurs;
  ratios: Valeurs;
}

export interface ChiffresMLSitues extends ChiffresML {
  nom: string;
  code_departement: string;
  code_region: string;
}

export interface TableauAnnuel {
  annee: number;
  /** Les chiffres de l'année du 1er janvier à ce jour inclus ; absent : l'année entière. */
  au?: string;
  catalogue: string;
  /** Les chiffres viennent d'un catalogue précédent : le catalogue en vigueur, dont le recalcul est en cours. */
  recalculEnCours?: string;
  structures: ChiffresMLSitues[];
  departements: ChiffresTerritoire[];
  regions: ChiffresTerritoire[];
  national: ChiffresTerritoire;
  /** Distribution de chaque ratio parmi les ML : par région, et pour la nation. */
  distributions: { regions: Record<string, Record<string, Distribution | null>>; national: Record<string, Distribution | null> };
}

/** Les ML en base, situées (département, région), dans l'ordre de leur code. */
export function situerStructures(db: Requeteur): Promise<LigneMlSituee[]> {
  return db.query<LigneMlSituee>(`${SELECT_ML_SITUEES} ORDER BY m.code_structure COLLATE "C"`);
}

function territoires(
  catalogue: Catalogue,
  structures: ChiffresMLSitues[],
  cle: (s: ChiffresMLSitues) => string,
  nom: (code: string) => string,
  attendues: (code: string) => number | null,
) {
  const groupes = new Map<string, ChiffresMLSitues[]>();
  for (const s of structures) groupes.set(cle(s), [...(groupes.get(cle(s)) ?? []), s]);
  return [...groupes.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, membres]) => territoire(catalogue, code, nom(code), membres, attendues(code)));
}

function territoire(catalogue: Catalogue, code: string, nom: string, membres: ChiffresML[], attendues: number | null): ChiffresTerritoire {
  const valeurs = membres.map((m) => m.indicateurs);
  return { code, nom, structures: membres.length, attendues, indicateurs: agregerIndicateurs(catalogue, valeurs), ratios: agregerRatios(catalogue, valeurs) };
}

export function distributionsDesRatios(catalogue: Catalogue, membres: { ratios: Valeurs }[]): Record<string, Distribution | null> {
  return Object.fromEntries(catalogue.ratios.map((r) => [r.id, distribution(membres.map((m) => m.ratios[r.id]))]));
}

/** Tout le réseau pour une année (ou l'année à la date `au`) : un seul passage du moteur, puis des sommes. */
export async function tableauAnnuel(db: Requeteur, catalogue: Catalogue, annee: number, region?: string, au?: string): Promise<TableauAnnuel> {
  const situations = await situerStructures(db);
  const tableau = assemblerTableau(catalogue, annee, au, situations, await chiffresParML(db, catalogue, annee, undefined, au));
  // Un instantané régional garde ses ML et ses références (département, région, nation, distributions).
  if (region !== undefined) {
    const departements = new Set(tableau.structures.filter((s) => s.code_region === region).map((s) => s.code_departement));
    tableau.structures = tableau.structures.filter((s) => s.code_region === region);
    tableau.departements = tableau.departements.filter((d) => departements.has(d.code));
    tableau.regions = tableau.regions.filter((r) => r.code === region);
    tableau.distributions.regions = { [region]: tableau.distributions.regions[region] };
  }
  return tableau;
}

/**
 * Le tableau du réseau à partir des chiffres de chaque ML, sans relire les faits : départements,
 * régions et nation en sont les sommes (numérateurs et dénominateurs), les distributions viennent des
 * valeurs par ML. Une ML sans chiffres (absente de `chiffres`) n'y figure pas.
 */
export function assemblerTableau(catalogue: Catalogue, annee: number, au: string | undefined, situations: LigneMlSituee[], chiffres: ChiffresML[]): TableauAnnuel {
  const parCode = new Map(chiffres.map((c) => [c.code_structure, c]));
  const structures: ChiffresMLSitues[] = situations
    .filter((s) => parCode.has(s.code_structure))
    .map((s) => ({ ...parCode.get(s.code_structure)!, nom: s.nom, code_departement: s.code_departement, code_region: s.code_region }));
  const nomDepartement = (code: string) => situations.find((s) => s.code_departement === code)!.nom_departement;
  const nomRegion = (code: string) => situations.find((s) => s.code_region === code)!.nom_region;
  const reseau = chargerReseau();
  const regions = territoires(catalogue, structures, (s) => s.code_region, nomRegion, (code) => reseau.parRegion[code] ?? null);
  return {
    annee,
    ...(au && { au }),
    catalogue: catalogue.version,
    structures,
    departements: territoires(catalogue, structures, (s) => s.code_departement, nomDepartement, () => null),
    regions,
    national: territoire(catalogue, 'FR', 'France', structures, reseau.total),
    distributions: {
      regions: Object.fromEntries(regions.map((r) => [r.code, distributionsDesRatios(catalogue, structures.filter((s) => s.code_region === r.code))])),
      national: distributionsDesRatios(catalogue, structures),
    },
  };
}
