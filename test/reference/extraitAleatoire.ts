// Générateur d'extraits aléatoires mais valides (format-echange.md), pour comparer le moteur SQL des
// indicateurs à l'implémentation de référence. Une graine donne toujours les mêmes fichiers.
// Chaque structure reçoit d'abord des jeunes « de bord » écrits à la main (31 décembre / 1er janvier,
// 31 juillet / 1er août, contrats de 6 mois pile, 31 août, 29 février…), puis des jeunes tirés au sort.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ajouterMois, veille } from './indicateursReference.ts';

// ---------------------------------------------------------------------------------------------------
// Hasard reproductible

/** mulberry32 : petit générateur 32 bits, suffisant pour des données de test. */
class Alea {
  private etat: number;
  constructor(graine: number) {
    this.etat = graine >>> 0;
  }
  reel(): number {
    this.etat = (this.etat + 0x6d2b79f5) >>> 0;
    let t = this.etat;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  entier(min: number, max: number): number {
    return min + Math.floor(this.reel() * (max - min + 1));
  }
  proba(p: number): boolean {
    return this.reel() < p;
  }
  choix<T>(liste: readonly T[]): T {
    return liste[Math.floor(this.reel() * liste.length)];
  }
  melanger<T>(liste: T[]): T[] {
    for (let i = liste.length - 1; i > 0; i--) {
      const k = this.entier(0, i);
      [liste[i], liste[k]] = [liste[k], liste[i]];
    }
    return liste;
  }
}

// ---------------------------------------------------------------------------------------------------
// Dates : numéros de jour (algorithme civil de H. Hinnant), sans objet Date

function versJour(d: string): number {
  let a = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const j = Number(d.slice(8, 10));
  a -= m <= 2 ? 1 : 0;
  const ere = Math.floor(a / 400);
  const ae = a - ere * 400;
  const jda = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + j - 1;
  const jde = ae * 365 + Math.floor(ae / 4) - Math.floor(ae / 100) + jda;
  return ere * 146097 + jde - 719468;
}

function depuisJour(n: number): string {
  const z = n + 719468;
  const ere = Math.floor(z / 146097);
  const jde = z - ere * 146097;
  const ae = Math.floor((jde - Math.floor(jde / 1460) + Math.floor(jde / 36524) - Math.floor(jde / 146096)) / 365);
  const jda = jde - (365 * ae + Math.floor(ae / 4) - Math.floor(ae / 100));
  const mp = Math.floor((5 * jda + 2) / 153);
  const j = jda - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  const a = ae + ere * 400 + (m <= 2 ? 1 : 0);
  return `${String(a).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(j).padStart(2, '0')}`;
}

const plusJours = (d: string, n: number) => depuisJour(versJour(d) + n);
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

/** Âge révolu : né un 29 février, on prend un an le 1er mars des années non bissextiles (comme age() de PostgreSQL). */
export function ageRevolu(naissance: string, jour: string): number {
  let age = Number(jour.slice(0, 4)) - Number(naissance.slice(0, 4));
  if (jour.slice(5) < naissance.slice(5)) age -= 1;
  return age;
}

const PREMIERE_DATE = '1990-01-01';
const DERNIERE_DATE = '2018-12-31';
const PREMIERE_ANNEE_ACTIVITE = 2014;
const DERNIERE_ENTREE_CIVIS = '2016-12-31';
const PREMIERE_ENTREE_PACEA = '2017-01-01';

// ---------------------------------------------------------------------------------------------------
// Écriture CSV

type Valeur = string | number | null | undefined;
type Rangee = Record<string, Valeur>;

interface Fichier {
  nom: string;
  colonnes: string[];
  /** Colonnes facultatives que la mise en page peut omettre (jamais celles dont dépend un indicateur). */
  omissibles: string[];
}

const FICHIERS: Fichier[] = [
  {
    nom: 'structures.csv',
    colonnes: ['code_structure', 'nom', 'siret', 'code_departement', 'code_region', 'adresse', 'communes'],
    omissibles: ['siret', 'adresse', 'communes'],
  },
  {
    nom: 'jeunes.csv',
    colonnes: ['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'niveau_formation', 'qpv', 'zrr', 'inscrit_pole_emploi', 'date_premier_accueil', 'id_conseiller'],
    omissibles: ['niveau_formation', 'qpv', 'zrr', 'inscrit_pole_emploi', 'id_conseiller'],
  },
  { nom: 'evenements.csv', colonnes: ['code_structure', 'id_evenement', 'id_jeune', 'date', 'type', 'id_conseiller'], omissibles: ['id_conseiller'] },
  { nom: 'dispositifs.csv', colonnes: ['code_structure', 'id_dispositif', 'id_jeune', 'type', 'date_debut', 'date_fin', 'motif_fin'], omissibles: ['motif_fin'] },
  {
    nom: 'situations.csv',
    colonnes: ['code_structure', 'id_situation', 'id_jeune', 'categorie', 'type_contrat', 'date_debut', 'date_fin_prevue', 'date_fin'],
    omissibles: ['date_fin'],
  },
  { nom: 'aides.csv', colonnes: ['code_structure', 'id_aide', 'id_jeune', 'type', 'date', 'montant'], omissibles: [] },
  { nom: 'offres.csv', colonnes: ['code_structure', 'id_offre', 'date_collecte', 'pourvue', 'intitule'], omissibles: ['pourvue', 'intitule'] },
  {
    nom: 'contexte.csv',
    colonnes: ['code_structure', 'annee', 'pop_16_25', 'actifs_non_occupes_16_25', 'neet_16_25', 'taux_chomage_15_24', 'demandeurs_emploi_moins_26', 'part_qpv_16_25', 'part_zrr_16_25', 'nb_communes'],
    omissibles: ['neet_16_25', 'part_zrr_16_25', 'nb_communes'],
  },
  {
    nom: 'moyens.csv',
    colonnes: ['code_structure', 'annee', 'etp_total', 'etp_conseillers', 'etp_relation_entreprise', 'nb_sites', 'produits_total', 'etat_cpo', 'etat_autres', 'region', 'departement', 'communes_epci', 'fse', 'pole_emploi', 'autres'],
    omissibles: ['etp_relation_entreprise', 'nb_sites', 'fse', 'pole_emploi'],
  },
];

interface MiseEnPage {
  separateur: string;
  colonnes: string[];
  bom: boolean;
  crlf: boolean;
  toutEntreGuillemets: boolean;
}

function champ(v: Valeur, sep: string, guillemets: boolean): string {
  const texte = v === null || v === undefined ? '' : String(v);
  if (guillemets || texte.includes(sep) || texte.includes('"') || texte.includes('\n') || texte.includes('\r')) {
    return `"${texte.replace(/"/g, '""')}"`;
  }
  return texte;
}

function ecrireCsv(chemin: string, page: MiseEnPage, rangees: Rangee[]) {
  const fin = page.crlf ? '\r\n' : '\n';
  const lignes = [page.colonnes, ...rangees.map((r) => page.colonnes.map((c) => r[c]))].map((valeurs) =>
    valeurs.map((v) => champ(v, page.separateur, page.toutEntreGuillemets)).join(page.separateur),
  );
  writeFileSync(chemin, (page.bom ? '\ufeff' : '') + lignes.join(fin) + fin, 'utf8');
}

// ---------------------------------------------------------------------------------------------------
// Génération

const GEOGRAPHIE: [departement: string, region: string, ville: string, communes: string[]][] = [
  ['35', '53', 'Rennes', ['35238', '35051']],
  ['29', '53', 'Brest', ['29019', '29075']],
  ['75', '11', 'Paris', ['75056']],
  ['13', '93', 'Marseille', ['13055']],
  ['59', '32', 'Lille', ['59350', '59512']],
  ['69', '84', 'Lyon', ['69123']],
  ['33', '75', 'Bordeaux', ['33063']],
  ['31', '76', 'Toulouse', ['31555']],
  ['974', '04', 'Saint-Denis', ['97411']],
];

const TYPES_CONTACT_A_DISTANCE = ['TELEPHONE', 'COURRIEL', 'COURRIER', 'SMS', 'VISITE'];
const TYPES_EMPLOI = ['CDI', 'CDD', 'INTERIM', 'CONTRAT_AIDE', 'EMPLOI_AVENIR', 'IAE', 'SAISONNIER'];
const MOTIFS_FIN = ['EMPLOI_DURABLE', 'EMPLOI', 'ALTERNANCE', 'FORMATION', 'CREATION_ENTREPRISE', 'FIN_DE_DROITS', 'LIMITE_AGE', 'DEMENAGEMENT', 'ABANDON', 'SANS_NOUVELLES', 'AUTRE'];

/** Les fichiers d'une structure, en construction. */
class Structure {
  jeunes: Rangee[] = [];
  evenements: Rangee[] = [];
  dispositifs: Rangee[] = [];
  situations: Rangee[] = [];
  aides: Rangee[] = [];
  offres: Rangee[] = [];
  private naissances = new Map<string, string>();
  /** Contrats CIVIS/PACEA déjà posés par jeune, pour ne jamais en faire se chevaucher deux. */
  private contrats = new Map<string, [string, string | null][]>();

  constructor(
    readonly code: string,
    private readonly alea: Alea,
  ) {}

  jeune(naissance: string, premierAccueil: string): string {
    const id = `J${String(this.jeunes.length + 1).padStart(5, '0')}`;
    const a = this.alea;
    this.naissances.set(id, naissance);
    this.jeunes.push({
      code_structure: this.code,
      id_jeune: id,
      date_naissance: naissance,
      sexe: a.choix(['F', 'H']),
      niveau_formation: a.proba(0.2) ? null : a.choix(['VI', 'VBIS', 'V', 'IV', 'III', 'II', 'I']),
      qpv: a.choix(['0', '1', 'oui', 'non', '0']),
      zrr: a.proba(0.3) ? null : a.choix(['0', '1']),
      inscrit_pole_emploi: a.choix(['0', '1']),
      date_premier_accueil: premierAccueil,
      id_conseiller: `C${a.entier(1, 9)}`,
    });
    return id;
  }

  evenement(idJeune: string, date: string, type: string) {
    this.evenements.push({
      code_structure: this.code,
      id_evenement: `E${String(this.evenements.length + 1).padStart(6, '0')}`,
      id_jeune: idJeune,
      date,
      type,
      id_conseiller: this.alea.proba(0.5) ? `C${this.alea.entier(1, 9)}` : null,
    });
  }

  /** Vrai si le dispositif respecte les règles d'import (âge, CIVIS/PACEA, chevauchement) ; sinon il n'est pas posé. */
  dispositif(idJeune: string, type: string, debut: string, fin: string | null): boolean {
    if (fin !== null && fin < debut) return false;
    if (debut < PREMIERE_DATE || debut > DERNIERE_DATE || (fin !== null && fin > DERNIERE_DATE)) return false;
    const age = ageRevolu(this.naissances.get(idJeune)!, debut);
    if (age < 16 || age > 25) return false;
    if (type === 'CIVIS' && debut > DERNIERE_ENTREE_CIVIS) return false;
    if (type === 'PACEA' && debut < PREMIERE_ENTREE_PACEA) return false;
    if (type === 'CIVIS' || type === 'PACEA') {
      const poses = this.contrats.get(idJeune) ?? [];
      // Dates incluses ; un contrat sans fin court pour toujours.
      if (poses.some(([d, f]) => debut <= (f ?? '9999-12-31') && d <= (fin ?? '9999-12-31'))) return false;
      poses.push([debut, fin]);
      this.contrats.set(idJeune, poses);
    }
    this.dispositifs.push({
      code_structure: this.code,
      id_dispositif: `D${String(this.dispositifs.length + 1).padStart(5, '0')}`,
      id_jeune: idJeune,
      type,
      date_debut: debut,
      date_fin: fin,
      motif_fin: fin === null ? null : this.alea.choix(MOTIFS_FIN),
    });
    return true;
  }

  situation(idJeune: string, categorie: string, typeContrat: string | null, debut: string, finPrevue: string | null, fin: string | null = null) {
    this.situations.push({
      code_structure: this.code,
      id_situation: `S${String(this.situations.length + 1).padStart(5, '0')}`,
      id_jeune: idJeune,
      categorie,
      type_contrat: typeContrat,
      date_debut: debut,
      date_fin_prevue: finPrevue,
      date_fin: fin,
    });
  }

  aide(idJeune: string, type: string, date: string, montant: string) {
    this.aides.push({
      code_structure: this.code,
      id_aide: `A${String(this.aides.length + 1).padStart(5, '0')}`,
      id_jeune: idJeune,
      type,
      date,
      montant,
    });
  }

  offre(date: string) {
    const a = this.alea;
    this.offres.push({
      code_structure: this.code,
      id_offre: `O${String(this.offres.length + 1).padStart(5, '0')}`,
      date_collecte: date,
      pourvue: a.choix(['0', '1', null]),
      intitule: a.choix(['Vendeur (H/F)', 'Agent "polyvalent"; CDD', 'Serveur, extra', 'Cariste']),
    });
  }
}

/** Les jeunes « de bord » d'une structure ; y décale les cas pour que chaque structure en touche une année différente. */
function jeunesDeBord(s: Structure, y: number) {
  const ne = (age: number) => `${y - age}-05-10`;
  const poser = (j: string, type: string, debut: string, fin: string | null) => {
    if (!s.dispositif(j, type, debut, fin)) throw new Error(`cas de bord refusé : ${type} ${debut} ${fin}`);
  };

  // 31 décembre / 1er janvier : entretien le 31/12, atelier le 1/1, premier accueil le 31/12.
  let j = s.jeune(ne(20), `${y}-12-31`);
  s.evenement(j, `${y}-12-31`, 'ENTRETIEN_INDIVIDUEL');
  s.evenement(j, `${y + 1}-01-01`, 'ATELIER');
  j = s.jeune(ne(19), `${y + 1}-01-01`);
  s.evenement(j, `${y + 1}-01-01`, 'INFORMATION_COLLECTIVE');

  // 31 juillet / 1er août : JDI à partir du 1er août seulement.
  j = s.jeune(ne(21), `${y}-01-15`);
  s.evenement(j, `${y}-07-31`, 'ENTRETIEN_INDIVIDUEL');
  j = s.jeune(ne(22), `${y}-01-15`);
  s.evenement(j, `${y}-08-01`, 'ATELIER');

  // Contacts à distance seulement : en contact, pas accompagné ; son emploi ne compte pas en résultat.
  j = s.jeune(ne(18), `${y}-02-01`);
  s.evenement(j, `${y}-03-01`, 'TELEPHONE');
  s.evenement(j, `${y}-09-10`, 'SMS');
  s.evenement(j, `${y + 1}-01-01`, 'SMS');
  s.situation(j, 'EMPLOI', 'CDI', `${y}-06-01`, null);

  // Accompagné en y-1 seulement (le 31/12) : sa formation du 1/1/y ne compte nulle part ; son CDD
  // du 31/12/y-1 fait exactement 6 mois (30 juin - 1 jour) : emploi durable en y-1.
  j = s.jeune(ne(20), `${y - 1}-03-01`);
  s.evenement(j, `${y - 1}-12-31`, 'ENTRETIEN_INDIVIDUEL');
  s.situation(j, 'FORMATION', null, `${y}-01-01`, `${y}-06-30`);
  s.situation(j, 'EMPLOI', 'CDD', `${y - 1}-12-31`, `${y}-06-29`);

  // CDD de 6 mois pile (15/03 → 14/09) et d'un jour de moins.
  for (const finPrevue of [`${y}-09-14`, `${y}-09-13`]) {
    j = s.jeune(ne(23), `${y}-01-10`);
    s.evenement(j, `${y}-02-01`, 'ENTRETIEN_INDIVIDUEL');
    s.situation(j, 'EMPLOI', 'CDD', `${y}-03-15`, finPrevue);
  }

  // Départs le 31 août : + 6 mois = fin février (29 en 2016, 28 en 2017), moins un jour.
  for (const [debut, finPrevue, contrat] of [
    ['2015-08-31', '2016-02-28', 'INTERIM'],
    ['2015-08-31', '2016-02-27', 'INTERIM'],
    ['2016-08-31', '2017-02-27', 'CONTRAT_AIDE'],
    ['2016-08-31', '2017-02-26', 'CONTRAT_AIDE'],
  ]) {
    const annee = Number(debut.slice(0, 4));
    j = s.jeune(`${annee - 21}-11-02`, `${annee}-01-10`);
    s.evenement(j, `${annee}-03-01`, 'ENTRETIEN_INDIVIDUEL');
    s.situation(j, 'EMPLOI', contrat, debut, finPrevue);
  }

  // Sans fin prévue : CDD et saisonnier non durables, CDI durable ; emploi d'avenir, création d'entreprise.
  j = s.jeune(ne(24), `${y}-01-05`);
  s.evenement(j, `${y}-01-05`, 'ENTRETIEN_INDIVIDUEL');
  s.situation(j, 'EMPLOI', 'CDD', `${y}-04-01`, null);
  j = s.jeune(ne(24), `${y}-01-05`);
  s.evenement(j, `${y}-01-06`, 'ATELIER');
  s.situation(j, 'EMPLOI', 'SAISONNIER', `${y}-06-01`, null, `${y}-08-31`);
  j = s.jeune(ne(22), `${y}-01-05`);
  s.evenement(j, `${y}-02-06`, 'INFORMATION_COLLECTIVE');
  s.situation(j, 'EMPLOI', 'CDI', `${y}-05-01`, null);
  j = s.jeune(ne(21), `${y}-01-05`);
  s.evenement(j, `${y}-02-07`, 'ENTRETIEN_INDIVIDUEL');
  s.situation(j, 'EMPLOI', 'EMPLOI_AVENIR', `${y}-06-01`, `${y + 1}-05-31`);
  j = s.jeune(ne(25), `${y}-01-05`);
  s.evenement(j, `${y}-03-07`, 'ENTRETIEN_INDIVIDUEL');
  s.situation(j, 'CREATION_ENTREPRISE', null, `${y}-09-01`, null);
  s.situation(j, 'ALTERNANCE', 'APPRENTISSAGE', `${y}-09-15`, `${y + 1}-09-14`);
  s.situation(j, 'IMMERSION', 'PMSMP', `${y}-12-31`, `${y + 1}-01-13`);
  s.situation(j, 'IMMERSION', 'PMSMP', `${y + 1}-01-01`, `${y + 1}-01-14`);

  // Parrainages : à cheval sur deux ans, d'un seul jour en y (fin le 1/1), et ouvert depuis le 31/12.
  j = s.jeune(ne(19), `${y}-09-01`);
  poser(j, 'PARRAINAGE', `${y}-10-01`, `${y + 1}-03-31`);
  j = s.jeune(ne(19), `${y - 1}-06-01`);
  poser(j, 'PARRAINAGE', `${y - 1}-07-01`, `${y}-01-01`);
  poser(j, 'PARRAINAGE', `${y}-12-31`, null);

  // CIVIS jusqu'au 31/12/2016 puis PACEA dès le 1/1/2017 : contigus sans se chevaucher, sorties au 31/12.
  j = s.jeune('1995-06-15', '2015-12-01');
  s.evenement(j, '2015-12-01', 'ENTRETIEN_INDIVIDUEL');
  poser(j, 'CIVIS', '2015-12-31', '2016-12-31');
  poser(j, 'PACEA', '2017-01-01', '2017-12-31');

  // Garantie jeunes sur l'année civile, PPAE ouvert le 31/12.
  j = s.jeune(ne(20), `${y}-01-01`);
  poser(j, 'GARANTIE_JEUNES', `${y}-01-01`, `${y}-12-31`);
  poser(j, 'PPAE', `${y}-12-31`, null);

  // FIPJ en centimes écrits avec une virgule, les 31/12 et 1/1 ; une allocation qui n'est pas du FIPJ.
  j = s.jeune(ne(20), `${y}-01-01`);
  s.aide(j, 'FIPJ', `${y}-12-31`, '123,45');
  s.aide(j, 'FIPJ', `${y + 1}-01-01`, '0,10');
  s.aide(j, 'FIPJ', `${y}-06-15`, '50,05');
  s.aide(j, 'ALLOCATION_GJ', `${y}-03-01`, '480,02');
  j = s.jeune(ne(20), `${y}-01-01`);
  s.aide(j, 'FIPJ', `${y}-02-02`, '19.99');
  s.aide(j, 'FIPJ', `${y}-02-03`, '0,01');

  // 29 février : 16 ans pile le 29/02/2016 ; 25 ans encore le 28/02/2018 (26 ans le 1er mars).
  j = s.jeune('2000-02-29', '2016-02-29');
  s.evenement(j, '2016-02-29', 'ENTRETIEN_INDIVIDUEL');
  poser(j, 'PPAE', '2016-02-29', null);
  j = s.jeune('1992-02-29', '2017-06-01');
  poser(j, 'GARANTIE_JEUNES', '2018-02-28', '2018-12-31');
  // Veille des 26 ans.
  j = s.jeune('1991-03-01', '2016-05-01');
  poser(j, 'PACEA', '2017-02-28', '2018-02-27');

  // Inscrit, jamais revu.
  s.jeune(ne(17), `${y}-11-30`);

  // Offres collectées aux bornes de l'année.
  s.offre(`${y}-12-31`);
  s.offre(`${y + 1}-01-01`);
}

/** Dates « de bord » d'un intervalle : 31/12, 1/1, 31/7, 1/8. */
function datesDeBord(debut: string, fin: string): string[] {
  const dates: string[] = [];
  for (let a = Number(debut.slice(0, 4)); a <= Number(fin.slice(0, 4)); a++) {
    for (const d of [`${a}-01-01`, `${a}-07-31`, `${a}-08-01`, `${a}-12-31`]) if (d >= debut && d <= fin) dates.push(d);
  }
  return dates;
}

function jeuneAuHasard(s: Structure, a: Alea) {
  const naissance = a.proba(0.02) ? a.choix(['1992-02-29', '1996-02-29', '2000-02-29']) : depuisJour(a.entier(versJour('1990-01-01'), versJour('2002-12-31')));
  const debutPossible = max(`${PREMIERE_ANNEE_ACTIVITE}-01-01`, ajouterMois(naissance, 16 * 12));
  const finPossible = min(DERNIERE_DATE, veille(ajouterMois(naissance, 26 * 12)));
  const premierAccueil = depuisJour(a.entier(versJour(debutPossible), versJour(max(debutPossible, finPossible))));
  const j = s.jeune(naissance, premierAccueil);
  const jourAuHasard = (debut: string, fin: string) => {
    if (debut > fin) return fin;
    if (a.proba(0.1)) {
      const bords = datesDeBord(debut, fin);
      if (bords.length) return a.choix(bords);
    }
    return depuisJour(a.entier(versJour(debut), versJour(fin)));
  };
  const horizon = min(DERNIERE_DATE, plusJours(premierAccueil, a.entier(30, 1100)));

  // Événements.
  const aDistanceSeulement = a.proba(0.12);
  if (!aDistanceSeulement && a.proba(0.8)) s.evenement(j, premierAccueil, 'ENTRETIEN_INDIVIDUEL');
  const nbEvenements = a.proba(0.08) ? 0 : a.entier(1, 12);
  for (let k = 0; k < nbEvenements; k++) {
    const type = aDistanceSeulement
      ? a.choix(['TELEPHONE', 'SMS'])
      : a.proba(0.5)
        ? 'ENTRETIEN_INDIVIDUEL'
        : a.proba(0.5)
          ? a.choix(['ATELIER', 'INFORMATION_COLLECTIVE'])
          : a.choix(TYPES_CONTACT_A_DISTANCE);
    s.evenement(j, jourAuHasard(premierAccueil, horizon), type);
  }

  // Parcours contractualisés, l'un après l'autre ; un contrat sans fin est forcément le dernier.
  if (a.proba(0.35)) {
    let debut = jourAuHasard(premierAccueil, DERNIERE_DATE);
    for (let n = 0; n < 2 && debut <= DERNIERE_DATE; n++) {
      const type = debut <= DERNIERE_ENTREE_CIVIS ? 'CIVIS' : 'PACEA';
      let fin: string | null = veille(ajouterMois(debut, type === 'CIVIS' ? 12 : a.entier(6, 24)));
      if (a.proba(0.2) && debut <= `${debut.slice(0, 4)}-12-31`) fin = `${debut.slice(0, 4)}-12-31`;
      if (fin > DERNIERE_DATE) fin = a.proba(0.5) ? null : DERNIERE_DATE;
      if (!s.dispositif(j, type, debut, fin) || fin === null || !a.proba(0.3)) break;
      debut = plusJours(fin, a.entier(1, 200));
    }
  }
  if (a.proba(0.15)) {
    const debut = jourAuHasard(max(premierAccueil, '2015-01-01'), DERNIERE_DATE);
    const fin = veille(ajouterMois(debut, a.proba(0.3) ? 18 : 12));
    s.dispositif(j, 'GARANTIE_JEUNES', debut, fin > DERNIERE_DATE ? null : fin);
  }
  if (a.proba(0.15)) {
    const debut = jourAuHasard(premierAccueil, DERNIERE_DATE);
    const fin = veille(ajouterMois(debut, a.entier(3, 12)));
    s.dispositif(j, 'PPAE', debut, fin > DERNIERE_DATE || a.proba(0.2) ? null : fin);
  }
  if (a.proba(0.08)) {
    const debut = jourAuHasard(premierAccueil, DERNIERE_DATE);
    const fin = veille(ajouterMois(debut, 6));
    s.dispositif(j, 'PARRAINAGE', debut, fin > DERNIERE_DATE || a.proba(0.3) ? null : fin);
  }

  // Situations.
  const nbSituations = a.proba(aDistanceSeulement ? 0.2 : 0.5) ? a.entier(1, 3) : 0;
  for (let k = 0; k < nbSituations; k++) {
    const debut = jourAuHasard(premierAccueil, DERNIERE_DATE);
    const categorie = a.choix(['EMPLOI', 'EMPLOI', 'EMPLOI', 'ALTERNANCE', 'FORMATION', 'FORMATION', 'IMMERSION', 'CREATION_ENTREPRISE', 'SCOLARITE', 'VOLONTARIAT']);
    let contrat: string | null = null;
    let finPrevue: string | null = veille(ajouterMois(debut, a.entier(1, 12)));
    if (categorie === 'EMPLOI') {
      contrat = a.proba(0.05) ? null : a.choix(TYPES_EMPLOI);
      const tirage = a.reel();
      if (contrat === 'CDI') finPrevue = null;
      else if (contrat === 'EMPLOI_AVENIR') finPrevue = veille(ajouterMois(debut, a.entier(12, 36)));
      else if (tirage < 0.2) finPrevue = null;
      else if (tirage < 0.4) finPrevue = veille(ajouterMois(debut, 6));
      else if (tirage < 0.5) finPrevue = veille(veille(ajouterMois(debut, 6)));
      else finPrevue = veille(ajouterMois(debut, a.entier(1, 18)));
    } else if (categorie === 'ALTERNANCE') contrat = a.choix(['APPRENTISSAGE', 'PROFESSIONNALISATION']);
    else if (categorie === 'IMMERSION') {
      contrat = 'PMSMP';
      finPrevue = plusJours(debut, a.entier(0, 30));
    } else if (categorie === 'CREATION_ENTREPRISE') finPrevue = null;
    // Tout reste dans la période de l'extrait ; un emploi d'avenir garde une fin prévue.
    if (finPrevue !== null && finPrevue > DERNIERE_DATE) finPrevue = contrat === 'EMPLOI_AVENIR' || a.proba(0.5) ? DERNIERE_DATE : null;
    const fin = a.proba(0.3) ? jourAuHasard(debut, finPrevue ?? DERNIERE_DATE) : null;
    s.situation(j, categorie, contrat, debut, finPrevue, fin);
  }

  // Aides.
  if (a.proba(0.15)) {
    for (let k = a.entier(1, 3); k > 0; k--) {
      const euros = a.entier(0, 800);
      const centimes = a.entier(0, 99);
      const montant = a.choix([`${euros},${String(centimes).padStart(2, '0')}`, `${euros}`, `${euros}.${centimes % 10}`]);
      s.aide(j, 'FIPJ', jourAuHasard(premierAccueil, DERNIERE_DATE), montant);
    }
  }
  if (a.proba(0.1)) s.aide(j, a.choix(['ALLOCATION_CIVIS', 'ALLOCATION_GJ', 'ALLOCATION_PACEA']), jourAuHasard(premierAccueil, DERNIERE_DATE), `${a.entier(0, 500)},${a.entier(10, 99)}`);
}

const decimal = (a: Alea, n: number, chiffres: number) => {
  const texte = n.toFixed(chiffres);
  return a.proba(0.5) ? texte.replace('.', ',') : texte;
};

export function ecrireExtraitAleatoire(dossier: string, graine: number, options: { structures?: number; jeunesParStructure?: number } = {}): void {
  const nbStructures = options.structures ?? 3;
  const jeunesParStructure = options.jeunesParStructure ?? 200;
  const a = new Alea(graine);
  mkdirSync(dossier, { recursive: true });

  // Mise en page de chaque fichier : séparateurs alternés (les deux toujours présents), colonnes omises et mélangées.
  const pages = new Map<string, MiseEnPage>();
  FICHIERS.forEach((f, i) => {
    const colonnes = f.colonnes.filter((c) => !(f.omissibles.includes(c) && a.proba(0.35)));
    pages.set(f.nom, {
      separateur: (i + graine) % 2 === 0 ? ';' : ',',
      colonnes: a.proba(0.5) ? a.melanger(colonnes) : colonnes,
      bom: a.proba(0.3),
      crlf: a.proba(0.3),
      toutEntreGuillemets: a.proba(0.15),
    });
  });
  const colonnesMoyens = pages.get('moyens.csv')!.colonnes;

  const structures: Rangee[] = [];
  const contextes: Rangee[] = [];
  const moyens: Rangee[] = [];
  const parcours: Structure[] = [];
  for (let i = 0; i < nbStructures; i++) {
    const [departement, region, ville, communes] = GEOGRAPHIE[i % GEOGRAPHIE.length];
    const code = `RA${String(i + 1).padStart(2, '0')}`;
    structures.push({
      code_structure: code,
      nom: `Mission locale "${ville}"; bassin ${i + 1}`,
      siret: String(13000000000000 + i * 7919),
      code_departement: departement,
      code_region: region,
      adresse: `${i + 1}, rue de la Gare`,
      communes: communes.join('|'),
    });

    const s = new Structure(code, a);
    jeunesDeBord(s, 2015 + (i % 3));
    while (s.jeunes.length < jeunesParStructure) jeuneAuHasard(s, a);
    for (let k = a.entier(20, 40); k > 0; k--) s.offre(depuisJour(a.entier(versJour('2014-01-01'), versJour(DERNIERE_DATE))));
    parcours.push(s);

    // Données déclarées : la 2e structure a 0 ETP conseiller en 2016, la 3e des années sans données.
    for (let annee = PREMIERE_ANNEE_ACTIVITE; annee <= 2018; annee++) {
      const sansContexte = i === 2 % nbStructures ? annee === 2014 || annee === 2017 : i >= 3 && a.proba(0.2);
      const sansMoyens = i === 2 % nbStructures ? annee === 2015 || annee === 2018 : i === 1 % nbStructures ? annee === 2014 : i >= 3 && a.proba(0.2);
      if (!sansContexte) {
        const pop = a.entier(8000, 30000);
        contextes.push({
          code_structure: code,
          annee,
          pop_16_25: pop,
          // Une cellule vide : la valeur est absente, le ratio 1 n'a pas de valeur.
          actifs_non_occupes_16_25: i === 1 % nbStructures && annee === 2015 ? null : Math.round(pop * (0.08 + a.reel() * 0.06)),
          neet_16_25: Math.round(pop * 0.12),
          taux_chomage_15_24: decimal(a, 15 + a.reel() * 15, 1),
          demandeurs_emploi_moins_26: a.entier(500, 4000),
          part_qpv_16_25: decimal(a, a.reel() * 30, 2),
          part_zrr_16_25: decimal(a, a.reel() * 20, 2),
          nb_communes: a.entier(1, 150),
        });
      }
      if (!sansMoyens) {
        const etpTotal = a.entier(80, 400) / 10;
        const ligne: Rangee = {
          code_structure: code,
          annee,
          etp_total: decimal(a, etpTotal, 1),
          etp_conseillers: i === 1 % nbStructures && annee === 2016 ? '0' : decimal(a, etpTotal * 0.6, 1),
          etp_relation_entreprise: decimal(a, etpTotal * 0.1, 2),
          nb_sites: a.entier(1, 15),
        };
        // Les financements présents font exactement le total des produits (règle d'import à 1 € près).
        let centimes = 0;
        for (const l of ['etat_cpo', 'etat_autres', 'region', 'departement', 'communes_epci', 'fse', 'pole_emploi', 'autres']) {
          if (!colonnesMoyens.includes(l)) continue;
          const c = a.entier(0, 40_000_000);
          centimes += c;
          ligne[l] = decimal(a, c / 100, 2);
        }
        ligne.produits_total = decimal(a, centimes / 100, 2);
        moyens.push(ligne);
      }
    }
  }

  const tout = (cle: 'jeunes' | 'evenements' | 'dispositifs' | 'situations' | 'aides' | 'offres') => parcours.flatMap((s) => s[cle]);
  const contenus: Record<string, Rangee[]> = {
    'structures.csv': structures,
    'jeunes.csv': tout('jeunes'),
    'evenements.csv': tout('evenements'),
    'dispositifs.csv': tout('dispositifs'),
    'situations.csv': tout('situations'),
    'aides.csv': tout('aides'),
    'offres.csv': tout('offres'),
    'contexte.csv': contextes,
    'moyens.csv': moyens,
  };
  for (const f of FICHIERS) ecrireCsv(join(dossier, f.nom), pages.get(f.nom)!, contenus[f.nom]);
}
