// Étape « contrôler » : les contrôles qui portent sur plusieurs lignes ou sur la base (jeune inconnu,
// âge à l'entrée d'un dispositif, contrats qui se chevauchent, clé en double) sont des requêtes
// ensemblistes sur les tables de transit ; chacune rend des lignes fautives (ligne, colonne, valeur,
// message). Les noms de tables et de colonnes écrits dans le SQL viennent du format (domaine), jamais
// du fichier lu.
import { LIGNES_FINANCEMENT, renvoieAuJeune, type FichierEchange } from '../../../domaine/echange/format.ts';
import { AGE_MAXIMUM_DISPOSITIF, AGE_MINIMUM_DISPOSITIF } from '../../../domaine/referentiel/codes.ts';
import { DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS } from '../../../domaine/referentiel/durees.ts';
import type { Requeteur } from '../../ports/base.ts';
import type { Horloge } from '../../ports/horloge.ts';
import type { ErreurImport } from '../rapport.ts';
import type { Progression } from './options.ts';
import { abreger } from '../../../domaine/echange/valeurs.ts';
import { ERREURS_DETAILLEES_PAR_FICHIER, type Rejets, type Signalements } from './signalements.ts';
import { transit, type FichierLu } from './transit.ts';

export interface ContexteControle {
  tx: Requeteur;
  tolerant: boolean;
  signalements: Signalements;
  progression?: Progression;
  horloge: Horloge;
  /** Une saisie dans l'application : elle peut écrire sur les lignes saisies (les dépôts, non). */
  saisie?: boolean;
}

/** Les contrôles ensemblistes de chaque fichier, dans l'ordre des dépendances. */
export async function controler(ctx: ContexteControle, lus: FichierLu[]): Promise<void> {
  ctx.progression?.etape('Contrôles de cohérence', lus.length);
  for (const lu of lus) {
    for (const requete of await requetesDeControle(ctx.tx, lu.fichier, ctx.tolerant, ctx.saisie ?? false)) await signalerFautives(ctx, lu, requete);
    ctx.progression?.avancer(1);
  }
  ctx.progression?.terminer();
}

/**
 * Un dépôt ne porte que sur la ML déposante : chaque ligne d'une autre ML est nommée. Rend vrai s'il y
 * en a (le dépôt est alors refusé en entier, même en mode tolérant).
 */
export async function signalerAutresStructures(ctx: ContexteControle, lus: FichierLu[], code: string): Promise<boolean> {
  let trouvees = false;
  for (const lu of lus) {
    if ([...lu.structures].every((c) => c === code)) continue;
    const lignes = await ctx.tx.query<{ ligne: number; valeur: string }>(
      `SELECT ligne, code_structure AS valeur FROM ${transit(lu.fichier)} WHERE code_structure <> $1 ORDER BY ligne LIMIT ${ERREURS_DETAILLEES_PAR_FICHIER}`,
      [code],
    );
    for (const l of lignes) {
      trouvees = true;
      ctx.signalements.signaler({
        fichier: lu.fichier.nom,
        ligne: l.ligne,
        colonne: 'code_structure',
        valeur: l.valeur,
        message: `ligne d'une autre Mission locale (${abreger(l.valeur)}) : un dépôt de la Mission locale ${code} ne contient que ses propres lignes`,
      });
    }
  }
  return trouvees;
}

/**
 * Le périmètre d'une ML tient à son département et à sa région, le réseau à ses absorptions : un dépôt
 * de la ML peut mettre à jour sa fiche (structures.csv), pas la déplacer ni la faire absorber.
 */
export async function controlerFicheDeposee(ctx: ContexteControle, lus: FichierLu[]): Promise<void> {
  const lu = lus.find((l) => l.fichier.table === 'mission_locale');
  if (!lu) return;
  const t = transit(lu.fichier);
  const inchangee = (colonne: string, ce: string) =>
    `SELECT t.ligne, '${colonne}' AS colonne, t.${colonne} AS valeur,
        'un dépôt ne change pas ${ce} de la Mission locale (' || coalesce(m.${colonne}, 'aucune') || ' en base) : demandez-le à la DIRECCTE' AS message
     FROM ${t} t JOIN mission_locale m USING (code_structure) WHERE t.${colonne} IS DISTINCT FROM m.${colonne}`;
  for (const requete of [inchangee('code_departement', 'le département'), inchangee('code_region', 'la région'), inchangee('code_structure_absorbante', 'la structure absorbante')]) {
    await signalerFautives(ctx, lu, requete);
  }
}

