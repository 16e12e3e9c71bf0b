// Cas d'usage : écrire un extrait au format d'échange, celui-là même que l'import lit.
// Les fichiers sont triés par clé (collation C) : deux exports des mêmes données sont identiques.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FICHIERS, type Colonne, type FichierEchange } from '../../domaine/echange/format.ts';
import type { Base } from '../ports/base.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { auditer } from '../audit.ts';

export interface OptionsExport {
  /** Une seule Mission locale. */
  structure?: string;
  /** Une seule année : les faits datés de l'année, les dispositifs et situations en cours dans l'année. */
  annee?: number;
  /** Sans les noms, prénoms, courriels et téléphones des jeunes. */
  sansIdentite?: boolean;
  acteur?: string;
}

export interface ResultatExport {
  dossier: string;
  fichiers: { fichier: string; lignes: number }[];
}

export class ErreurExport extends ErreurMetier {}

/** Une colonne lue telle que le format l'écrit (booléens 1/0, dates AAAA-MM-JJ) : l'export, et la saisie qui relit une ligne. */
export function expression(c: Colonne, alias: string): string {
  const col = `${alias}.${c.nom}`;
  switch (c.type.nature) {
    case 'booleen':
      return `CASE WHEN ${col} THEN '1' WHEN NOT ${col} THEN '0' END AS ${c.nom}`;
    case 'communes':
      return `array_to_string(${col}, '|') AS ${c.nom}`;
    case 'date':
      return `to_char(${col}, 'YYYY-MM-DD') AS ${c.nom}`;
    default:
      return `${col}::text AS ${c.nom}`;
  }
}

/**
 * Les filtres, passés en paramètres liés : COPY n'en accepte pas, ils sont donc posés dans une table
 * temporaire de la transaction (une ligne, des colonnes typées) que les conditions lisent.
 */
const FILTRE = 'CREATE TEMP TABLE filtre_export ON COMMIT DROP AS SELECT $1::text AS structure, $2::int AS annee, make_date($2, 1, 1) AS debut, make_date($2, 12, 31) AS fin';
const filtre = (colonne: 'structure' | 'annee' | 'debut' | 'fin') => `(SELECT ${colonne} FROM filtre_export)`;

/** Conditions de filtre par table, sur les colonnes de `filtre_export`. */
function filtres(f: FichierEchange, o: OptionsExport): string[] {
  const conditions: string[] = [];
  if (o.structure) conditions.push(`t.code_structure = ${filtre('structure')}`);
  if (o.annee === undefined) return conditions;
  const [debut, fin] = [filtre('debut'), filtre('fin')];
  const enCours = `t.date_debut <= ${fin} AND coalesce(t.date_fin, 'infinity'::date) >= ${debut}`;
  const parTable: Record<string, string | undefined> = {
    evenement: `t.date BETWEEN ${debut} AND ${fin}`,
    aide: `t.date BETWEEN ${debut} AND ${fin}`,
    offre: `t.date_collecte BETWEEN ${debut} AND ${fin}`,
    dispositif: enCours,
    situation: enCours,
    contexte: `t.annee = ${filtre('annee')}`,
    moyens: `t.annee = ${filtre('annee')}`,
  };
  if (f.table === 'jeune') {
    // Les jeunes de l'année, et tous ceux auxquels renvoie une ligne exportée : l'extrait se réimporte seul.
    const renvois = ['evenement', 'dispositif', 'situation', 'aide'].map(
      (table) =>
        `EXISTS (SELECT 1 FROM ${table} t2 WHERE t2.code_structure = t.code_structure AND t2.id_jeune = t.id_jeune AND ${parTable[table]!.replaceAll('t.', 't2.')})`,
    );
    conditions.push(`(t.date_premier_accueil BETWEEN ${debut} AND ${fin} OR ${renvois.join(' OR ')})`);
  } else if (parTable[f.table]) conditions.push(parTable[f.table]!);
  return conditions;
}

/** Valider → transaction (tous les fichiers lus dans le même état de la base) → charger → écrire → auditer. */
export async function exporterExtrait(base: Base, dossier: string, options: OptionsExport = {}): Promise<ResultatExport> {
  if (options.annee !== undefined && !(Number.isInteger(options.annee) && options.annee >= 1990 && options.annee <= 2100)) {
    throw new ErreurExport(`année invalide : « ${options.annee} » (de 1990 à 2100)`);
  }
  return base.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    if (options.structure) {
      const [trouvee] = await tx.query<{ existe: 1 }>('SELECT 1 AS existe FROM mission_locale WHERE code_structure = $1', [options.structure]);
      if (!trouvee) throw new ErreurExport(`structure inconnue : ${options.structure}`);
    }
    await tx.query(FILTRE, [options.structure ?? null, options.annee ?? null]);
    mkdirSync(dossier, { recursive: true });
    const resultat: ResultatExport = { dossier, fichiers: [] };
    for (const f of FICHIERS) {
      const colonnes = f.colonnes.filter((c) => !(c.identite && options.sansIdentite));
      const jointure = colonnes.some((c) => c.identite)
        ? ' LEFT JOIN jeune_identite i ON i.code_structure = t.code_structure AND i.id_jeune = t.id_jeune'
        : '';
      const conditions = filtres(f, options);
      const requete =
        `SELECT ${colonnes.map((c) => expression(c, c.identite ? 'i' : 't')).join(', ')} FROM ${f.table} t${jointure}` +
        (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
        ` ORDER BY ${f.cle.map((c) => `t.${c}${c === 'annee' ? '' : ' COLLATE "C"'}`).join(', ')}`;
      const lignes = await tx.copyToFile(requete, `FORMAT csv, HEADER true, DELIMITER ';', NULL ''`, join(dossier, f.nom));
      resultat.fichiers.push({ fichier: f.nom, lignes });
    }
    await auditer(tx, {
      acteur: options.acteur ?? 'cli',
      action: options.sansIdentite ? 'export_extrait' : 'export_extrait_nominatif',
      objet: dossier,
      codeStructure: options.structure ?? null,
      origine: 'cli',
      details: { annee: options.annee ?? null, fichiers: resultat.fichiers },
    });
    return resultat;
  });
}
