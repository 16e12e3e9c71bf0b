// Le réseau de démonstration : 445 Missions locales réparties sur les 18 régions, chacune avec son
// territoire (communes Insee) et ses paramètres de taille. Toujours calculé en entier, pour que tout
// extrait (ML, département, région) soit un sous-ensemble exact du réseau national.
import { createRequire } from 'node:module';
import { DEPARTEMENTS, REGIONS } from '../../domaine/referentiel/geographie.ts';
import { Alea } from './alea.ts';
import {
  CONTACTS_MAX_ML,
  CONTACTS_MIN_ML,
  COUVERTURE_MAX,
  COUVERTURE_MIN,
  ML_PAR_REGION,
  PART_16_25_POPULATION,
  contactsNationaux,
} from './calibrage.ts';
import { VOIES } from './listes.ts';

const require = createRequire(import.meta.url);

interface CommuneBrute {
  code: string;
  nom: string;
  departement: string;
  region: string;
  type: string;
  population?: number;
  codesPostaux?: string[];
}

export interface MissionLocaleDemo {
  code: string;
  nom: string;
  siret: string;
  departement: string;
  region: string;
  adresse: string;
  /** Codes Insee des communes couvertes, triés. */
  communes: string[];
  communeSiege: string;
  population: number;
  pop1625: number;
  /** Jeunes en contact / jeunes de 16 à 25 ans du territoire, tiré par ML puis recalé sur le total national. */
  tauxCouverture: number;
  /** Jeunes en contact visés en 2015 (les autres années suivent la tendance nationale). */
  contacts2015: number;
  /** Probabilités qu'un jeune accueilli habite en QPV, en ZRR. */
  partQpv: number;
  partZrr: number;
  dateDebut: string;
  dateFin?: string;
  codeStructureAbsorbante?: string;
  /** ML absorbée par celle-ci : son activité et son territoire s'ajoutent à partir de l'année qui suit la fusion. */
  absorbee?: { code: string; contacts2015: number; pop1625: number; nbCommunes: number };
}

/** Fusion simulée : la ML absorbée ferme le dernier jour de 2016. */
export const DATE_FIN_FUSION = '2016-12-31';
const DATE_DEBUT_RESEAU = '2015-01-01';

let communesParDepartement: Map<string, CommuneBrute[]> | undefined;

function chargerCommunes(): Map<string, CommuneBrute[]> {
  if (communesParDepartement) return communesParDepartement;
  const brutes: CommuneBrute[] = require('@etalab/decoupage-administratif/data/communes.json');
  const parDep = new Map<string, CommuneBrute[]>(DEPARTEMENTS.map((d) => [d.code, []]));
  for (const c of brutes) {
    if (c.type !== 'commune-actuelle') continue;
    parDep.get(c.departement)?.push(c);
  }
  for (const [code, liste] of parDep) {
    if (liste.length === 0) throw new Error(`aucune commune pour le département ${code}`);
    liste.sort((a, b) => (a.code < b.code ? -1 : 1));
  }
  communesParDepartement = parDep;
  return parDep;
}

const population = (c: CommuneBrute) => c.population ?? 0;

let populations: Map<string, number> | undefined;

/** Population de chaque commune couverte par le réseau (pour tirer la commune de résidence des jeunes). */
export function communesEtPopulations(): ReadonlyMap<string, number> {
  if (!populations) {
    populations = new Map();
    for (const liste of chargerCommunes().values()) for (const c of liste) populations.set(c.code, population(c));
  }
  return populations;
}

/**
 * Répartit `n` ML sur les départements d'une région : au moins une chacun, au plus une par commune (Paris
 * n'a qu'une commune, donc une ML), le reste au plus fort quotient de Sainte-Laguë sur la population.
 */
function repartirSurDepartements(codeRegion: string, n: number, deps: { code: string; population: number; communes: number }[]): number[] {
  if (n < deps.length) throw new Error(`région ${codeRegion} : ${n} ML pour ${deps.length} départements, il en faut au moins une par département`);
  const parts = deps.map(() => 1);
  for (let reste = n - deps.length; reste > 0; reste--) {
    let meilleur = -1;
    let quotient = -1;
    deps.forEach((d, i) => {
      if (parts[i] >= d.communes) return;
      const q = d.population / (2 * parts[i] + 1);
      if (q > quotient) {
        quotient = q;
        meilleur = i;
      }
    });
    if (meilleur < 0) throw new Error(`région ${codeRegion} : plus de ML que de communes`);
    parts[meilleur]++;
  }
  return parts;
}

function commencePar(nom: string, article: string): boolean {
  return nom.startsWith(article + ' ');
}

/** « Mission locale de Rennes », « du Mans », « des Abymes », « d'Angers ». */
function nomMissionLocale(commune: string): string {
  if (commencePar(commune, 'Le')) return `Mission locale du ${commune.slice(3)}`;
  if (commencePar(commune, 'Les')) return `Mission locale des ${commune.slice(4)}`;
  if (/^[AEIOUYÂÉÈÊÎÔÛH]/i.test(commune) && !commune.startsWith('Hy')) return `Mission locale d'${commune}`;
  return `Mission locale de ${commune}`;
}