/** Les clés en double d'un fichier (voir requeteDoublons : on ne les cherche que quand il le faut). */
export async function signalerDoublons(ctx: ContexteControle, lu: FichierLu): Promise<void> {
  await signalerFautives(ctx, lu, requeteDoublons(lu.fichier));
}

async function signalerFautives(ctx: ContexteControle, lu: FichierLu, requete: string): Promise<void> {
  for (const l of await ctx.tx.query<LigneFautive>(requete)) {
    ctx.signalements.signaler({ fichier: lu.fichier.nom, ligne: l.ligne, colonne: l.colonne, valeur: l.valeur ?? '', message: l.message });
  }
  // En mode tolérant, une ligne écartée ne compte plus pour les contrôles suivants.
  if (ctx.tolerant) await ecarter(ctx.tx, lu.fichier, ctx.signalements.rejets);
}

/** Une ligne fautive, telle que la rend chaque requête de contrôle. */
interface LigneFautive {
  ligne: number;
  colonne: string;
  valeur: string | null;
  message: string;
}

/**
 * Les contrôles d'un fichier qui demandent la base ou les autres fichiers. En mode tolérant, une
 * référence ne compte que si la ligne visée est valide ; en mode strict, toute ligne de l'extrait
 * compte, pour qu'une erreur ne soit signalée qu'une fois, là où elle est.
 */
