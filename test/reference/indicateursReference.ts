// Implémentation de référence des indicateurs et ratios (cadre-cpo.md §3 et §4), en mémoire, à partir
// d'un dossier d'extrait (format-echange.md). Volontairement naïve et indépendante du moteur SQL : elle
// sert d'oracle aux tests. Elle suppose un extrait valide (celui que l'import accepterait).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Ligne = Record<string, string | null>;

// ---------------------------------------------------------------------------------------------------
// CSV

/** Analyse un CSV complet : en-tête, séparateur `;` (ou `,` si l'en-tête n'a que des virgules), guillemets. */
export function analyserCsv(contenu: string): Ligne[] {
  let texte = contenu;
  if (texte.charCodeAt(0) === 0xfeff) texte = texte.slice(1);
  const finEntete = texte.search(/\r?\n/);
  const entete = finEntete < 0 ? texte : texte.slice(0, finEntete);
  const sep = !entete.includes(';') && entete.includes(',') ? ',' : ';';

  const enregistrements: string[][] = [];
  let champs: string[] = [];
  let champ = '';
  let entreGuillemets = false;
  let i = 0;
  const finirEnregistrement = () => {
    champs.push(champ);
    // Une ligne vide n'est pas un enregistrement.
    if (!(champs.length === 1 && champs[0] === '')) enregistrements.push(champs);
    champs = [];
    champ = '';
  };
  while (i < texte.length) {
    const c = texte[i];
    if (entreGuillemets) {
      if (c === '"') {
        if (texte[i + 1] === '"') {
          champ += '"';
          i += 2;
          continue;
        }
        entreGuillemets = false;
      } else {
        champ += c;
      }
      i += 1;
      continue;
    }
    if (c === '"') entreGuillemets = true;
    else if (c === sep) {
      champs.push(champ);
      champ = '';
    } else if (c === '\n') finirEnregistrement();
    else if (c === '\r' && texte[i + 1] === '\n') {
      // CRLF : le \n qui suit termine l'enregistrement.
    } else champ += c;
    i += 1;
  }
  if (champ !== '' || champs.length > 0) finirEnregistrement();

  if (enregistrements.length === 0) return [];
  const noms = enregistrements[0].map((n) => n.trim().toLowerCase());
  return enregistrements.slice(1).map((valeurs) => {
    const ligne: Ligne = {};
    noms.forEach((nom, k) => {
      const v = (valeurs[k] ?? '').trim();
      ligne[nom] = v === '' ? null : v;
    });
    return ligne;
  });
}

/** Lignes d'un fichier de l'extrait ; fichier absent = aucune ligne. */
export function lireFichier(dossier: string, nom: string): Ligne[] {
  const chemin = join(dossier, nom);
  if (!existsSync(chemin)) return [];
  return analyserCsv(readFileSync(chemin, 'utf8'));
}

/** Une clé en double : la dernière ligne l'emporte (comme un réimport). */
function dedoublonner(lignes: Ligne[], cle: string[]): Ligne[] {
  const parCle = new Map<string, Ligne>();
  for (const l of lignes) parCle.set(cle.map((c) => l[c] ?? '').join('\u0000'), l);
  return [...parCle.values()];
}

// ---------------------------------------------------------------------------------------------------
// Valeurs

const FORME_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FORME_DECIMAL = /^-?\d+(?:[.,]\d+)?$/;

function date(l: Ligne, colonne: string): string | null {
  const v = l[colonne] ?? null;
  if (v !== null && !FORME_DATE.test(v)) throw new Error(`date invalide dans ${colonne} : ${v}`);
  return v;
}

function code(l: Ligne, colonne: string): string | null {
  const v = l[colonne] ?? null;
  return v === null ? null : v.toUpperCase();
}

function nombre(l: Ligne, colonne: string): number | null {
  const v = l[colonne] ?? null;
  if (v === null) return null;
  if (!FORME_DECIMAL.test(v)) throw new Error(`nombre invalide dans ${colonne} : ${v}`);
  return Number(v.replace(',', '.'));
}

/** Somme exacte de montants décimaux (texte), arrondie au centime (demi-centime vers le haut). */
export function sommeEnCentimes(montants: string[]): number {
  let decimales = 2;
  const parts = montants.map((m) => {
    if (!FORME_DECIMAL.test(m)) throw new Error(`montant invalide : ${m}`);
    const [entier, fraction = ''] = m.replace(',', '.').split('.');
    decimales = Math.max(decimales, fraction.length);
    return { entier, fraction };
  });
  let total = 0n;
  for (const { entier, fraction } of parts) {
    const negatif = entier.startsWith('-');
    const valeur = BigInt(entier.replace('-', '') + fraction.padEnd(decimales, '0'));
    total += negatif ? -valeur : valeur;
  }
  const echelle = 10n ** BigInt(decimales - 2);
  const negatif = total < 0n;
  const absolu = negatif ? -total : total;
  let centimes = absolu / echelle;
  if ((absolu % echelle) * 2n >= echelle) centimes += 1n;
  return (negatif ? -Number(centimes) : Number(centimes)) / 100;
}

