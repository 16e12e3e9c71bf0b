// Les chiffres servis aux écrans et à l'API : le tableau annuel du réseau est calculé une fois par
// version des données (chaque import qui écrit en crée une), puis chaque ML, département ou région y
// trouve ses valeurs, celles de l'année précédente et ses références.
import { validerCatalogue, type Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Distribution, Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import { REGIONS } from '../../domaine/referentiel/geographie.ts';
import type { Requeteur } from '../ports/base.ts';
import type { Declinaisons } from './moteur.ts';
import { chargerReseau } from './reseauEnVigueur.ts';
import { assemblerTableau, distributionsDesRatios, situerStructures, type ChiffresTerritoire, type TableauAnnuel } from './tableauDeBord.ts';
import { catalogueStockePrecedent, enregistrerCatalogue, lireChiffresStockes, lireVersionsML, stockerChiffres, type ChiffresVersionnes } from './chiffresStockes.ts';
import { chiffresParML } from './moteur.ts';
import { CALCULS } from './calculs.ts';
import { seriesDuSujet } from './seriesEvolution.ts';
import { jourParis } from '../fragmentsSql.ts';
import { memeJourAnneePrecedente } from '../../domaine/temps/dates.ts';

export interface ValeursAnnee {
  indicateurs: Valeurs;
  ratios: Valeurs;
}

/** Une année entière, ou l'année du 1er janvier au jour `au` ; `auPrecedent` : le même jour de N-1 (29 février → 28 février). */
export interface Periode {
  annee: number;
  au?: string;
  auPrecedent?: string;
}

/** `catalogue` : celui des chiffres servis ; `recalculEnCours` : le catalogue en vigueur, si ces chiffres viennent d'un précédent. */
interface Provenance {
  catalogue: string;
  recalculEnCours?: string;
}

export interface ChiffresStructure extends ValeursAnnee, Periode, Provenance {
  structure: { code: string; nom: string; code_departement: string; code_region: string };
  declinaisons: Declinaisons;
  /** Les valeurs de l'année précédente (à la même date) ; null si l'ML n'existait pas encore en base. */
  precedent: ValeursAnnee | null;
  references: {
    departement: ChiffresTerritoire;
    region: ChiffresTerritoire;
    national: ChiffresTerritoire;
    distributions: { region: Record<string, Distribution | null>; national: Record<string, Distribution | null> };
  };
}

export interface ChiffresDuTerritoire extends Periode, Provenance {
  niveau: 'departement' | 'region' | 'national';
  territoire: ChiffresTerritoire;
  precedent: ValeursAnnee | null;
  structures: { code: string; nom: string; code_departement: string; code_region: string; indicateurs: Valeurs; ratios: Valeurs }[];
  distributions: Record<string, Distribution | null>;
  /** Au national : chaque région du réseau de référence, ses ML en base et celles qu'elle compte. */
  couvertureRegions?: { code: string; nom: string; structures: number; attendues: number }[];
}

export type Niveau = 'structure' | 'departement' | 'region' | 'national';

/** Une série par territoire : la ML (ou le territoire) et ses références, année par année. */
export interface Evolution {
  annees: number[];
  /** `couverture` : pour un territoire, ses ML en base et celles du réseau de référence, la dernière année. */
  series: { niveau: Niveau; code: string; nom: string; couverture?: { structures: number; attendues: number | null }; valeurs: (ValeursAnnee | null)[] }[];
}

/** Chaque région du réseau de référence, celles chargées d'abord, puis de la plus grande à la plus petite : ses ML en base et celles qu'elle compte. */
function couvertureDesRegions(t: TableauAnnuel): NonNullable<ChiffresDuTerritoire['couvertureRegions']> {
  const { parRegion } = chargerReseau();
  return REGIONS.map((r) => ({ code: r.code, nom: r.nom, structures: t.regions.find((x) => x.code === r.code)?.structures ?? 0, attendues: parRegion[r.code] }))
    .sort((a, b) => Number(b.structures > 0) - Number(a.structures > 0) || b.attendues - a.attendues || a.nom.localeCompare(b.nom, 'fr'));
}

/** Un tableau calculé, et les chiffres par ML dont il est fait (null : chiffres d'un ancien catalogue, servis pendant le recalcul). */
interface Calcul {
  tableau: TableauAnnuel;
  parML: Map<string, ChiffresVersionnes> | null;
}

const provenance = (t: TableauAnnuel): Provenance => ({ catalogue: t.catalogue, ...(t.recalculEnCours && { recalculEnCours: t.recalculEnCours }) });

export class ServiceChiffres {
  /** Par année et coupure : le dernier tableau, et la version des données sur laquelle il a été fait. */
  private readonly tableaux = new Map<string, { version: number; calcul: Promise<Calcul> }>();
  /** Les recalculs complets en cours après un changement de catalogue, par année et coupure. */
  private readonly recalculs = new Map<string, Promise<void>>();
  private catalogueEnregistre: Promise<void> | null = null;
  /** Le nombre de recalculs de catalogue terminés : ce qu'on a gardé des réponses d'avant ne vaut plus. */
  private recalculsFinis = 0;
  private anneesEnCache: { version: number; annees: Promise<number[]> } | null = null;

  constructor(
    private readonly db: Requeteur,
    readonly catalogue: Catalogue,
  ) {}

  /** La version des données : chaque import qui écrit la change. */
  async version(): Promise<number> {
    const [{ version }] = await this.db.query<{ version: number }>('SELECT version FROM etat_donnees');
    return version;
  }

  /** L'état des chiffres servis : la version des données, et les recalculs de catalogue terminés depuis le démarrage. */
  async etat(): Promise<string> {
    return `${await this.version()}/${this.recalculsFinis}`;
  }

  /** Le jour (AAAA-MM-JJ, heure de Paris) du dernier import qui a écrit : les chiffres sont « données au » ce jour ; null sans données. */
  async donneesAu(): Promise<string | null> {
    const [{ jour }] = await this.db.query<{ jour: string | null }>(`SELECT ${jourParis('mise_a_jour')} AS jour FROM etat_donnees`);
    return jour;
  }

  /** Les années d'activité présentes en base, dans la période du catalogue, de la plus ancienne à la plus récente. */
  async annees(): Promise<number[]> {
    const version = await this.version();
    if (this.anneesEnCache?.version !== version) {
      const annees = this.db
        .query<{ min: number | null; max: number | null }>('SELECT min(annee) AS min, max(annee) AS max FROM activite_jeune_annee')
        .then(([{ min, max }]) => {
          const liste: number[] = [];
          if (min === null || max === null) return liste;
          for (let a = Math.max(min, this.catalogue.annees.debut); a <= Math.min(max, this.catalogue.annees.fin); a++) liste.push(a);
          return liste;
        });
      this.anneesEnCache = { version, annees };
    }
    return this.anneesEnCache.annees;
  }

  /**
   * Le tableau de l'année, ou de l'année à la date `au` (au 31 décembre : l'année entière). Tant que la
   * version des données ne change pas, il est servi de la mémoire ; après une écriture, seules les ML
   * dont la version a changé sont recalculées, le reste vient de la mémoire ou des chiffres stockés.
   */
  async tableau(annee: number, au?: string): Promise<TableauAnnuel> {
    const coupure = au === `${annee}-12-31` ? undefined : au;
    const cle = `${annee}/${coupure ?? ''}`;
    const version = await this.version();
    const entree = this.tableaux.get(cle);
    if (entree?.version === version) return (await entree.calcul).tableau;
    const calcul = this.calculer(cle, annee, coupure, entree?.calcul);
    this.tableaux.set(cle, { version, calcul });
    calcul.catch(() => {
      if (this.tableaux.get(cle)?.calcul === calcul) this.tableaux.delete(cle);
    });
    return (await calcul).tableau;
  }

  /** `recalcul` : le recalcul complet d'un nouveau catalogue, qui ne sert pas les anciens chiffres. */
  private async calculer(cle: string, annee: number, au: string | undefined, precedent?: Promise<Calcul>, recalcul = false): Promise<Calcul> {
    const fin = au ?? `${annee}-12-31`;
    // Les versions d'abord : des chiffres calculés ensuite sont au moins aussi récents qu'elles.
    const versions = await lireVersionsML(this.db);
    const connus = (await precedent?.catch(() => null))?.parML ?? (await lireChiffresStockes(this.db, this.catalogue.version, annee, fin));
    if (!recalcul && connus.size === 0 && versions.size > 0) {
      const anciens = await this.anciensChiffres(cle, annee, au, fin);
      if (anciens) return anciens;
    }
    const parML = new Map<string, ChiffresVersionnes>();
    const manquantes: string[] = [];
    for (const [code, version] of versions) {
      const connu = connus.get(code);
      if (connu?.version === version) parML.set(code, connu);
      else manquantes.push(code);
    }
    if (manquantes.length) {
      const calcules = await chiffresParML(this.db, this.catalogue, annee, manquantes.length === versions.size ? undefined : manquantes, au);
      const versionnes = calcules.map((chiffres) => ({ version: versions.get(chiffres.code_structure)!, chiffres }));
      await (this.catalogueEnregistre ??= enregistrerCatalogue(this.db, this.catalogue).catch((e) => {
        this.catalogueEnregistre = null; // réessayé au prochain calcul
        throw e;
      }));
      await stockerChiffres(this.db, this.catalogue.version, annee, fin, versionnes);
      for (const v of versionnes) parML.set(v.chiffres.code_structure, v);
    }
    const situations = await situerStructures(this.db);
    return { tableau: assemblerTableau(this.catalogue, annee, au, situations, [...parML.values()].map((v) => v.chiffres)), parML };
  }

  /**
   * Un nouveau catalogue n'a encore aucun chiffre stocké : s'il y en a d'un catalogue précédent, ils sont
   * servis, libellés (`catalogue`, `recalculEnCours`), pendant que tout se recalcule en arrière-plan.
   */
  private async anciensChiffres(cle: string, annee: number, au: string | undefined, fin: string): Promise<Calcul | null> {
    const contenu = await catalogueStockePrecedent(this.db, this.catalogue.version, annee, fin);
    if (!contenu) return null;
    let ancien: Catalogue;
    try {
      ancien = validerCatalogue(contenu, new Set(Object.keys(CALCULS)), `catalogue ${String((contenu as { version?: unknown }).version)} stocké en base`);
    } catch {
      return null; // un catalogue que le moteur ne sait plus lire : on recalcule sans attendre
    }
    if (!this.recalculs.has(cle)) {
      const recalcul = this.calculer(cle, annee, au, undefined, true).then(
        () => {
          this.recalculs.delete(cle);
          this.tableaux.delete(cle);
          this.recalculsFinis++;
        },
        () => {
          this.recalculs.delete(cle);
        },
      );
      this.recalculs.set(cle, recalcul);
    }
    const [stockes, situations] = await Promise.all([lireChiffresStockes(this.db, ancien.version, annee, fin), situerStructures(this.db)]);
    const tableau = assemblerTableau(ancien, annee, au, situations, [...stockes.values()].map((v) => v.chiffres));
    return { tableau: { ...tableau, recalculEnCours: this.catalogue.version }, parML: null };
  }

  /** Attend la fin des recalculs en arrière-plan (changement de catalogue). */
  async recalculsTermines(): Promise<void> {
    while (this.recalculs.size) await Promise.all(this.recalculs.values());
  }

  /** Calcule d'avance les tableaux de chaque année, la plus récente d'abord (celle qu'ouvrent les écrans). */
  async prechauffer(): Promise<void> {
    for (const annee of [...(await this.annees())].reverse()) await this.tableau(annee);
  }

  /** L'évolution de tous les chiffres d'une ML ou d'un territoire et de ses références, sur les années en base. */
  async evolution(niveau: Niveau, code = 'FR'): Promise<Evolution | null> {
    const annees = await this.annees();
    const tableaux = await Promise.all(annees.map((a) => this.tableau(a)));
    const dernier = tableaux.at(-1);
    const sujet = dernier && seriesDuSujet(dernier, niveau, code);
    if (!sujet) return null;
    return { annees, series: sujet.map(({ valeursDans, ...serie }) => ({ ...serie, valeurs: tableaux.map(valeursDans) })) };
  }

  /** L'année N (à la date `au` si donnée) et N-1 (au même jour), pour une évolution à date comparable. */
  private async courantEtPrecedent(annee: number, au?: string) {
    const periode: Periode = au ? { annee, au, auPrecedent: memeJourAnneePrecedente(au) } : { annee };
    const [courant, precedent] = await Promise.all([this.tableau(annee, periode.au), this.tableau(annee - 1, periode.auPrecedent)]);
    return { periode, courant, precedent };
  }

  async structure(annee: number, code: string, au?: string): Promise<ChiffresStructure | null> {
    const { periode, courant, precedent } = await this.courantEtPrecedent(annee, au);
    const ml = courant.structures.find((s) => s.code_structure === code);
    if (!ml) return null;
    const avant = precedent.structures.find((s) => s.code_structure === code);
    return {
      ...periode,
      ...provenance(courant),
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

  async territoire(annee: number, niveau: 'departement' | 'region' | 'national', code = 'FR', au?: string): Promise<ChiffresDuTerritoire | null> {
    const { periode, courant, precedent } = await this.courantEtPrecedent(annee, au);
    const trouver = (t: TableauAnnuel) =>
      niveau === 'national' ? t.national : (niveau === 'departement' ? t.departements : t.regions).find((x) => x.code === code);
    const territoire = trouver(courant);
    if (!territoire) return null;
    const avant = trouver(precedent);
    const membres = courant.structures.filter(
      (s) => niveau === 'national' || (niveau === 'departement' ? s.code_departement : s.code_region) === code,
    );
    return {
      ...periode,
      ...provenance(courant),
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
      ...(niveau === 'national' && { couvertureRegions: couvertureDesRegions(courant) }),
    };
  }
}

