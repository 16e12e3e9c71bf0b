// L'activité de chaque jeune, mois par mois et année par année : ce que les indicateurs du parcours
// comptent (entretiens, ateliers, contact, JDI, entrées en situation). L'import la recalcule, dans sa
// transaction, pour les seuls jeunes dont il a touché les événements ou les situations.
import { TYPES_EVENEMENT_ACCOMPAGNEMENT } from '../../domaine/referentiel/codes.ts';
import type { Requeteur } from '../ports/base.ts';

// Les types d'événement sont des codes du référentiel (domaine), pas des valeurs lues : écrits dans le SQL.
const ACCOMPAGNEMENT = TYPES_EVENEMENT_ACCOMPAGNEMENT.map((t) => `'${t}'`).join(', ');
const COMPTES = ['nb_ei', 'nb_collectif'] as const;
const INDICATEURS = ['contact', 'jdi', 'emploi', 'emploi_durable', 'alternance', 'formation', 'situation_professionnelle'] as const;
const MESURES = [...COMPTES, ...INDICATEURS].join(', ');
export const COLONNES_ACTIVITE = `code_structure, id_jeune, annee, ${MESURES}`;
const MOIS = Array.from({ length: 12 }, (_, i) => i + 1);
const deuxChiffres = (mois: number) => String(mois).padStart(2, '0');

/**
 * L'activité mensuelle, une ligne par jeune et par année (activite_jeune_mois) : chaque compte mois par
 * mois (nb_ei_01 … nb_ei_12, null quand il est nul : la ligne reste courte), et pour chaque indicateur
 * « au moins une fois », le premier mois où il l'est (contact_mois…, null : jamais dans l'année).
 */
export const COLONNES_ACTIVITE_MOIS = [
  'code_structure',
  'id_jeune',
  'annee',
  ...COMPTES.flatMap((c) => MOIS.map((m) => `${c}_${deuxChiffres(m)}`)),
  ...INDICATEURS.map((i) => `${i}_mois`),
].join(', ');

/**
 * Événements et situations agrégés par jeune et par année (et par mois si `parMois`) en un seul
 * passage (PostgreSQL le parallélise). `filtre` restreint les faits (colonnes code_structure,
 * id_jeune), `periode` (deux expressions SQL) aux faits datés de [debut, fin]. SQL portable : le même
 * texte sert à DuckDB.
 */
function selectFaits(filtre: string, periode: { debut: string; fin: string } | undefined, parMois: boolean): string {
  const dans = (colonne: string) => (periode ? `AND ${colonne} BETWEEN ${periode.debut} AND ${periode.fin}` : '');
  const cle = `code_structure, id_jeune, annee${parMois ? ', mois' : ''}`;
  const mois = (colonne: string) => (parMois ? `, CAST(date_part('month', ${colonne}) AS integer) AS mois` : '');
  return `
    SELECT ${cle},
           CAST(count(*) FILTER (WHERE source = 'E' AND nature = 'ENTRETIEN_INDIVIDUEL') AS integer) AS nb_ei,
           CAST(count(*) FILTER (WHERE source = 'E' AND nature IN ('ATELIER', 'INFORMATION_COLLECTIVE')) AS integer) AS nb_collectif,
           bool_or(source = 'E') AS contact,
           -- JDI : un événement d'accompagnement entre le 1er août et le 31 décembre.
           bool_or(source = 'E' AND nature IN (${ACCOMPAGNEMENT}) AND date_part('month', debut) >= 8) AS jdi,
           bool_or(source = 'S' AND nature = 'EMPLOI') AS emploi,
           -- Emploi durable : CDI, emploi d'avenir, création d'entreprise, ou fin prévue au moins 6 mois
           -- après le début (début + 6 mois - 1 jour, ramené au dernier jour du mois : 31 août + 6 mois = fin février).
           bool_or(source = 'S' AND (nature = 'CREATION_ENTREPRISE' OR (nature = 'EMPLOI' AND (contrat IN ('CDI', 'EMPLOI_AVENIR')
                   OR (fin_prevue IS NOT NULL AND CAST(debut + INTERVAL '6 months' AS date) - 1 <= fin_prevue)) IS TRUE))) AS emploi_durable,
           bool_or(source = 'S' AND nature = 'ALTERNANCE') AS alternance,
           bool_or(source = 'S' AND nature = 'FORMATION') AS formation,
           bool_or(source = 'S' AND nature IN ('EMPLOI', 'ALTERNANCE', 'FORMATION', 'IMMERSION', 'CREATION_ENTREPRISE')) AS situation_professionnelle
    FROM (
      SELECT 'E' AS source, code_structure, id_jeune, CAST(date_part('year', date) AS integer) AS annee${mois('date')}, type AS nature,
             CAST(NULL AS text) AS contrat, date AS debut, CAST(NULL AS date) AS fin_prevue
      FROM evenement WHERE true ${filtre} ${dans('date')}
      UNION ALL
      SELECT 'S', code_structure, id_jeune, CAST(date_part('year', date_debut) AS integer)${mois('date_debut')}, categorie, type_contrat, date_debut, date_fin_prevue
      FROM situation WHERE true ${filtre} ${dans('date_debut')}
    ) faits
    GROUP BY ${cle}`;
}

