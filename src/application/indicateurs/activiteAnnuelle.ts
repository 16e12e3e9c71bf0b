// L'activité de chaque jeune, année par année : ce que les indicateurs du parcours comptent
// (entretiens, ateliers, contact, JDI, entrées en situation). L'import la recalcule, dans sa
// transaction, pour les Missions locales dont il a touché les événements ou les situations.
import { TYPES_EVENEMENT_ACCOMPAGNEMENT } from '../../domaine/referentiel/codes.ts';
import type { Requeteur } from '../ports/base.ts';

// Les types d'événement sont des codes du référentiel (domaine), pas des valeurs lues : écrits dans le SQL.
const ACCOMPAGNEMENT = TYPES_EVENEMENT_ACCOMPAGNEMENT.map((t) => `'${t}'`).join(', ');
export const COLONNES_ACTIVITE =
  'code_structure, id_jeune, annee, nb_ei, nb_collectif, contact, jdi, emploi, emploi_durable, alternance, formation, situation_professionnelle';

/**
 * Événements et situations agrégés par jeune et par année en un seul passage (PostgreSQL le
 * parallélise). `filtre` restreint aux ML voulues, `periode` (deux expressions SQL) aux faits datés
 * de [debut, fin] (SQL portable : le même texte sert à DuckDB).
 */
export function selectActivite(filtre = '', periode?: { debut: string; fin: string }): string {
  const dans = (colonne: string) => (periode ? `AND ${colonne} BETWEEN ${periode.debut} AND ${periode.fin}` : '');
  return `
    SELECT code_structure, id_jeune, annee,
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
      SELECT 'E' AS source, code_structure, id_jeune, CAST(date_part('year', date) AS integer) AS annee, type AS nature,
             CAST(NULL AS text) AS contrat, date AS debut, CAST(NULL AS date) AS fin_prevue
      FROM evenement WHERE true ${filtre} ${dans('date')}
      UNION ALL
      SELECT 'S', code_structure, id_jeune, CAST(date_part('year', date_debut) AS integer), categorie, type_contrat, date_debut, date_fin_prevue
      FROM situation WHERE true ${filtre} ${dans('date_debut')}
    ) faits
    GROUP BY code_structure, id_jeune, annee`;
}

/**
 * Recalcule l'activité des ML données (toutes les années), dans la transaction de l'appelant. Le
 * calcul passe par CREATE TEMP TABLE … AS, que PostgreSQL parallélise (un INSERT … SELECT, non).
 */
export async function recalculerActivite(tx: Requeteur, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return;
  await tx.query('DELETE FROM activite_jeune_annee WHERE code_structure = ANY($1::text[])', [codes]);
  await tx.query(`CREATE TEMP TABLE activite_calculee ON COMMIT DROP AS ${selectActivite('AND code_structure = ANY($1::text[])')}`, [codes]);
  await tx.query(`INSERT INTO activite_jeune_annee (${COLONNES_ACTIVITE}) SELECT ${COLONNES_ACTIVITE} FROM activite_calculee`);
  await tx.query('DROP TABLE activite_calculee');
}
