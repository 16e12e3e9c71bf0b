// Activité d'une Mission locale sur la période : jeunes, événements, dispositifs, situations, aides, offres,
// puis contexte et moyens déclarés. Tout dépend seulement de (graine, code de la ML, période) : un extrait
// partiel redonne exactement les lignes de l'extrait national.
import { LIGNES_FINANCEMENT } from '../../domaine/echange/format.ts';
import { Alea, Tirage } from './alea.ts';
import {
  PART_NON_RECUS_AVEC_SITUATION,
  PART_RECONDUITS_DEBUT,
  PART_RECUS_AVEC_SITUATION,
  PART_RECUS_INDIVIDUELLEMENT,
  PARTS_FINANCEMENT,
  PROBA_RECONDUCTION,
  CONTACTS_PAR_ETP,
  PRODUITS_PAR_CONTACT_2015,
  NB_ML_2015,
  SITES_NATIONAUX,
  SITUATIONS_PAR_CATEGORIE,
  allocationGarantieJeunes,
  contactsNationaux,
  emploisAvenirNationaux,
  entreesNationales,
  evolutionProduits,
} from './calibrage.ts';
import { INTITULES_OFFRES, NOMS, PRENOMS_F, PRENOMS_H, versAscii } from './listes.ts';
import { ageRevoluJour, ajouterMoisJour, anneeDe, anniversaire, debutAnnee, finAnnee, jourDeTexte, texteJour } from './jours.ts';
import { contactsVises, derniereAnneeActive, type MissionLocaleDemo } from './reseau.ts';

export interface Periode {
  anneeDebut: number;
  anneeFin: number;
}

/**
 * Lignes d'un fichier, en morceaux de ≈ 64 Ko convertis en octets au fil de l'eau : une longue chaîne
 * construite par concaténation épuiserait le ramasse-miettes sur les grandes ML.
 */
export class Lignes {
  private courant = '';
  readonly morceaux: Buffer[] = [];
  nombre = 0;

  ajouter(ligne: string): void {
    this.courant += ligne;
    this.nombre++;
    if (this.courant.length > 65_536) this.vider();
  }

  /** Termine le morceau en cours ; à appeler avant de lire `morceaux`. */
  vider(): void {
    if (this.courant.length > 0) {
      this.morceaux.push(Buffer.from(this.courant, 'utf8'));
      this.courant = '';
    }
  }
}

export type FichierML = 'jeunes' | 'evenements' | 'dispositifs' | 'situations' | 'aides' | 'offres' | 'contexte' | 'moyens';
/** Lignes CSV (sans en-tête) d'une ML, par fichier. */
export type LignesML = Record<FichierML, Lignes>;