// ---------------------------------------------------------------------------------------------------
// Dates (chaînes AAAA-MM-JJ et entiers, jamais de Date locale)

const estBissextile = (a: number) => (a % 4 === 0 && a % 100 !== 0) || a % 400 === 0;
export const joursDuMois = (a: number, m: number) => [31, estBissextile(a) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const formater = (a: number, m: number, j: number) => `${String(a).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(j).padStart(2, '0')}`;
const decouper = (d: string): [number, number, number] => [Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))];

/** Ajoute des mois ; le jour est ramené au dernier jour du mois d'arrivée (31 août + 6 mois = fin février). */
export function ajouterMois(d: string, mois: number): string {
  const [a, m, j] = decouper(d);
  const total = a * 12 + (m - 1) + mois;
  const an = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  return formater(an, mo, Math.min(j, joursDuMois(an, mo)));
}

/** Le jour précédent. */
export function veille(d: string): string {
  const [a, m, j] = decouper(d);
  if (j > 1) return formater(a, m, j - 1);
  if (m > 1) return formater(a, m - 1, joursDuMois(a, m - 1));
  return formater(a - 1, 12, 31);
}

const entre = (d: string | null, debut: string, fin: string) => d !== null && d >= debut && d <= fin;

// ---------------------------------------------------------------------------------------------------
// Indicateurs

export const INDICATEURS_ACTIVITE = [
  'jeunes_en_contact',
  'premiers_accueils',
  'jeunes_recus_entretien_individuel',
  'jeunes_accompagnes',
  'jdi',
  'entretiens_individuels',
  'participations_collectives',
  'entrees_parcours_contractualise',
  'entrees_garantie_jeunes',
  'entrees_ppae',
  'jeunes_parraines',
  'entrees_emploi_avenir',
  'immersions_pmsmp',
  'jeunes_aides_fipj',
  'montant_fipj',
  'offres_collectees',
] as const;

export const INDICATEURS_RESULTATS = [
  'jeunes_entres_emploi',
  'jeunes_entres_emploi_durable',
  'jeunes_entres_alternance',
  'jeunes_entres_formation',
  'jeunes_avec_situation_professionnelle',
  'sorties_dispositif',
] as const;

export const INDICATEURS_CONTEXTE = [
  'pop_16_25',
  'actifs_non_occupes_16_25',
  'neet_16_25',
  'taux_chomage_15_24',
  'demandeurs_emploi_moins_26',
  'part_qpv_16_25',
  'part_zrr_16_25',
  'nb_communes',
] as const;

export const LIGNES_FINANCEMENT = ['etat_cpo', 'etat_autres', 'region', 'departement', 'communes_epci', 'fse', 'pole_emploi', 'autres'] as const;

/** Colonne de moyens.csv → identifiant de l'indicateur (les financements prennent le préfixe financement_). */
export const INDICATEURS_MOYENS: [colonne: string, indicateur: string][] = [
  ['etp_total', 'etp_total'],
  ['etp_conseillers', 'etp_conseillers'],
  ['etp_relation_entreprise', 'etp_relation_entreprise'],
  ['nb_sites', 'nb_sites'],
  ['produits_total', 'produits_total'],
  ...LIGNES_FINANCEMENT.map((l): [string, string] => [l, `financement_${l}`]),
];

export const RATIOS: [ratio: string, numerateur: string, denominateur: string][] = [
  ['ratio_01', 'jeunes_en_contact', 'actifs_non_occupes_16_25'],
  ['ratio_02', 'premiers_accueils', 'jeunes_en_contact'],
  ['ratio_03', 'jeunes_accompagnes', 'jeunes_en_contact'],
  ['ratio_04', 'jeunes_accompagnes', 'actifs_non_occupes_16_25'],
  ['ratio_05', 'entretiens_individuels', 'jeunes_accompagnes'],
  ['ratio_06', 'jeunes_accompagnes', 'etp_conseillers'],
  ['ratio_07', 'jeunes_entres_emploi', 'jeunes_accompagnes'],
  ['ratio_08', 'jeunes_entres_emploi_durable', 'jeunes_accompagnes'],
  ['ratio_09', 'jeunes_entres_alternance', 'jeunes_accompagnes'],
  ['ratio_10', 'jeunes_entres_formation', 'jeunes_accompagnes'],
  ['ratio_11', 'jeunes_avec_situation_professionnelle', 'jeunes_accompagnes'],
  ['ratio_12', 'produits_total', 'jeunes_accompagnes'],
  ['ratio_13', 'immersions_pmsmp', 'jeunes_accompagnes'],
];