async function requetesDeControle(tx: Requeteur, fichier: FichierEchange, tolerant: boolean, saisie: boolean): Promise<string[]> {
  const t = transit(fichier);
  const enTransit = async (table: string) =>
    (await tx.query<{ existe: boolean }>(`SELECT to_regclass('pg_temp.transit_${table}') IS NOT NULL AS existe`))[0].existe;
  const vue = async (table: string) => ((await enTransit(table)) ? `transit_${table}` : null);
  const valide = tolerant ? 'AND r.valide' : '';
  const requetes: string[] = [];

  // « Absent de la base et de l'extrait » s'écrit NOT EXISTS … AND NOT EXISTS … : deux anti-jointures
  // par hachage, là où un OR de deux EXISTS corrélés ferait une recherche par ligne.
  const structures = await vue('mission_locale');
  const structureAbsente = (col: string) =>
    `NOT EXISTS (SELECT 1 FROM mission_locale m WHERE m.code_structure = ${col})` +
    (structures ? ` AND NOT EXISTS (SELECT 1 FROM ${structures} r WHERE r.code_structure = ${col} ${valide})` : '');

  if (fichier.table === 'mission_locale') {
    requetes.push(`SELECT t.ligne, 'code_region' AS colonne, t.code_region AS valeur, 'région inconnue (code INSEE des régions de 2016 attendu)' AS message
      FROM ${t} t WHERE t.code_region IS NOT NULL AND NOT EXISTS (SELECT 1 FROM region g WHERE g.code = t.code_region)`);
    requetes.push(`SELECT t.ligne, 'code_departement' AS colonne, t.code_departement AS valeur, 'département inconnu' AS message
      FROM ${t} t WHERE t.code_departement IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departement d WHERE d.code = t.code_departement)`);
    requetes.push(`SELECT t.ligne, 'code_departement' AS colonne, t.code_departement AS valeur,
        'le département appartient à la région ' || d.code_region || ', pas à la région ' || t.code_region AS message
      FROM ${t} t JOIN departement d ON d.code = t.code_departement
      WHERE t.code_region IS NOT NULL AND d.code_region <> t.code_region`);
    requetes.push(`SELECT t.ligne, 'code_structure_absorbante' AS colonne, t.code_structure_absorbante AS valeur,
        CASE WHEN t.code_structure_absorbante = t.code_structure THEN 'une structure ne peut pas s''absorber elle-même'
             ELSE 'structure absorbante inconnue (ni en base, ni dans l''extrait)' END AS message
      FROM ${t} t WHERE t.code_structure_absorbante IS NOT NULL
        AND (t.code_structure_absorbante = t.code_structure OR (${structureAbsente('t.code_structure_absorbante')}))`);
  } else {
    requetes.push(`SELECT t.ligne, 'code_structure' AS colonne, t.code_structure AS valeur, 'structure inconnue (ni en base, ni dans l''extrait)' AS message
      FROM ${t} t WHERE t.code_structure IS NOT NULL AND ${structureAbsente('t.code_structure')}`);
  }

  if (renvoieAuJeune(fichier)) {
    const jeunes = await vue('jeune');
    const jeuneAbsent =
      `NOT EXISTS (SELECT 1 FROM jeune j WHERE j.code_structure = t.code_structure AND j.id_jeune = t.id_jeune)` +
      (jeunes ? ` AND NOT EXISTS (SELECT 1 FROM ${jeunes} r WHERE r.code_structure = t.code_structure AND r.id_jeune = t.id_jeune ${valide})` : '');
    requetes.push(`SELECT t.ligne, 'id_jeune' AS colonne, t.id_jeune AS valeur,
        'jeune inconnu dans la structure ' || t.code_structure || ' (ni en base, ni dans l''extrait)' AS message
      FROM ${t} t WHERE t.code_structure IS NOT NULL AND t.id_jeune IS NOT NULL AND ${jeuneAbsent}`);

    if (fichier.table === 'dispositif') {
      // La date de naissance de l'extrait prime sur celle de la base (le dernier import gagne).
      const naissancesExtrait = jeunes
        ? `LEFT JOIN (SELECT DISTINCT ON (code_structure, id_jeune) code_structure, id_jeune, date_naissance FROM ${jeunes} r
                     WHERE date_naissance IS NOT NULL ${valide} ORDER BY code_structure, id_jeune, ligne DESC) x
             ON x.code_structure = t.code_structure AND x.id_jeune = t.id_jeune`
        : '';
      requetes.push(`SELECT ligne, 'date_debut' AS colonne, date_debut::text AS valeur,
          'le jeune a ' || age || ' ans à l''entrée dans le dispositif (né le ' || to_char(naissance, 'DD/MM/YYYY') ||
          ') : un dispositif est ouvert aux jeunes de ${AGE_MINIMUM_DISPOSITIF} à ${AGE_MAXIMUM_DISPOSITIF} ans révolus' AS message
        FROM (SELECT t.ligne, t.date_debut, n.naissance, date_part('year', age(t.date_debut, n.naissance))::int AS age
              FROM ${t} t ${naissancesExtrait}
              LEFT JOIN jeune j ON j.code_structure = t.code_structure AND j.id_jeune = t.id_jeune
              CROSS JOIN LATERAL (SELECT ${jeunes ? 'coalesce(x.date_naissance, j.date_naissance)' : 'j.date_naissance'} AS naissance) n
              WHERE t.date_debut IS NOT NULL) a
        WHERE naissance IS NOT NULL AND age NOT BETWEEN ${AGE_MINIMUM_DISPOSITIF} AND ${AGE_MAXIMUM_DISPOSITIF}`);
      requetes.push(requeteChevauchements(t, tolerant));
      requetes.push(requeteDiagnosticPacea(t, await vue('diagnostic'), valide));
    }
    if (fichier.table === 'phase') {
      const dispositifs = await vue('dispositif');
      const dispositifAbsent =
        `NOT EXISTS (SELECT 1 FROM dispositif d WHERE d.code_structure = t.code_structure AND d.id_dispositif = t.id_dispositif AND d.id_jeune = t.id_jeune)` +
        (dispositifs ? ` AND NOT EXISTS (SELECT 1 FROM ${dispositifs} r WHERE r.code_structure = t.code_structure AND r.id_dispositif = t.id_dispositif AND r.id_jeune = t.id_jeune ${valide})` : '');
      requetes.push(`SELECT t.ligne, 'id_dispositif' AS colonne, t.id_dispositif AS valeur,
          'dispositif inconnu pour ce jeune (ni en base, ni dans l''extrait)' AS message
        FROM ${t} t WHERE t.id_dispositif IS NOT NULL AND t.id_jeune IS NOT NULL AND ${dispositifAbsent}`);
    }
  }
  if (!saisie && TABLES_SAISIES.includes(fichier.table)) requetes.push(...requetesLignesSaisies(t, fichier));

  return requetes;
}

