// Le moteur d'indicateurs : pour une année et un ensemble de Missions locales, chaque indicateur du
// catalogue (et ses déclinaisons) est calculé en SQL, directement sur les données du parcours : un
// import terminé se voit à la requête suivante. Ratios, agrégats et distributions se déduisent ensuite
// en TypeScript (domaine/indicateurs/chiffres.ts), les mêmes pour tous les moteurs de base.
import type { Catalogue, Declinaison } from '../../domaine/indicateurs/catalogue.ts';
import { calculerRatios, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import type { Requeteur } from '../ports/base.ts';
import { CALCULS, requeteSource, type LecturePeriode, type Source } from './calculs.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { joursDansLeMois, verifierDateAu } from '../../domaine/temps/dates.ts';

/**
 * La ligne d'une requête d'agrégats : la ML, un compte par indicateur (colonne nommée par son id) et,
 * pour le parcours, la modalité de chaque déclinaison (colonne mod_<id>) ; les noms viennent du catalogue.
 */
interface LigneAgregats {
  code_structure: string;
  [colonne: string]: number | string | null;
}
const compteDe = (ligne: LigneAgregats, id: string) => ligne[id] as number | null;
const modaliteDe = (ligne: LigneAgregats, declinaison: string) => ligne[`mod_${declinaison}`] as string | null;

/** Effectifs par modalité : indicateur → déclinaison → modalité → valeur. */
export type Declinaisons = Record<string, Record<string, Record<string, number>>>;

export interface ChiffresML {
  code_structure: string;
  indicateurs: Valeurs;
  ratios: Valeurs;
  declinaisons: Declinaisons;
}

export class ErreurMoteur extends ErreurMetier {}

/** Sources de données déclarées : sans ligne, la valeur est inconnue (null) et non nulle (0). */
const SOURCES_DECLAREES: ReadonlySet<Source> = new Set(['contexte', 'moyens']);

/**
 * Les identifiants et les valeurs de modalité viennent du catalogue, validé à son chargement, pas d'une
 * saisie : ils restent écrits dans le SQL (échappés), où ils nomment des colonnes et des groupes.
 */
const litteral = (texte: string) => `'${texte.replaceAll("'", "''")}'`;

/** La modalité d'un jeune pour une déclinaison, en SQL, d'après les règles du catalogue. */
function expressionModalite(d: Declinaison): string {
  const colonne =
    d.colonne === 'qpv' || d.colonne === 'zrr' ? `CASE WHEN ${d.colonne} THEN '1' WHEN NOT ${d.colonne} THEN '0' END` : d.colonne;
  const cas = d.modalites.map((m) => {
    if (d.colonne === 'age_au_31_decembre') {
      const bornes = [m.age_min !== undefined ? `${d.colonne} >= ${m.age_min}` : null, m.age_max !== undefined ? `${d.colonne} <= ${m.age_max}` : null];
      return `WHEN ${bornes.filter(Boolean).join(' AND ') || 'true'} THEN ${litteral(m.id)}`;
    }
    if (m.valeurs == null) return `WHEN (${colonne}) IS NULL THEN ${litteral(m.id)}`;
    return `WHEN (${colonne}) IN (${m.valeurs.map(litteral).join(', ')}) THEN ${litteral(m.id)}`;
  });
  return `CASE ${cas.join(' ')} END`;
}

/** Les paramètres nommés du SQL des calculs (calculs.ts) et le type que chacun prend. */
interface Parametres {
  debut: string;
  fin: string;
  annee: number;
  codes?: readonly string[];
}
const TYPES_PARAMETRES: Record<keyof Parametres, string> = { debut: 'date', fin: 'date', annee: 'int', codes: 'text[]' };

/**
 * :debut, :fin, :annee, :codes deviennent des paramètres liés ($n), typés comme l'étaient les
 * littéraux (le plan reste le même : PostgreSQL planifie une requête sans nom avec ses valeurs), et
 * numérotés dans l'ordre où ils paraissent : une requête ne reçoit que ceux qu'elle emploie.
 */
function lier(sql: string, valeurs: Parametres): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const rangs = new Map<keyof Parametres, number>();
  const texte = sql.replace(/:(debut|fin|annee|codes)\b/g, (_, nom: keyof Parametres) => {
    if (!rangs.has(nom)) rangs.set(nom, params.push(valeurs[nom]));
    return `$${rangs.get(nom)}::${TYPES_PARAMETRES[nom]}`;
  });
  return { sql: texte, params };
}

/**
 * Les chiffres de chaque ML pour l'année, dans l'ordre des codes. `codes` absent : toutes les ML de
 * la base. Une ML sans activité a des comptes à 0 et des données déclarées absentes (null).
 * `au` (AAAA-MM-JJ, dans l'année) : l'année du 1er janvier à ce jour inclus, mêmes définitions ; les
 * données déclarées restent celles de l'année. Sans `au`, ou au 31 décembre : l'année entière.
 */