const ACCOMPAGNEMENT = new Set(['ENTRETIEN_INDIVIDUEL', 'ATELIER', 'INFORMATION_COLLECTIVE']);
const COLLECTIFS = new Set(['ATELIER', 'INFORMATION_COLLECTIVE']);
const CONTRACTUALISES = new Set(['CIVIS', 'PACEA']);
const SORTIES = new Set(['CIVIS', 'PACEA', 'GARANTIE_JEUNES']);
const PROFESSIONNELLES = new Set(['EMPLOI', 'ALTERNANCE', 'FORMATION', 'IMMERSION', 'CREATION_ENTREPRISE']);

/** Emploi durable (cadre-cpo.md §3) : CDI, emploi d'avenir, autre emploi d'au moins 6 mois prévus, création. */
export function estEmploiDurable(s: Ligne): boolean {
  const categorie = code(s, 'categorie');
  if (categorie === 'CREATION_ENTREPRISE') return true;
  if (categorie !== 'EMPLOI') return false;
  const contrat = code(s, 'type_contrat');
  if (contrat === 'CDI' || contrat === 'EMPLOI_AVENIR') return true;
  const debut = date(s, 'date_debut');
  const finPrevue = date(s, 'date_fin_prevue');
  if (debut === null || finPrevue === null) return false;
  return finPrevue >= veille(ajouterMois(debut, 6));
}

/** Regroupe des lignes par code_structure. */
function parStructure(lignes: Ligne[]): Map<string, Ligne[]> {
  const groupes = new Map<string, Ligne[]>();
  for (const l of lignes) {
    const cs = l.code_structure ?? '';
    let g = groupes.get(cs);
    if (!g) groupes.set(cs, (g = []));
    g.push(l);
  }
  return groupes;
}

const jeunesDistincts = (lignes: Ligne[]) => new Set(lignes.map((l) => l.id_jeune ?? '')).size;

export interface ResultatReference {
  annee: number;
  structures: { code_structure: string; indicateurs: Record<string, number | null>; ratios: Record<string, number | null> }[];
}