/** L'activité par jeune et par année ; `periode` : des seuls faits de la période (un jour quelconque). */
export const selectActivite = (filtre = '', periode?: { debut: string; fin: string }) => selectFaits(filtre, periode, false);

/** L'activité par jeune, par année et par mois (une ligne par mois d'activité : la matière de activite_jeune_mois). */
export const selectActiviteMois = (filtre = '') => selectFaits(filtre, undefined, true);

/** Les lignes de `source` (une par jeune, année et mois) cumulées par jeune et par année : l'activité annuelle. */
function cumulerAnnee(source: string): string {
  return `
    SELECT code_structure, id_jeune, annee, ${COMPTES.map((c) => `CAST(sum(${c}) AS integer) AS ${c}`).join(', ')},
           ${INDICATEURS.map((i) => `bool_or(${i}) AS ${i}`).join(', ')}
    FROM ${source} GROUP BY code_structure, id_jeune, annee`;
}

/** Les lignes de `source` (une par jeune, année et mois) mises en une ligne par jeune et par année : l'activité mensuelle. */
export function pivoterMois(source: string): string {
  return `
    SELECT code_structure, id_jeune, annee,
           ${COMPTES.flatMap((c) => MOIS.map((m) => `CAST(sum(${c}) FILTER (WHERE mois = ${m} AND ${c} > 0) AS integer) AS ${c}_${deuxChiffres(m)}`)).join(',\n           ')},
           ${INDICATEURS.map((i) => `CAST(min(mois) FILTER (WHERE ${i}) AS smallint) AS ${i}_mois`).join(',\n           ')}
    FROM ${source} GROUP BY code_structure, id_jeune, annee`;
}

/**
 * L'activité de l'année du 1er janvier à la fin du mois `mois` (1 à 12), lue dans activite_jeune_mois
 * parmi les lignes que `condition` retient : les comptes des mois jusqu'à lui, les indicateurs dont le
 * premier mois est passé. Les mêmes colonnes que activite_jeune_annee, sans agrégat : une ligne par jeune.
 */
export function activiteFinDeMois(mois: number, condition: string): string {
  if (!MOIS.includes(mois)) throw new Error(`mois invalide : ${mois}`);
  const jusqua = MOIS.filter((m) => m <= mois);
  return `
    SELECT code_structure, id_jeune, annee,
           ${COMPTES.map((c) => `${jusqua.map((m) => `coalesce(${c}_${deuxChiffres(m)}, 0)`).join(' + ')} AS ${c}`).join(',\n           ')},
           ${INDICATEURS.map((i) => `coalesce(${i}_mois <= ${mois}, false) AS ${i}`).join(', ')}
    FROM activite_jeune_mois WHERE ${condition}`;
}

