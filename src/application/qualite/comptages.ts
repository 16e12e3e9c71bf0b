// Ce que chaque règle de qualité compte en base, par ML, pour une année : chaque règle est une requête
// qui rend les cas qu'elle examine (code_structure, id_jeune, probleme) ; la même requête donne les
// nombres (pour tous) et les identifiants des jeunes en défaut (pour la ML seulement).
import { FICHIERS } from '../../domaine/echange/format.ts';
import type { CatalogueQualite, RegleQualite } from '../../domaine/qualite/catalogue.ts';
import type { Comptage } from '../../domaine/qualite/score.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Requeteur } from '../ports/base.ts';

/** Les lignes datées du parcours et la colonne de leur date (règle des lignes reçues tard). */
const DATEES = [
  ['evenement', 'date'],
  ['dispositif', 'date_debut'],
  ['situation', 'date_debut'],
  ['aide', 'date'],
] as const;

// Paramètres de chaque requête : $1 les ML, $2 l'année, $3 la date du jour (pour les règles qui la
// lisent). Les champs, les types d'événement et les délais viennent du catalogue validé (noms du format
// d'échange, entiers) : écrits dans le SQL.
const DANS_LES_ML = 'code_structure = ANY($1::text[])';
const ANNEE = (colonne: string) => `${colonne} BETWEEN make_date($2, 1, 1) AND make_date($2, 12, 31)`;
const EN_CONTACT = `SELECT code_structure, id_jeune FROM activite_jeune_annee WHERE ${DANS_LES_ML} AND annee = $2 AND contact`;

/** Les cas qu'une règle examine, chacun avec son jeune (s'il en a un) et s'il est en défaut. */
function casExamines(r: RegleQualite): string {
  switch (r.type) {
    case 'completude':
      return `SELECT j.code_structure, j.id_jeune, j.${r.champ} IS NULL AS probleme
        FROM (${EN_CONTACT}) a JOIN jeune j USING (code_structure, id_jeune)`;
    case 'sans_diagnostic':
      // Une agrégation plutôt qu'une jointure : sans statistiques à jour (base embarquée), le planificateur
      // choisirait une boucle imbriquée sur les événements, qui n'ont pas d'index par jeune.
      return `SELECT code_structure, id_jeune, NOT bool_or(source = 'D') AS probleme FROM (
          SELECT 'A' AS source, code_structure, id_jeune FROM activite_jeune_annee WHERE ${DANS_LES_ML} AND annee = $2 AND nb_ei + nb_collectif > 0
          UNION ALL
          SELECT 'D', code_structure, id_jeune FROM evenement WHERE ${DANS_LES_ML}
            AND type IN (${r.evenements_diagnostic.map((t) => `'${t}'`).join(', ')}) AND date <= make_date($2, 12, 31)
        ) faits GROUP BY code_structure, id_jeune HAVING bool_or(source = 'A')`;
    case 'reception_tardive':
      // Les lignes reçues le jour où la ML elle-même l'a été (son premier chargement, reprise de son
      // historique compris) ne sont pas en retard : seules le sont celles d'un envoi suivant.
      return DATEES.map(
        ([table, colonne]) => `SELECT t.code_structure, t.id_jeune, t.recu_le > m.recu_le AND t.recu_le - t.${colonne} > ${r.delai_jours} AS probleme
          FROM ${table} t JOIN mission_locale m USING (code_structure) WHERE t.${DANS_LES_ML} AND ${ANNEE(`t.${colonne}`)}`,
      ).join(' UNION ALL ');
    case 'situation_ouverte':
      return `SELECT code_structure, id_jeune, date_fin IS NULL AND $3::date - date_fin_prevue > ${r.delai_jours} AS probleme
        FROM situation WHERE ${DANS_LES_ML} AND ${ANNEE('date_fin_prevue')}`;
    case 'doublon_jeune':
      return `SELECT j.code_structure, j.id_jeune, g.n IS NOT NULL AS probleme
        FROM (${EN_CONTACT}) a JOIN jeune j USING (code_structure, id_jeune)
        LEFT JOIN (SELECT code_structure, date_naissance, sexe, commune_residence, date_premier_accueil, count(*) AS n FROM jeune
                   WHERE ${DANS_LES_ML} GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) g
          USING (code_structure, date_naissance, sexe, commune_residence, date_premier_accueil)`;
    case 'declaree': {
      // Une ligne absente : chaque champ manque. Une ML qui n'existait pas dans l'année (créée après,
      // absorbée avant) n'avait rien à déclarer.
      const table = FICHIERS.find((f) => f.nom === r.fichier)!.table;
      return r.champs
        .map(
          (champ) => `SELECT m.code_structure, NULL::text AS id_jeune, d.${champ} IS NULL AS probleme
            FROM mission_locale m LEFT JOIN ${table} d ON d.code_structure = m.code_structure AND d.annee = $2
            WHERE m.${DANS_LES_ML} AND coalesce(m.date_debut, '-infinity') <= make_date($2, 12, 31) AND coalesce(m.date_fin, 'infinity') >= make_date($2, 1, 1)`,
        )
        .join(' UNION ALL ');
    }
  }
}

/** Les paramètres qu'une requête lit : la date du jour, seulement si elle s'en sert. */
const parametres = (sql: string, codes: readonly string[], annee: number, jour: DateCalendaire) => (sql.includes('$3') ? [codes, annee, jour] : [codes, annee]);

/** Ce que chaque règle compte dans chaque ML donnée, pour l'année (une règle sans cas examiné dans une ML n'y figure pas). */
export async function compterQualite(db: Requeteur, catalogue: CatalogueQualite, codes: readonly string[], annee: number, jour: DateCalendaire): Promise<Map<string, Comptage[]>> {
  const resultats = await Promise.all(
    catalogue.regles.map((r) => {
      const cas = casExamines(r);
      return db.query<{ code_structure: string; base: number; nombre: number }>(
        `SELECT code_structure, count(*)::int AS base, count(*) FILTER (WHERE probleme)::int AS nombre FROM (${cas}) c GROUP BY code_structure`,
        parametres(cas, codes, annee, jour),
      );
    }),
  );
  const parML = new Map<string, Comptage[]>(codes.map((c) => [c, []]));
  resultats.forEach((lignes, i) => {
    for (const l of lignes) parML.get(l.code_structure)?.push({ regle: catalogue.regles[i].id, base: l.base, nombre: l.nombre });
  });
  return parML;
}

/** Les jeunes en défaut de chaque règle dans une ML : données nominatives, pour ses seuls utilisateurs. */
export async function jeunesEnDefaut(db: Requeteur, catalogue: CatalogueQualite, code: string, annee: number, jour: DateCalendaire): Promise<Map<string, string[]>> {
  const parRegle = new Map<string, string[]>();
  for (const r of catalogue.regles) {
    if (r.type === 'declaree') continue;
    const cas = casExamines(r);
    const lignes = await db.query<{ id_jeune: string }>(
      `SELECT DISTINCT id_jeune FROM (${cas}) c WHERE probleme ORDER BY id_jeune LIMIT ${MAX_JEUNES_PAR_REGLE}`,
      parametres(cas, [code], annee, jour),
    );
    parRegle.set(r.id, lignes.map((l) => l.id_jeune));
  }
  return parRegle;
}

/** Au-delà, la liste d'une règle est tronquée (la page le dit) : c'est une liste de choses à corriger, pas un export. */
export const MAX_JEUNES_PAR_REGLE = 500;