/** Les chiffres de l'année, ou du 1er janvier au jour `au` inclus (AAAA-MM-JJ de l'année) : un fait compte si sa date est dans la période. */
export function calculerReference(dossier: string, annee: number, au = `${annee}-12-31`): ResultatReference {
  if (!FORME_DATE.test(au) || au.slice(0, 4) !== String(annee)) throw new Error(`date de coupure hors de l’année ${annee} : ${au}`);
  const structures = dedoublonner(lireFichier(dossier, 'structures.csv'), ['code_structure']);
  const jeunes = parStructure(dedoublonner(lireFichier(dossier, 'jeunes.csv'), ['code_structure', 'id_jeune']));
  const evenements = parStructure(dedoublonner(lireFichier(dossier, 'evenements.csv'), ['code_structure', 'id_evenement']));
  const dispositifs = parStructure(dedoublonner(lireFichier(dossier, 'dispositifs.csv'), ['code_structure', 'id_dispositif']));
  const situations = parStructure(dedoublonner(lireFichier(dossier, 'situations.csv'), ['code_structure', 'id_situation']));
  const aides = parStructure(dedoublonner(lireFichier(dossier, 'aides.csv'), ['code_structure', 'id_aide']));
  const offres = parStructure(dedoublonner(lireFichier(dossier, 'offres.csv'), ['code_structure', 'id_offre']));
  const declarationDeLAnnee = (nom: string) =>
    new Map(
      dedoublonner(lireFichier(dossier, nom), ['code_structure', 'annee'])
        .filter((l) => l.annee !== null && Number(l.annee) === annee)
        .map((l) => [l.code_structure ?? '', l]),
    );
  // Les données déclarées (contexte, moyens) sont celles de l'année, quelle que soit la date de coupure.
  const contextes = declarationDeLAnnee('contexte.csv');
  const moyens = declarationDeLAnnee('moyens.csv');

  const debutPeriode = `${annee}-01-01`;
  const finPeriode = au;
  const dansPeriode = (d: string | null) => entre(d, debutPeriode, finPeriode);

  const resultat = structures.map((st) => {
    const cs = st.code_structure ?? '';
    const jeu = jeunes.get(cs) ?? [];
    const evt = (evenements.get(cs) ?? []).filter((e) => dansPeriode(date(e, 'date')));
    const dis = dispositifs.get(cs) ?? [];
    const sit = situations.get(cs) ?? [];
    const aid = aides.get(cs) ?? [];
    const off = offres.get(cs) ?? [];

    const evtDeType = (types: Set<string>) => evt.filter((e) => types.has(code(e, 'type') ?? ''));
    const accompagnement = evtDeType(ACCOMPAGNEMENT);
    const entretiens = evtDeType(new Set(['ENTRETIEN_INDIVIDUEL']));
    const accompagnes = new Set(accompagnement.map((e) => e.id_jeune ?? ''));

    const entreesDispositif = (types: Set<string>) =>
      dis.filter((d) => types.has(code(d, 'type') ?? '') && dansPeriode(date(d, 'date_debut'))).length;
    const parrainages = dis.filter((d) => {
      if (code(d, 'type') !== 'PARRAINAGE') return false;
      const debut = date(d, 'date_debut');
      const fin = date(d, 'date_fin');
      return debut !== null && debut <= finPeriode && (fin === null || fin >= debutPeriode);
    });

    const situationsDeLAnnee = sit.filter((s) => dansPeriode(date(s, 'date_debut')));
    const fipj = aid.filter((a) => code(a, 'type') === 'FIPJ' && dansPeriode(date(a, 'date')));

    /** Jeunes accompagnés en N ayant au moins une situation commençant en N qui satisfait le critère. */
    const resultat = (critere: (s: Ligne) => boolean) =>
      new Set(situationsDeLAnnee.filter((s) => critere(s) && accompagnes.has(s.id_jeune ?? '')).map((s) => s.id_jeune)).size;
    const deCategorie = (c: string) => (s: Ligne) => code(s, 'categorie') === c;

    const indicateurs: Record<string, number | null> = {
      jeunes_en_contact: jeunesDistincts(evt),
      premiers_accueils: jeu.filter((j) => dansPeriode(date(j, 'date_premier_accueil'))).length,
      jeunes_recus_entretien_individuel: jeunesDistincts(entretiens),
      jeunes_accompagnes: accompagnes.size,
      jdi: jeunesDistincts(accompagnement.filter((e) => entre(date(e, 'date'), `${annee}-08-01`, finPeriode))),
      entretiens_individuels: entretiens.length,
      participations_collectives: evtDeType(COLLECTIFS).length,
      entrees_parcours_contractualise: entreesDispositif(CONTRACTUALISES),
      entrees_garantie_jeunes: entreesDispositif(new Set(['GARANTIE_JEUNES'])),
      entrees_ppae: entreesDispositif(new Set(['PPAE'])),
      jeunes_parraines: jeunesDistincts(parrainages),
      entrees_emploi_avenir: situationsDeLAnnee.filter((s) => code(s, 'categorie') === 'EMPLOI' && code(s, 'type_contrat') === 'EMPLOI_AVENIR').length,
      immersions_pmsmp: situationsDeLAnnee.filter(deCategorie('IMMERSION')).length,
      jeunes_aides_fipj: jeunesDistincts(fipj),
      montant_fipj: sommeEnCentimes(fipj.map((a) => a.montant ?? '0')),
      offres_collectees: off.filter((o) => dansPeriode(date(o, 'date_collecte'))).length,

      jeunes_entres_emploi: resultat(deCategorie('EMPLOI')),
      jeunes_entres_emploi_durable: resultat(estEmploiDurable),
      jeunes_entres_alternance: resultat(deCategorie('ALTERNANCE')),
      jeunes_entres_formation: resultat(deCategorie('FORMATION')),
      jeunes_avec_situation_professionnelle: resultat((s) => PROFESSIONNELLES.has(code(s, 'categorie') ?? '')),
      sorties_dispositif: dis.filter((d) => SORTIES.has(code(d, 'type') ?? '') && dansPeriode(date(d, 'date_fin'))).length,
    };
    const contexte = contextes.get(cs);
    for (const c of INDICATEURS_CONTEXTE) indicateurs[c] = contexte ? nombre(contexte, c) : null;
    const moy = moyens.get(cs);
    for (const [colonne, id] of INDICATEURS_MOYENS) indicateurs[id] = moy ? nombre(moy, colonne) : null;

    const ratios: Record<string, number | null> = {};
    for (const [ratio, num, den] of RATIOS) {
      const n = indicateurs[num];
      const d = indicateurs[den];
      ratios[ratio] = n === null || d === null || d === 0 ? null : n / d;
    }
    return { code_structure: cs, indicateurs, ratios };
  });

  resultat.sort((a, b) => (a.code_structure < b.code_structure ? -1 : a.code_structure > b.code_structure ? 1 : 0));
  return { annee, structures: resultat };
}