export async function chiffresParML(db: Requeteur, catalogue: Catalogue, annee: number, codes?: readonly string[], au?: string): Promise<ChiffresML[]> {
  if (!Number.isInteger(annee) || annee < 1990 || annee > 2100) throw new ErreurMoteur(`année invalide : ${annee}`);
  verifierDateAu(annee, au);
  const filtre = (alias?: string) => (codes ? `AND ${alias ? `${alias}.` : ''}code_structure = ANY(:codes)` : '');
  const fin = au ?? `${annee}-12-31`;
  const mois = Number(fin.slice(5, 7));
  const parametres: Parametres = { debut: `${annee}-01-01`, fin, annee, codes };
  // L'activité par jeune tenue par l'import : celle de l'année entière ; à une fin de mois, ses mois
  // cumulés jusqu'à lui ; un autre jour, elle est agrégée à la requête sur la période.
  const activite = fin === `${annee}-12-31` ? 'annee' : Number(fin.slice(8)) === joursDansLeMois(annee, mois) ? 'mois' : 'periode';
  const periode: LecturePeriode = { filtre, activite, mois };

  const { sql, params } = lier(`SELECT code_structure FROM mission_locale m WHERE true ${filtre('m')} ORDER BY code_structure COLLATE "C"`, parametres);
  const structures = await db.query<{ code_structure: string }>(sql, params);
  const parML = new Map<string, ChiffresML>();
  const sources = new Map<Source, string[]>();
  for (const i of catalogue.indicateurs) {
    const calcul = CALCULS[i.id];
    sources.set(calcul.source, [...(sources.get(calcul.source) ?? []), i.id]);
  }
  for (const { code_structure } of structures) {
    const indicateurs: Valeurs = {};
    for (const i of catalogue.indicateurs) indicateurs[i.id] = SOURCES_DECLAREES.has(CALCULS[i.id].source) ? null : 0;
    parML.set(code_structure, { code_structure, indicateurs, ratios: {}, declinaisons: {} });
  }

  // Les sources sont indépendantes : sur un pool PostgreSQL elles tournent en parallèle ; sur une
  // connexion unique (PGlite, transaction), l'une après l'autre.
  const calculer = ([source, ids]: [Source, string[]]) => calculerSource(db, catalogue, parametres, source, ids, periode, parML);
  if (db.parallele) await Promise.all([...sources].map(calculer));
  else for (const s of sources) await calculer(s);

  const resultat = [...parML.values()];
  for (const ml of resultat) {
    completerDeclinaisons(catalogue, ml);
    ml.ratios = calculerRatios(catalogue, ml.indicateurs);
  }
  return resultat;
}

async function calculerSource(
  db: Requeteur,
  catalogue: Catalogue,
  parametres: Parametres,
  source: Source,
  ids: string[],
  periode: LecturePeriode,
  parML: Map<string, ChiffresML>,
): Promise<void> {
  const agregats = ids.map((id) => `${CALCULS[id].expression} AS ${id}`).join(', ');
  if (source !== 'parcours') {
    const sql = `SELECT code_structure, ${agregats} FROM (${requeteSource(source, periode)}) x GROUP BY code_structure`;
    const requete = lier(sql, parametres);
    for (const ligne of await db.query<LigneAgregats>(requete.sql, requete.params)) {
      const ml = parML.get(ligne.code_structure);
      if (ml) for (const id of ids) ml.indicateurs[id] = compteDe(ligne, id);
    }
    return;
  }
  // Parcours : un groupe par ML et combinaison de modalités ; les totaux et les déclinaisons
  // s'obtiennent en additionnant les groupes (les calculs de cette source sont additifs).
  const modalites = catalogue.declinaisons.map((d) => `${expressionModalite(d)} AS mod_${d.id}`).join(', ');
  const groupes = catalogue.declinaisons.map((d) => `mod_${d.id}`);
  const sql = `SELECT code_structure${groupes.map((g) => `, ${g}`).join('')}, ${agregats}
    FROM (SELECT *${modalites ? `, ${modalites}` : ''} FROM (${requeteSource(source, periode)}) p) x
    GROUP BY code_structure${groupes.map((g) => `, ${g}`).join('')}`;
  const requete = lier(sql, parametres);
  for (const ligne of await db.query<LigneAgregats>(requete.sql, requete.params)) {
    const ml = parML.get(ligne.code_structure);
    if (!ml) continue;
    for (const id of ids) ml.indicateurs[id] = (ml.indicateurs[id] ?? 0) + compteDe(ligne, id)!;
    for (const i of catalogue.indicateurs) {
      if (CALCULS[i.id].source !== 'parcours' || !i.declinaisons?.length) continue;
      const parDeclinaison = (ml.declinaisons[i.id] ??= {});
      for (const d of i.declinaisons) {
        const modalite = modaliteDe(ligne, d);
        if (modalite == null) continue;
        const effectifs = (parDeclinaison[d] ??= {});
        effectifs[modalite] = (effectifs[modalite] ?? 0) + compteDe(ligne, i.id)!;
      }
    }
  }
}

/** Toutes les modalités apparaissent, à 0 quand aucun jeune n'y tombe. */
function completerDeclinaisons(catalogue: Catalogue, ml: ChiffresML) {
  for (const i of catalogue.indicateurs) {
    if (!i.declinaisons?.length) continue;
    const parDeclinaison = (ml.declinaisons[i.id] ??= {});
    for (const id of i.declinaisons) {
      const d = catalogue.declinaisons.find((x) => x.id === id)!;
      parDeclinaison[id] = Object.fromEntries(d.modalites.map((m) => [m.id, parDeclinaison[id]?.[m.id] ?? 0]));
    }
  }
}