/** Complète 13 chiffres par la clé de Luhn. */
function avecCleLuhn(debut: string): string {
  let somme = 0;
  // Le chiffre de contrôle sera en position 1 (depuis la droite) : les chiffres donnés sont doublés une fois sur deux, en commençant par le dernier.
  for (let i = 0; i < debut.length; i++) {
    let chiffre = Number(debut[debut.length - 1 - i]);
    if (i % 2 === 0) {
      chiffre *= 2;
      if (chiffre > 9) chiffre -= 9;
    }
    somme += chiffre;
  }
  return debut + String((10 - (somme % 10)) % 10);
}

export function estLuhnValide(chiffres: string): boolean {
  let somme = 0;
  for (let i = 0; i < chiffres.length; i++) {
    let c = Number(chiffres[chiffres.length - 1 - i]);
    if (i % 2 === 1) {
      c *= 2;
      if (c > 9) c -= 9;
    }
    somme += c;
  }
  return somme % 10 === 0;
}

function siret(alea: Alea): string {
  let siren = String(alea.entier(3, 8));
  for (let i = 0; i < 8; i++) siren += String(alea.entier(0, 9));
  // NIC sur 5 chiffres dont la clé : 4 chiffres tirés puis le chiffre de contrôle.
  const nic = '00' + String(alea.entier(1, 9)) + String(alea.entier(0, 9));
  return avecCleLuhn(siren + nic);
}

function bisection(f: (k: number) => number, cible: number, bas: number, haut: number): number {
  for (let i = 0; i < 80; i++) {
    const milieu = (bas + haut) / 2;
    if (f(milieu) < cible) bas = milieu;
    else haut = milieu;
  }
  return (bas + haut) / 2;
}

const cachePlans = new Map<number, MissionLocaleDemo[]>();

/** Les 445 Missions locales du réseau de démonstration, triées par code. */
export function planDuReseau(graine: number): MissionLocaleDemo[] {
  let plan = cachePlans.get(graine);
  if (!plan) {
    plan = construirePlan(graine);
    if (cachePlans.size > 8) cachePlans.clear();
    cachePlans.set(graine, plan);
  }
  // Copies : un appelant qui modifie sa liste ne doit pas altérer les générations suivantes.
  return plan.map((ml) => ({ ...ml, communes: [...ml.communes], absorbee: ml.absorbee && { ...ml.absorbee } }));
}

/** Dernière année d'activité d'une ML (celle de sa fermeture), ou undefined si elle reste ouverte. */
export function derniereAnneeActive(ml: MissionLocaleDemo): number | undefined {
  return ml.dateFin ? Number(ml.dateFin.slice(0, 4)) : undefined;
}

/** Jeunes en contact visés pour une ML et une année : taille 2015 × tendance nationale, fusion comprise. */
export function contactsVises(ml: MissionLocaleDemo, annee: number): number {
  const fin = derniereAnneeActive(ml);
  if (fin !== undefined && annee > fin) return 0;
  const absorbes = ml.absorbee && annee > Number(DATE_FIN_FUSION.slice(0, 4)) ? ml.absorbee.contacts2015 : 0;
  return Math.round(((ml.contacts2015 + absorbes) * contactsNationaux(annee)) / contactsNationaux(2015));
}

interface Brouillon extends MissionLocaleDemo {
  couvertureTiree: number;
  urbanite: number;
}