/**
 * Clés en double dans un même fichier. Trier des dizaines de millions de lignes pour n'en trouver
 * aucune coûte cher : on ne cherche les doublons que si l'import est déjà refusé, ou si la fusion
 * bute sur une clé en double (voir fusion.ts).
 */
function requeteDoublons(fichier: FichierEchange): string {
  const cle = fichier.cle.map((c) => `t.${c}`).join(', ');
  return `SELECT ligne, '${fichier.cle.at(-1)}' AS colonne, ${fichier.cle.at(-1)}::text AS valeur,
      'clé en double dans le fichier : déjà présente ligne ' || premiere AS message
    FROM (SELECT t.*, min(t.ligne) OVER (PARTITION BY ${cle}) AS premiere FROM ${transit(fichier)} t
          WHERE ${fichier.cle.map((c) => `t.${c} IS NOT NULL`).join(' AND ')}) d
    WHERE ligne <> premiere`;
}

/** Deux CIVIS/PACEA d'un même jeune qui se chevauchent (dates incluses ; sans date de fin : en cours). */
function requeteChevauchements(t: string, tolerant: boolean): string {
  return `WITH candidats AS (
      SELECT code_structure, id_dispositif, id_jeune, type, date_debut, date_fin, ligne FROM ${t}
      WHERE type IN ('CIVIS', 'PACEA') AND date_debut IS NOT NULL AND id_jeune IS NOT NULL ${tolerant ? 'AND valide' : ''}
      UNION ALL
      SELECT d.code_structure, d.id_dispositif, d.id_jeune, d.type, d.date_debut, d.date_fin, NULL FROM dispositif d
      WHERE d.type IN ('CIVIS', 'PACEA')
        AND EXISTS (SELECT 1 FROM ${t} s WHERE s.code_structure = d.code_structure AND s.id_jeune = d.id_jeune)
        AND NOT EXISTS (SELECT 1 FROM ${t} s WHERE s.code_structure = d.code_structure AND s.id_dispositif = d.id_dispositif))
    SELECT DISTINCT ON (a.ligne) a.ligne, 'date_debut' AS colonne, a.date_debut::text AS valeur,
      'chevauche le contrat ' || b.type || ' ' || b.id_dispositif || ' du même jeune (du ' || to_char(b.date_debut, 'DD/MM/YYYY') ||
      coalesce(' au ' || to_char(b.date_fin, 'DD/MM/YYYY'), ', sans date de fin') || ')' AS message
    FROM candidats a JOIN candidats b
      ON a.code_structure = b.code_structure AND a.id_jeune = b.id_jeune AND a.id_dispositif <> b.id_dispositif
    WHERE a.ligne IS NOT NULL
      AND a.date_debut <= coalesce(b.date_fin, 'infinity'::date) AND b.date_debut <= coalesce(a.date_fin, 'infinity'::date)
      AND (b.ligne IS NULL OR (a.date_debut, a.ligne) > (b.date_debut, b.ligne))
    ORDER BY a.ligne, b.date_debut`;
}

/**
 * Un PACEA se signe au plus un mois après le diagnostic : le dernier diagnostic du jeune à la date
 * d'entrée, de la base ou de l'extrait (celui de l'extrait remplace celui de même clé). Sans
 * diagnostic connu (extraits d'avant le format de l'Annexe 1), rien n'est exigé.
 */
function requeteDiagnosticPacea(t: string, diagnostics: string | null, valide: string): string {
  const connus = diagnostics
    ? `SELECT code_structure, id_jeune, date FROM diagnostic d
         WHERE NOT EXISTS (SELECT 1 FROM ${diagnostics} r WHERE r.code_structure = d.code_structure AND r.id_diagnostic = d.id_diagnostic)
       UNION ALL SELECT code_structure, id_jeune, date FROM ${diagnostics} r WHERE r.date IS NOT NULL ${valide}`
    : 'SELECT code_structure, id_jeune, date FROM diagnostic';
  const delai = DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS === 1 ? "d''un mois" : `de ${DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS} mois`;
  // Une jointure et un regroupement (pas une sous-requête par ligne) : l'extrait national a des dizaines de milliers de PACEA.
  return `WITH derniers AS (
      SELECT t.ligne, t.date_debut, max(c.date) AS date FROM ${t} t
      JOIN (${connus}) c ON c.code_structure = t.code_structure AND c.id_jeune = t.id_jeune AND c.date <= t.date_debut
      WHERE t.type = 'PACEA' AND t.date_debut IS NOT NULL
      GROUP BY t.ligne, t.date_debut)
    SELECT ligne, 'date_debut' AS colonne, date_debut::text AS valeur,
      'PACEA signé le ' || to_char(date_debut, 'DD/MM/YYYY') || ', plus ${delai} après le diagnostic du ' ||
      to_char(date, 'DD/MM/YYYY') || ' : un PACEA se signe au plus tard le ' || to_char((date + interval '${DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS} month')::date, 'DD/MM/YYYY') AS message
    FROM derniers WHERE date_debut > (date + interval '${DELAI_CONTRAT_APRES_DIAGNOSTIC_MOIS} month')::date`;
}