/** Champ CSV : entre guillemets seulement s'il contient le séparateur, un guillemet ou une fin de ligne. */
export function champ(valeur: string): string {
  return /[;"\n\r]/.test(valeur) ? `"${valeur.replace(/"/g, '""')}"` : valeur;
}

const TYPES_EVENEMENT = ['ENTRETIEN_INDIVIDUEL', 'ATELIER', 'INFORMATION_COLLECTIVE', 'TELEPHONE', 'COURRIEL', 'COURRIER', 'SMS', 'VISITE'] as const;
const ENTRETIEN = 0;
const ATELIER = 1;
const INFORMATION_COLLECTIVE = 2;
const DISTANCE = new Tirage([3, 4, 5, 6, 7], [45, 20, 10, 20, 5]); // téléphone, courriel, courrier, SMS, visite

/** 1 + Poisson(2.76) entretiens par jeune reçu : 4 507 000 entretiens pour 1 198 000 jeunes reçus en 2015. */
const ENTRETIENS_EN_PLUS = 2.76;

const NIVEAUX = new Tirage(['VI', 'VBIS', 'V', 'IV', 'III', 'II', 'I'], [10, 12, 30, 39, 6, 2, 1]);
const MOTIFS_SORTIE_ANTICIPEE = new Tirage(
  ['EMPLOI_DURABLE', 'EMPLOI', 'ALTERNANCE', 'FORMATION', 'CREATION_ENTREPRISE', 'DEMENAGEMENT', 'ABANDON', 'SANS_NOUVELLES', 'AUTRE'],
  [18, 24, 8, 14, 1, 5, 12, 12, 6],
);
const CATEGORIES = new Tirage(
  Object.keys(SITUATIONS_PAR_CATEGORIE) as (keyof typeof SITUATIONS_PAR_CATEGORIE)[],
  Object.values(SITUATIONS_PAR_CATEGORIE),
);

// Taux moyens par jeune en contact, dont on déduit les probabilités individuelles.
const SITUATIONS_EN_PLUS = 0.75; // un jeune qui a une situation en a 1 + Poisson(0.75)
const PART_AVEC_SITUATION =
  PART_RECUS_INDIVIDUELLEMENT * PART_RECUS_AVEC_SITUATION + (1 - PART_RECUS_INDIVIDUELLEMENT) * PART_NON_RECUS_AVEC_SITUATION;
const TOTAL_SITUATIONS = Object.values(SITUATIONS_PAR_CATEGORIE).reduce((s, n) => s + n, 0);

const tiragesEmploi = new Map<number, Tirage<string>>();
/** Types de contrat d'emploi : la part des emplois d'avenir suit leur extinction (40 000 en 2015, 5 000 en 2018). */
function tirageEmploi(annee: number): Tirage<string> {
  let t = tiragesEmploi.get(annee);
  if (!t) {
    const emplois = contactsNationaux(annee) * PART_AVEC_SITUATION * (1 + SITUATIONS_EN_PLUS) * (SITUATIONS_PAR_CATEGORIE.EMPLOI / TOTAL_SITUATIONS);
    const ea = Math.min(11, (100 * emploisAvenirNationaux(annee)) / emplois);
    t = new Tirage(['CDD', 'INTERIM', 'CDI', 'CONTRAT_AIDE', 'EMPLOI_AVENIR', 'IAE', 'SAISONNIER'], [40, 25, 10, 8, ea, 5, 12 - ea]);
    tiragesEmploi.set(annee, t);
  }
  return t;
}

/** Probabilité d'entrée d'un jeune reçu dans l'année : entrées nationales visées / jeunes reçus de la nation. */
function probaEntree(type: Parameters<typeof entreesNationales>[0], annee: number): number {
  return entreesNationales(type, annee) / (PART_RECUS_INDIVIDUELLEMENT * contactsNationaux(annee));
}

const DERNIERE_ENTREE_CIVIS = jourDeTexte('2016-12-31');
const PREMIERE_ENTREE_PACEA = jourDeTexte('2017-01-01');

const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000'];
function pad(n: number, largeur: number): string {
  const s = '' + n;
  return s.length >= largeur ? s : ZEROS[largeur - s.length] + s;
}

function euros(centimes: number): string {
  const reste = centimes % 100;
  return `${(centimes - reste) / 100}.${reste < 10 ? '0' : ''}${reste}`;
}

function uneDecimale(x: number): string {
  return (Math.round(x * 10) / 10).toFixed(1);
}

interface JeuneDemo {
  naissance: number;
  anniversaire26: number;
  premierAccueil: number;
  anneeAccueil: number;
  /** Années de contact dans la période, contiguës. */
  premiereAnnee: number;
  derniereAnnee: number;
}

/** Tirage d'une commune de résidence au prorata de la population (recherche dichotomique sur les cumuls). */
class TirageCommunes {
  private readonly cumuls: Float64Array;
  constructor(
    private readonly codes: string[],
    populations: number[],
  ) {
    this.cumuls = new Float64Array(codes.length);
    let total = 0;
    populations.forEach((p, i) => (this.cumuls[i] = total += Math.max(1, p)));
  }
  tirer(alea: Alea): string {
    const u = alea.suivant() * this.cumuls[this.cumuls.length - 1];
    let bas = 0;
    let haut = this.cumuls.length - 1;
    while (bas < haut) {
      const m = (bas + haut) >> 1;
      if (this.cumuls[m] > u) haut = m;
      else bas = m + 1;
    }
    return this.codes[bas];
  }
}

export class GenerateurActivite {
  private readonly alea: Alea;
  private readonly code: string;
  private readonly anneeFinActivite: number;
  /** Dernier jour où la ML enregistre quelque chose (fin de période ou fermeture). */
  private readonly horizon: number;
  private readonly fermee: boolean;
  private readonly conseillers: string[];
  private readonly communes: TirageCommunes;

  private readonly sortie: LignesML = {
    jeunes: new Lignes(),
    evenements: new Lignes(),
    dispositifs: new Lignes(),
    situations: new Lignes(),
    aides: new Lignes(),
    offres: new Lignes(),
    contexte: new Lignes(),
    moyens: new Lignes(),
  };
  private nbEvenements = 0;
  private nbDispositifs = 0;
  private nbSituations = 0;
  private nbAides = 0;

  constructor(
    private readonly ml: MissionLocaleDemo,
    private readonly graine: number,
    private readonly periode: Periode,
    populations: ReadonlyMap<string, number>,
  ) {
    this.code = ml.code;
    this.alea = new Alea(graine, 'activite', ml.code);
    const fin = derniereAnneeActive(ml);
    this.fermee = fin !== undefined && fin <= periode.anneeFin;
    this.anneeFinActivite = fin === undefined ? periode.anneeFin : Math.min(fin, periode.anneeFin);
    this.horizon = finAnnee(this.anneeFinActivite);
    const tailleMax = Math.max(...[2015, 2016, 2017, 2018].map((a) => contactsVises(ml, a)), ml.contacts2015);
    const nbConseillers = Math.max(2, Math.round(tailleMax / 200));
    this.conseillers = Array.from({ length: nbConseillers }, (_, i) => `C${pad(i + 1, 4)}`);
    this.communes = new TirageCommunes(
      ml.communes,
      ml.communes.map((c) => populations.get(c) ?? 0),
    );
  }

  generer(): LignesML {
    const jeunes = this.cohortes();
    for (let i = 0; i < jeunes.length; i++) this.parcours(jeunes[i], i + 1);
    this.offres();
    this.donneesDeclarees();
    for (const lignes of Object.values(this.sortie)) lignes.vider();
    return this.sortie;
  }

  // ——— Cohortes : qui est en contact, quelle année ———

  private nouveauJeune(annee: number): JeuneDemo {
    const a = this.alea;
    const premierAccueil = debutAnnee(annee) + Math.floor(a.suivant() * (finAnnee(annee) - debutAnnee(annee) + 1));
    const u = a.suivant();
    const [min, max] = u < 0.15 ? [16, 17] : u < 0.67 ? [18, 21] : [22, 25];
    let naissance: number;
    let age: number;
    do {
      naissance = premierAccueil - Math.floor((a.entier(min, max) + a.suivant()) * 365.2425);
      age = ageRevoluJour(naissance, premierAccueil);
    } while (age < 16 || age > 25);
    return {
      naissance,
      anniversaire26: anniversaire(naissance, 26),
      premierAccueil,
      anneeAccueil: annee,
      premiereAnnee: annee,
      derniereAnnee: annee,
    };
  }

  /**
   * Les jeunes en contact chaque année : un stock venu des années d'avant (premiers accueils de 1 à 3 ans plus
   * tôt), puis chaque année les reconduits (probabilité fixe, 26 ans = fin du parcours) complétés par des
   * premiers accueils jusqu'au nombre visé.
   */
  private cohortes(): JeuneDemo[] {
    const a = this.alea;
    const { anneeDebut } = this.periode;
    const tous: JeuneDemo[] = [];
    let enContact: JeuneDemo[] = [];
    const p = PROBA_RECONDUCTION;
    const anciennete = new Tirage([1, 2, 3], [p, p * p, p * p * p]);
    for (let annee = anneeDebut; annee <= this.anneeFinActivite; annee++) {
      const vises = contactsVises(this.ml, annee);
      const debut = debutAnnee(annee);
      const suivants: JeuneDemo[] = [];
      if (annee === anneeDebut) {
        const stock = Math.round(vises * PART_RECONDUITS_DEBUT);
        while (suivants.length < stock) {
          const j = this.nouveauJeune(annee - anciennete.tirer(a));
          if (j.anniversaire26 <= debut + 30) continue; // déjà sorti à 26 ans
          j.premiereAnnee = j.derniereAnnee = annee;
          suivants.push(j);
          tous.push(j);
        }
      } else {
        for (const j of enContact) {
          if (a.oui(p) && j.anniversaire26 > debut + 30) {
            j.derniereAnnee = annee;
            suivants.push(j);
          }
        }
      }
      for (let n = vises - suivants.length; n > 0; n--) {
        const j = this.nouveauJeune(annee);
        suivants.push(j);
        tous.push(j);
      }
      enContact = suivants;
    }
    return tous;
  }

  // ——— Parcours d'un jeune ———

  private parcours(j: JeuneDemo, numero: number): void {
    const a = this.alea;
    const idJeune = `J${pad(numero, 6)}`;
    const prefixe = `${this.code};`;
    const conseiller = a.choix(this.conseillers);

    const femme = a.oui(0.49);
    const niveau = a.oui(0.03) ? '' : NIVEAUX.tirer(a);
    const qpv = a.oui(this.ml.partQpv);
    // Exclusifs (ville / campagne) : la probabilité ZRR est relevée pour garder la part visée.
    const zrr = !qpv && a.oui(this.ml.partZrr / (1 - this.ml.partQpv));
    const prenom = femme ? a.choix(PRENOMS_F) : a.choix(PRENOMS_H);
    const nom = a.choix(NOMS);
    const suffixe = a.oui(0.5) ? String(a.entier(1, 99)) : '';
    const courriel = `${versAscii(prenom)}.${versAscii(nom)}${suffixe}@exemple.fr`;
    const telephone = `0${a.oui(0.8) ? 6 : 7}${pad(a.entier(0, 99_999_999), 8)}`;
    this.sortie.jeunes.ajouter(
      `${prefixe}${idJeune};${texteJour(j.naissance)};${femme ? 'F' : 'H'};${niveau};${this.communes.tirer(a)};` +
      `${qpv ? 1 : 0};${zrr ? 1 : 0};${a.oui(0.03) ? 1 : 0};${a.oui(0.45) ? 1 : 0};${texteJour(j.premierAccueil)};` +
      `${conseiller};${nom};${prenom};${courriel};${telephone}\n`,
    );

    const etat: EtatContrats = { finContrat: -Infinity, finGarantie: -Infinity, finPpae: -Infinity, finParrainage: -Infinity };
    for (let annee = j.premiereAnnee; annee <= j.derniereAnnee; annee++) {
      const debutFenetre = annee === j.anneeAccueil ? j.premierAccueil : debutAnnee(annee);
      let finFenetre = Math.min(finAnnee(annee), j.anniversaire26 - 1);
      // Un jeune qui quitte la ML dans l'année n'y vient plus après son départ (d'où des JDI moins nombreux).
      const depart = annee < this.anneeFinActivite ? annee === j.derniereAnnee : a.oui(1 - PROBA_RECONDUCTION);
      if (depart) finFenetre = debutFenetre + Math.floor((0.15 + 0.85 * a.suivant()) * (finFenetre - debutFenetre));
      const recu = a.oui(PART_RECUS_INDIVIDUELLEMENT);
      this.evenementsAnnee(idJeune, conseiller, j, annee, debutFenetre, finFenetre, recu);
      if (recu) this.dispositifsAnnee(idJeune, j, annee, debutFenetre, finFenetre, etat);
      if (a.oui(recu ? PART_RECUS_AVEC_SITUATION : PART_NON_RECUS_AVEC_SITUATION)) {
        for (let n = 1 + a.poisson(SITUATIONS_EN_PLUS); n > 0; n--) {
          this.situation(idJeune, annee, debutFenetre + Math.floor(a.suivant() * (finFenetre - debutFenetre + 1)));
        }
      }
      if (recu && a.oui(0.04)) {
        const date = debutFenetre + Math.floor(a.suivant() * (finFenetre - debutFenetre + 1));
        const u = a.suivant();
        this.aide(idJeune, 'FIPJ', date, Math.round((20 + 780 * u * u) * 100));
      }
    }
  }

  private evenementsAnnee(idJeune: string, conseiller: string, j: JeuneDemo, annee: number, debut: number, fin: number, recu: boolean): void {
    const a = this.alea;
    const codes: number[] = [];
    const etendue = fin - debut + 1;
    // L'année du premier accueil, le premier événement a lieu le jour de l'accueil.
    let premier = annee === j.anneeAccueil;
    if (recu) {
      for (let n = 1 + a.poisson(ENTRETIENS_EN_PLUS); n > 0; n--) {
        codes.push((premier ? debut : debut + Math.floor(a.suivant() * etendue)) * 8 + ENTRETIEN);
        premier = false;
      }
      if (a.oui(0.3)) {
        for (let n = a.entier(1, 3); n > 0; n--) codes.push((debut + Math.floor(a.suivant() * etendue)) * 8 + (a.oui(0.6) ? ATELIER : INFORMATION_COLLECTIVE));
      }
    }
    for (let n = recu ? a.poisson(1.5) : 1 + a.poisson(0.8); n > 0; n--) {
      codes.push((premier ? debut : debut + Math.floor(a.suivant() * etendue)) * 8 + DISTANCE.tirer(a));
      premier = false;
    }
    if (codes.length > 1) codes.sort(croissant);
    const prefixe = `${this.code};`;
    const sortie = this.sortie.evenements;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      const type = c & 7;
      const qui = type === ATELIER || type === INFORMATION_COLLECTIVE ? a.choix(this.conseillers) : conseiller;
      sortie.ajouter(`${prefixe}E${pad(++this.nbEvenements, 7)};${idJeune};${texteJour((c - type) / 8)};${TYPES_EVENEMENT[type]};${qui}\n`);
    }
  }

  // ——— Dispositifs et allocations ———

  private dispositifsAnnee(idJeune: string, j: JeuneDemo, annee: number, debut: number, fin: number, etat: EtatContrats): void {
    const a = this.alea;

    // CIVIS puis PACEA : jamais deux contrats qui se chevauchent, le suivant commence après la fin du précédent.
    // Après la première année, les renouvellements s'ajoutent aux entrées : moins de premiers contrats.
    if (annee <= 2016 && a.oui(probaEntree('CIVIS', annee) * (annee > this.periode.anneeDebut ? 0.88 : 1))) {
      const min = Math.max(debut, etat.finContrat + 1);
      const max = Math.min(fin, DERNIERE_ENTREE_CIVIS);
      if (min <= max) {
        const premiereEntree = this.jourEntre(min, max);
        let entree = premiereEntree;
        for (let renouvellements = 0; ; renouvellements++) {
          const sortie = this.contrat(idJeune, j, 'CIVIS', entree, 12, 0.35);
          etat.finContrat = sortie.fin;
          if (sortie.motif !== 'FIN_DE_DROITS' || !a.oui(0.25 / (1 + renouvellements))) break;
          // Renouvellement : nouveau contrat après la fin du précédent, tant que les entrées CIVIS sont ouvertes.
          const suivante = sortie.fin + a.entier(1, 20);
          if (suivante > Math.min(DERNIERE_ENTREE_CIVIS, this.horizon) || suivante >= j.anniversaire26) break;
          entree = suivante;
        }
        if (a.oui(0.4)) this.allocations(idJeune, 'ALLOCATION_CIVIS', etat.finContrat, premiereEntree, () => a.entier(5_000, 45_000), a.entier(1, 4));
      }
    }
    if (annee >= 2017 && a.oui(probaEntree('PACEA', annee))) {
      const min = Math.max(debut, etat.finContrat + 1, PREMIERE_ENTREE_PACEA);
      if (min <= fin) {
        const entree = this.jourEntre(min, fin);
        const duree = a.oui(0.5) ? a.entier(6, 12) : a.entier(3, 24);
        const sortie = this.contrat(idJeune, j, 'PACEA', entree, duree, 0.45);
        etat.finContrat = sortie.fin;
        if (a.oui(0.35)) {
          this.allocations(idJeune, 'ALLOCATION_PACEA', sortie.fin, entree, (date) => a.entier(10_000, Math.round(allocationGarantieJeunes(anneeDe(date)) * 100)), a.entier(1, 3));
        }
      }
    }
    if (a.oui(probaEntree('GARANTIE_JEUNES', annee))) {
      const min = Math.max(debut, etat.finGarantie + 1);
      if (min <= fin) {
        const entree = this.jourEntre(min, fin);
        const duree = 12 + (a.oui(0.3) ? a.entier(1, 6) : 0);
        const sortie = this.contrat(idJeune, j, 'GARANTIE_JEUNES', entree, duree, 0.15);
        etat.finGarantie = sortie.fin;
        this.allocations(
          idJeune,
          'ALLOCATION_GJ',
          sortie.fin,
          entree,
          (date) => {
            const plein = Math.round(allocationGarantieJeunes(anneeDe(date)) * 100);
            return a.oui(0.75) ? plein : Math.round(plein * a.uniforme(0.2, 0.95));
          },
          a.entier(2, 6),
        );
      }
    }
    if (a.oui(probaEntree('PPAE', annee))) {
      const min = Math.max(debut, etat.finPpae + 1);
      if (min <= fin) etat.finPpae = this.contrat(idJeune, j, 'PPAE', this.jourEntre(min, fin), a.entier(3, 12), 0.3).fin;
    }
    if (a.oui(probaEntree('PARRAINAGE', annee))) {
      const min = Math.max(debut, etat.finParrainage + 1);
      if (min <= fin) etat.finParrainage = this.contrat(idJeune, j, 'PARRAINAGE', this.jourEntre(min, fin), a.entier(4, 8), 0.2).fin;
    }
  }

  /** Écrit un dispositif ; rend sa fin (Infinity s'il est encore ouvert à la fin de la période) et son motif. */
  private contrat(idJeune: string, j: JeuneDemo, type: string, entree: number, dureeMois: number, pSortieAnticipee: number): { fin: number; motif: string } {
    const a = this.alea;
    const finPrevue = ajouterMoisJour(entree, dureeMois) - 1;
    let fin = finPrevue;
    let motif = 'FIN_DE_DROITS';
    if (a.oui(pSortieAnticipee)) {
      fin = entree + Math.floor(a.suivant() * (finPrevue - entree));
      motif = MOTIFS_SORTIE_ANTICIPEE.tirer(a);
    }
    if (fin >= j.anniversaire26) {
      fin = j.anniversaire26 - 1;
      motif = 'LIMITE_AGE';
    }
    if (fin > this.horizon) {
      if (this.fermee) {
        // La ML ferme : ses dispositifs en cours sont clos à sa fermeture.
        fin = this.horizon;
        motif = 'AUTRE';
      } else {
        this.sortie.dispositifs.ajouter(`${this.code};D${pad(++this.nbDispositifs, 6)};${idJeune};${type};${texteJour(entree)};;\n`);
        return { fin: Infinity, motif: '' };
      }
    }
    this.sortie.dispositifs.ajouter(`${this.code};D${pad(++this.nbDispositifs, 6)};${idJeune};${type};${texteJour(entree)};${texteJour(fin)};${motif}\n`);
    return { fin, motif };
  }

  /** Versements mensuels, un mois après l'entrée puis chaque mois, tant que le dispositif court. */
  private allocations(idJeune: string, type: string, fin: number, entree: number, montant: (date: number) => number, nombre: number): void {
    const limite = Math.min(fin, this.horizon);
    for (let k = 1; k <= nombre; k++) {
      const date = ajouterMoisJour(entree, k);
      if (date > limite) break;
      this.aide(idJeune, type, date, montant(date));
    }
  }

  private aide(idJeune: string, type: string, date: number, centimes: number): void {
    this.sortie.aides.ajouter(`${this.code};A${pad(++this.nbAides, 6)};${idJeune};${type};${texteJour(date)};${euros(centimes)}\n`);
  }

  private jourEntre(min: number, max: number): number {
    return min + Math.floor(this.alea.suivant() * (max - min + 1));
  }

  // ——— Situations ———

  private situation(idJeune: string, annee: number, debut: number): void {
    const a = this.alea;
    const categorie = CATEGORIES.tirer(a);
    let type = '';
    let finPrevue: number | undefined;
    switch (categorie) {
      case 'EMPLOI': {
        type = tirageEmploi(annee).tirer(a);
        if (type === 'CDI') break;
        if (type === 'EMPLOI_AVENIR') {
          finPrevue = ajouterMoisJour(debut, a.choix([12, 24, 36])) - 1;
          break;
        }
        if (a.oui(0.12)) {
          // Autour du seuil de l'emploi durable (début + 6 mois − 1 jour) : pile, un jour de moins, un jour de plus.
          finPrevue = ajouterMoisJour(debut, 6) - 1 + a.entier(-1, 1);
          break;
        }
        const [min, max] = type === 'INTERIM' || type === 'SAISONNIER' ? [1, 4] : type === 'CONTRAT_AIDE' ? [6, 12] : type === 'IAE' ? [4, 12] : [1, 12];
        finPrevue = ajouterMoisJour(debut, a.entier(min, max)) - 1;
        break;
      }
      case 'ALTERNANCE':
        type = a.oui(0.65) ? 'APPRENTISSAGE' : 'PROFESSIONNALISATION';
        finPrevue = ajouterMoisJour(debut, a.entier(6, 24)) - 1;
        break;
      case 'FORMATION':
        finPrevue = ajouterMoisJour(debut, a.entier(1, 10)) - 1;
        break;
      case 'IMMERSION':
        type = 'PMSMP';
        finPrevue = debut + a.entier(6, 27);
        break;
      case 'SCOLARITE':
        finPrevue = ajouterMoisJour(debut, a.entier(3, 10)) - 1;
        break;
      case 'VOLONTARIAT':
        finPrevue = ajouterMoisJour(debut, a.entier(6, 12)) - 1;
        break;
      case 'CREATION_ENTREPRISE':
        break;
    }
    // Fin effective : le plus souvent la fin prévue, parfois plus tôt ; inconnue si elle tombe après la période.
    let fin: number | undefined;
    if (finPrevue !== undefined) {
      fin = a.oui(0.2) ? debut + Math.floor(a.suivant() * (finPrevue - debut)) : finPrevue;
    } else if (a.oui(0.15)) {
      fin = debut + a.entier(30, 540);
    }
    if (fin !== undefined && fin > this.horizon) fin = undefined;
    this.sortie.situations.ajouter(
      `${this.code};S${pad(++this.nbSituations, 6)};${idJeune};${categorie};${type};${texteJour(debut)};` +
        `${finPrevue === undefined ? '' : texteJour(finPrevue)};${fin === undefined ? '' : texteJour(fin)}\n`,
    );
  }

  // ——— Offres, contexte, moyens ———

  private offres(): void {
    const a = new Alea(this.graine, 'offres', this.code);
    let nombre = 0;
    for (let annee = this.periode.anneeDebut; annee <= this.anneeFinActivite; annee++) {
      const taille = Math.min(1, contactsVises(this.ml, annee) / 9_000);
      const n = Math.min(200, Math.max(60, Math.round((60 + 140 * taille) * a.uniforme(0.85, 1.15))));
      const debut = debutAnnee(annee);
      const etendue = finAnnee(annee) - debut + 1;
      const dates = Array.from({ length: n }, () => debut + Math.floor(a.suivant() * etendue)).sort((x, y) => x - y);
      for (const date of dates) {
        this.sortie.offres.ajouter(`${this.code};O${pad(++nombre, 5)};${texteJour(date)};${a.oui(0.6) ? 1 : 0};${champ(a.choix(INTITULES_OFFRES))}\n`);
      }
    }
  }

  private donneesDeclarees(): void {
    const a = new Alea(this.graine, 'declarees', this.code);
    const ml = this.ml;
    const facteurActifs = a.uniforme(1.0, 1.6);
    const facteurNeet = a.uniforme(1.15, 1.45);
    const chomage = a.uniforme(19, 31) + (ml.departement.length === 3 ? 3 : 0);
    const facteurDefm = a.uniforme(0.3, 0.45);
    const facteurQpv = a.uniforme(0.7, 0.9);
    const facteurZrr = a.uniforme(0.8, 1.1);
    const facteurEtp = a.uniforme(0.85, 1.15);
    const facteurProduits = a.uniforme(0.85, 1.15);
    // ≈ 15 sites par ML : les grandes ML et les territoires étendus (beaucoup de communes) ont plus de permanences.
    const sitesParML = SITES_NATIONAUX / NB_ML_2015;
    const nbSites = Math.max(1, Math.round(sitesParML * (0.5 * (ml.contacts2015 / 3_155) + 0.5 * (ml.communes.length / 78.6)) * a.uniforme(0.7, 1.3)));
    const parts = LIGNES_FINANCEMENT.map((ligne) => [ligne, PARTS_FINANCEMENT[ligne] * a.uniforme(0.8, 1.2)] as const);
    const sommeParts = parts.reduce((s, [, p]) => s + p, 0);

    for (let annee = this.periode.anneeDebut; annee <= this.anneeFinActivite; annee++) {
      const contacts = contactsVises(ml, annee);
      const fusion = ml.absorbee && annee >= 2017 ? ml.absorbee : undefined;
      const pop = Math.round((ml.pop1625 + (fusion?.pop1625 ?? 0)) * (1 - 0.003 * (annee - 2015)));
      const actifs = Math.round(contacts * facteurActifs * a.uniforme(0.97, 1.03));
      const neet = Math.min(Math.round(actifs * facteurNeet), Math.max(actifs, Math.round(0.4 * pop)));
      const taux = Math.min(35, Math.max(18, chomage - 0.8 * (annee - 2015) + a.uniforme(-0.5, 0.5)));
      this.sortie.contexte.ajouter(
        `${ml.code};${annee};${pop};${actifs};${neet};${uneDecimale(taux)};${Math.round(contacts * facteurDefm)};` +
        `${uneDecimale(100 * ml.partQpv * facteurQpv)};${uneDecimale(100 * ml.partZrr * facteurZrr)};${ml.communes.length + (fusion?.nbCommunes ?? 0)}\n`,
      );

      const etp = Math.max(2, Math.round(((contacts / CONTACTS_PAR_ETP) * facteurEtp * a.uniforme(0.97, 1.03)) * 10) / 10);
      const conseillers = Math.round(etp * a.uniforme(0.56, 0.64) * 10) / 10;
      const relationEntreprise = Math.round(etp * a.uniforme(0.05, 0.11) * 10) / 10;
      // En centimes : les lignes de financement font exactement le total, le reste va à « autres ».
      const produits = Math.round(contacts * PRODUITS_PAR_CONTACT_2015 * evolutionProduits(annee) * facteurProduits * a.uniforme(0.98, 1.02) * 100);
      let reparti = 0;
      const lignes = parts.map(([ligne, part]) => {
        if (ligne === 'autres') return 0;
        const c = Math.floor((produits * part) / sommeParts);
        reparti += c;
        return c;
      });
      lignes[lignes.length - 1] = produits - reparti;
      this.sortie.moyens.ajouter(
        `${ml.code};${annee};${etp.toFixed(1)};${conseillers.toFixed(1)};${relationEntreprise.toFixed(1)};${nbSites};${euros(produits)};` +
          `${lignes.map(euros).join(';')}\n`,
      );
    }
  }
}

function croissant(x: number, y: number): number {
  return x - y;
}

interface EtatContrats {
  finContrat: number;
  finGarantie: number;
  finPpae: number;
  finParrainage: number;
}
