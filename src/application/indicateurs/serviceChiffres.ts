// Les chiffres servis aux écrans et à l'API : le tableau annuel du réseau est calculé une fois par
// version des données (chaque import qui écrit en crée une), puis chaque ML, département ou région y
// trouve ses valeurs, celles de l'année précédente et ses références.
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Distribution, Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { Requeteur } from '../../infrastructure/db/base.ts';
import type { Declinaisons } from './moteur.ts';
import { distributionsDesRatios, tableauAnnuel, type ChiffresTerritoire, type TableauAnnuel } from './tableauDeBord.ts';

export interface ValeursAnnee {
  indicateurs: Valeurs;
  ratios: Valeurs;
}

export interface ChiffresStructure extends ValeursAnnee {
  annee: number;
  catalogue: string;
  structure: { code: string; nom: string; code_departement: string; code_region: string };
  declinaisons: Declinaisons;
  /** Les valeurs de l'année précédente ; null si l'ML n'existait pas encore en base. */
  precedent: ValeursAnnee | null;
  references: {
    departement: ChiffresTerritoire;
    region: ChiffresTerritoire;
    national: ChiffresTerritoire;
    distributions: { region: Record<string, Distribution | null>; national: Record<string, Distribution | null> };
  };
}

export interface ChiffresDuTerritoire {
  annee: number;
  catalogue: string;
  niveau: 'departement' | 'region' | 'national';
  territoire: ChiffresTerritoire;
  precedent: ValeursAnnee | null;
  structures: { code: string; nom: string; code_departement: string; code_region: string; indicateurs: Valeurs; ratios: Valeurs }[];
  distributions: Record<string, Distribution | null>;
}

export class ServiceChiffres {
  private readonly cache = new Map<string, Promise<TableauAnnuel>>();

  constructor(
    private readonly db: Requeteur,
    readonly catalogue: Catalogue,
  ) {}

  async tableau(annee: number): Promise<TableauAnnuel> {
    const [{ version }] = await this.db.query<{ version: number }>('SELECT version FROM etat_donnees');
    const cle = `${annee}@${version}`;
    let tableau = this.cache.get(cle);
    if (!tableau) {
      for (const ancienne of this.cache.keys()) if (!ancienne.endsWith(`@${version}`)) this.cache.delete(ancienne);
      tableau = tableauAnnuel(this.db, this.catalogue, annee);
      this.cache.set(cle, tableau);
      tableau.catch(() => this.cache.delete(cle));
    }
    return tableau;
  }

  /** Calcule d'avance les tableaux de la dernière année d'activité et de la précédente. */
  async prechauffer(): Promise<void> {
    const [{ annee }] = await this.db.query<{ annee: number | null }>('SELECT max(annee) AS annee FROM activite_jeune_annee');
    if (annee !== null) await Promise.all([this.tableau(annee), this.tableau(annee - 1)]);
  }

  async structure(annee: number, code: string): Promise<ChiffresStructure | null> {
    const [courant, precedent] = await Promise.all([this.tableau(annee), this.tableau(annee - 1)]);
    const ml = courant.structures.find((s) => s.code_structure === code);
    if (!ml) return null;
    const avant = precedent.structures.find((s) => s.code_structure === code);
    return {
      annee,
      catalogue: courant.catalogue,
      structure: { code, nom: ml.nom, code_departement: ml.code_departement, code_region: ml.code_region },
      indicateurs: ml.indicateurs,
      ratios: ml.ratios,
      declinaisons: ml.declinaisons,
      precedent: avant ? { indicateurs: avant.indicateurs, ratios: avant.ratios } : null,
      references: {
        departement: courant.departements.find((d) => d.code === ml.code_departement)!,
        region: courant.regions.find((r) => r.code === ml.code_region)!,
        national: courant.national,
        distributions: { region: courant.distributions.regions[ml.code_region], national: courant.distributions.national },
      },
    };
  }

  async territoire(annee: number, niveau: 'departement' | 'region' | 'national', code = 'FR'): Promise<ChiffresDuTerritoire | null> {
    const [courant, precedent] = await Promise.all([this.tableau(annee), this.tableau(annee - 1)]);
    const trouver = (t: TableauAnnuel) =>
      niveau === 'national' ? t.national : (niveau === 'departement' ? t.departements : t.regions).find((x) => x.code === code);
    const territoire = trouver(courant);
    if (!territoire) return null;
    const avant = trouver(precedent);
    const membres = courant.structures.filter(
      (s) => niveau === 'national' || (niveau === 'departement' ? s.code_departement : s.code_region) === code,
    );
    return {
      annee,
      catalogue: courant.catalogue,
      niveau,
      territoire,
      precedent: avant ? { indicateurs: avant.indicateurs, ratios: avant.ratios } : null,
      structures: membres.map((s) => ({
        code: s.code_structure,
        nom: s.nom,
        code_departement: s.code_departement,
        code_region: s.code_region,
        indicateurs: s.indicateurs,
        ratios: s.ratios,
      })),
      distributions:
        niveau === 'region' ? courant.distributions.regions[code] : niveau === 'national' ? courant.distributions.national : distributionsDesRatios(this.catalogue, membres),
    };
  }
}