/** Les tables du parcours dont une ligne peut être saisie dans l'application (table ligne_saisie). */
export const TABLES_SAISIES = ['jeune', 'evenement', 'diagnostic', 'dispositif', 'phase', 'situation', 'aide'];

/**
 * Un dépôt ne remplace pas une ligne saisie dans l'application (même clé), ni n'écrit dans le parcours
 * d'un jeune créé dans l'application (décision 0030) : ces lignes sont refusées, avec la raison.
 */
function requetesLignesSaisies(t: string, fichier: FichierEchange): string[] {
  const id = fichier.cle.at(-1)!;
  const requetes = [
    `SELECT t.ligne, '${id}' AS colonne, t.${id} AS valeur,
        'ligne saisie dans l''application le ' || to_char(s.saisie_le AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY') ||
        ' : un dépôt ne la remplace pas (corrigez-la dans l''application, ou retirez-la de l''extrait)' AS message
      FROM ${t} t JOIN ligne_saisie s ON s.code_structure = t.code_structure AND s.table_parcours = '${fichier.table}' AND s.id_ligne = t.${id}`,
  ];
  if (fichier.table !== 'jeune') {
    requetes.push(`SELECT t.ligne, 'id_jeune' AS colonne, t.id_jeune AS valeur,
        'jeune créé dans l''application le ' || to_char(s.saisie_le AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY') ||
        ' : son parcours se saisit dans l''application, un dépôt n''y écrit pas' AS message
      FROM ${t} t JOIN ligne_saisie s ON s.code_structure = t.code_structure AND s.table_parcours = 'jeune' AND s.id_ligne = t.id_jeune
      WHERE NOT EXISTS (SELECT 1 FROM ligne_saisie x WHERE x.code_structure = t.code_structure AND x.table_parcours = '${fichier.table}' AND x.id_ligne = t.${id})`);
  }
  return requetes;
}

/** Les lignes de financement doivent faire le total des produits (écart de plus d'1 € : avertissement). */
export async function controlerFinancements(tx: Requeteur): Promise<ErreurImport[]> {
  const somme = LIGNES_FINANCEMENT.map((l) => `coalesce(${l}, 0)`).join(' + ');
  const lignes = await tx.query<{ ligne: number; total: number; somme: number }>(
    `SELECT ligne, produits_total AS total, (${somme}) AS somme FROM transit_moyens
     WHERE valide AND produits_total IS NOT NULL AND num_nonnulls(${LIGNES_FINANCEMENT.join(', ')}) > 0
       AND abs(produits_total - (${somme})) > 1 ORDER BY ligne`,
  );
  const euros = (n: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(n).replace(/[\u202f\u00a0]/g, ' ');
  return lignes.map((l) => ({
    fichier: 'moyens.csv',
    ligne: l.ligne,
    colonne: 'produits_total',
    valeur: String(l.total),
    message: `les financements font ${euros(l.somme)}, soit ${euros(l.somme - l.total)} d'écart avec le total des produits`,
  }));
}

/** Mode tolérant : les lignes rejetées quittent la table de transit, et donc les contrôles suivants. */
async function ecarter(tx: Requeteur, fichier: FichierEchange, rejets: Rejets) {
  const lignes = [...(rejets.get(fichier.nom)?.keys() ?? [])];
  if (lignes.length) await tx.query(`UPDATE ${transit(fichier)} SET valide = false WHERE valide AND ligne = ANY($1::int[])`, [lignes]);
}