/** Un jeune d'une ML. */
export interface JeuneTouche {
  code_structure: string;
  id_jeune: string;
}

/** La table temporaire des jeunes dont l'activité est à recalculer (code_structure, id_jeune), remplie par l'appelant. */
export const JEUNES_TOUCHES = 'activite_jeunes_touches';

/**
 * Recalcule l'activité des ML données, dans la transaction de l'appelant : de tous leurs jeunes, ou des
 * seuls `jeunes` s'ils sont donnés (les autres gardent leurs lignes, telles quelles). Toutes les années.
 */
export async function recalculerActivite(tx: Requeteur, codes: readonly string[], jeunes?: readonly JeuneTouche[]): Promise<void> {
  if (codes.length === 0) return;
  if (jeunes === undefined) return recalculer(tx, 'code_structure = ANY($1::text[])', [codes]);
  await creerJeunesTouches(tx);
  await tx.query(`INSERT INTO ${JEUNES_TOUCHES} SELECT DISTINCT c, j FROM unnest($1::text[], $2::text[]) AS u(c, j) WHERE c = ANY($3::text[])`, [
    jeunes.map((j) => j.code_structure),
    jeunes.map((j) => j.id_jeune),
    codes,
  ]);
  await recalculerJeunesTouches(tx);
}

/** Crée, vide, la table des jeunes touchés (le temps de la transaction). */
export async function creerJeunesTouches(tx: Requeteur): Promise<void> {
  await tx.query(`CREATE TEMP TABLE IF NOT EXISTS ${JEUNES_TOUCHES} (code_structure text NOT NULL, id_jeune text NOT NULL) ON COMMIT DROP`);
  await tx.query(`TRUNCATE ${JEUNES_TOUCHES}`);
}

/**
 * Recalcule l'activité des jeunes de la table JEUNES_TOUCHES. Leurs faits se lisent par l'index par jeune
 * d'evenement et de situation (migration 0021) : le travail tient aux jeunes touchés, pas à la base.
 */
export async function recalculerJeunesTouches(tx: Requeteur): Promise<void> {
  await tx.query(`ANALYZE ${JEUNES_TOUCHES}`);
  const codes = (await tx.query<{ code_structure: string }>(`SELECT DISTINCT code_structure FROM ${JEUNES_TOUCHES}`)).map((l) => l.code_structure);
  if (codes.length === 0) return;
  await recalculer(tx, `code_structure = ANY($1::text[]) AND (code_structure, id_jeune) IN (SELECT code_structure, id_jeune FROM ${JEUNES_TOUCHES})`, [codes]);
}

/**
 * Remplace l'activité mensuelle et annuelle des faits que `portee` retient (colonnes code_structure,
 * id_jeune). Le calcul passe par CREATE TEMP TABLE … AS, que PostgreSQL parallélise (un INSERT …
 * SELECT, non) ; l'année et la ligne mensuelle se déduisent des mois, sans relire les faits.
 */
async function recalculer(tx: Requeteur, portee: string, params: unknown[]): Promise<void> {
  await tx.query(`DELETE FROM activite_jeune_mois WHERE ${portee}`, params);
  await tx.query(`DELETE FROM activite_jeune_annee WHERE ${portee}`, params);
  await tx.query(`CREATE TEMP TABLE activite_calculee ON COMMIT DROP AS ${selectActiviteMois(`AND ${portee}`)}`, params);
  await tx.query(`INSERT INTO activite_jeune_mois (${COLONNES_ACTIVITE_MOIS}) ${pivoterMois('activite_calculee')}`);
  await tx.query(`INSERT INTO activite_jeune_annee (${COLONNES_ACTIVITE}) ${cumulerAnnee('activite_calculee')}`);
  await tx.query('DROP TABLE activite_calculee');
}