function construirePlan(graine: number): MissionLocaleDemo[] {
  const communes = chargerCommunes();
  const brouillons: Brouillon[] = [];

  for (const region of REGIONS) {
    // Le réseau de référence a un nombre pour chaque région (contrôlé à sa lecture).
    const n = ML_PAR_REGION[region.code];
    const deps = DEPARTEMENTS.filter((d) => d.codeRegion === region.code).map((d) => {
      const liste = communes.get(d.code)!;
      return { code: d.code, population: liste.reduce((s, c) => s + population(c), 0), communes: liste.length };
    });
    const parts = repartirSurDepartements(region.code, n, deps);
    deps.forEach((dep, i) => {
      const liste = communes.get(dep.code)!;
      const k = parts[i];
      // Sièges : les k communes les plus peuplées ; les autres, dans l'ordre des codes, en k tranches contiguës.
      const parTaille = [...liste].sort((a, b) => population(b) - population(a) || (a.code < b.code ? -1 : 1));
      const sieges = parTaille.slice(0, k).sort((a, b) => (a.code < b.code ? -1 : 1));
      const codesSieges = new Set(sieges.map((s) => s.code));
      const autres = liste.filter((c) => !codesSieges.has(c.code));
      sieges.forEach((siege, j) => {
        const debut = Math.floor((j * autres.length) / k);
        const fin = Math.floor(((j + 1) * autres.length) / k);
        const territoire = [siege, ...autres.slice(debut, fin)].sort((a, b) => (a.code < b.code ? -1 : 1));
        const code = `ML${dep.code.padStart(3, '0')}${String(j + 1).padStart(2, '0')}`;
        const alea = new Alea(graine, 'reseau', code);
        const pop = territoire.reduce((s, c) => s + population(c), 0);
        const codePostal = siege.codesPostaux?.[0] ?? dep.code.padStart(5, '0');
        brouillons.push({
          code,
          nom: nomMissionLocale(siege.nom),
          siret: siret(alea),
          departement: dep.code,
          region: region.code,
          adresse: `${alea.entier(1, 120)} ${alea.choix(VOIES)} ${codePostal} ${siege.nom}`,
          communes: territoire.map((c) => c.code),
          communeSiege: siege.code,
          population: pop,
          pop1625: Math.round(pop * PART_16_25_POPULATION),
          tauxCouverture: 0,
          contacts2015: 0,
          partQpv: 0,
          partZrr: 0,
          dateDebut: DATE_DEBUT_RESEAU,
          couvertureTiree: alea.uniforme(COUVERTURE_MIN, COUVERTURE_MAX),
          // Habitants par commune, en échelle log : ≈ 0 en territoire rural, 1 en ville.
          urbanite: Math.min(1, Math.max(0, (Math.log10(pop / territoire.length) - 2.7) / 1.6)) * alea.uniforme(0.8, 1.2),
        });
      });
    });
  }
  brouillons.sort((a, b) => (a.code < b.code ? -1 : 1));

  // Deux sièges homonymes (Saint-Denis) : le nom du département les distingue.
  const homonymes = new Map<string, number>();
  for (const b of brouillons) homonymes.set(b.nom, (homonymes.get(b.nom) ?? 0) + 1);
  for (const b of brouillons) {
    if (homonymes.get(b.nom)! > 1) b.nom += ` (${DEPARTEMENTS.find((d) => d.code === b.departement)!.nom})`;
  }

  // Taux de couverture recalé pour que la nation compte 1 404 000 jeunes en contact en 2015.
  const contacts = (b: Brouillon, k: number) =>
    Math.min(CONTACTS_MAX_ML, Math.max(CONTACTS_MIN_ML, Math.round(b.pop1625 * b.couvertureTiree * k)));
  const k = bisection((x) => brouillons.reduce((s, b) => s + contacts(b, x), 0), contactsNationaux(2015), 0.1, 5);
  for (const b of brouillons) {
    b.contacts2015 = contacts(b, k);
    b.tauxCouverture = Math.round((b.contacts2015 / Math.max(1, b.pop1625)) * 10_000) / 10_000;
  }

  // QPV (villes) et ZRR (campagne) selon l'urbanité, recalés sur 15 % et 12 % des jeunes accueillis.
  const poidsTotal = brouillons.reduce((s, b) => s + b.contacts2015, 0);
  const qpvBrut = (b: Brouillon) => 0.03 + b.urbanite;
  const zrrBrut = (b: Brouillon) => Math.pow(1 - Math.min(1, b.urbanite), 2);
  const recaler = (brut: (b: Brouillon) => number, cible: number) => {
    const f = bisection((x) => brouillons.reduce((s, b) => s + Math.min(0.6, brut(b) * x) * b.contacts2015, 0) / poidsTotal, cible, 0, 10);
    return (b: Brouillon) => Math.round(Math.min(0.6, brut(b) * f) * 1000) / 1000;
  };
  const qpv = recaler(qpvBrut, 0.15);
  const zrr = recaler(zrrBrut, 0.12);
  for (const b of brouillons) {
    b.partQpv = qpv(b);
    b.partZrr = zrr(b);
  }

  // Une fusion : la plus petite ML de métropole (hors départements à une seule ML) rejoint sa voisine au 1er janvier 2017.
  const parDepartement = new Map<string, Brouillon[]>();
  for (const b of brouillons) parDepartement.set(b.departement, [...(parDepartement.get(b.departement) ?? []), b]);
  const candidates = brouillons.filter((b) => b.departement.length === 2 && parDepartement.get(b.departement)!.length >= 2);
  const absorbee = candidates.reduce((min, b) => (b.pop1625 < min.pop1625 ? b : min));
  const voisines = parDepartement.get(absorbee.departement)!;
  const rang = voisines.indexOf(absorbee);
  const absorbante = voisines[rang > 0 ? rang - 1 : rang + 1];
  absorbee.dateFin = DATE_FIN_FUSION;
  absorbee.codeStructureAbsorbante = absorbante.code;
  absorbante.absorbee = { code: absorbee.code, contacts2015: absorbee.contacts2015, pop1625: absorbee.pop1625, nbCommunes: absorbee.communes.length };

  return brouillons.map(({ couvertureTiree: _c, urbanite: _u, ...ml }) => ml);
}
