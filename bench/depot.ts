// Banc d'essai du dépôt mensuel d'une ML dans la base nationale (PostgreSQL) : un extrait d'un mois,
// fait des lignes de la ML sous de nouveaux identifiants (elles sont nouvelles), importé en mode dépôt ;
// puis le temps jusqu'à ce que le tableau national rende des chiffres qui l'incluent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importerExtrait } from '../src/application/echange/importerExtrait.ts';
import { recalculerActivite } from '../src/application/indicateurs/activiteAnnuelle.ts';
import { chargerCatalogue } from '../src/application/indicateurs/catalogueEnVigueur.ts';
import { marquerDonneesMisesAJour } from '../src/application/indicateurs/donneesMisesAJour.ts';
import { ServiceChiffres } from '../src/application/indicateurs/serviceChiffres.ts';
import type { Base } from '../src/application/ports/base.ts';
import { FICHIERS } from '../src/domaine/echange/format.ts';
import { lecteurFichiers } from '../src/infrastructure/fichiers/lecteur.ts';
import { horlogeSysteme } from '../src/infrastructure/horloge.ts';
import { ecrireResultat, fr, machine, tableau } from './outils.ts';

/** Le mois déposé : le dernier des données nationales. */
const ANNEE = 2018;
const MOIS = 12;
/** Le préfixe des identifiants déposés : les lignes d'un dépôt précédent ne sont pas recopiées, et s'effacent après. */
const PREFIXE = 'DEPOT';
const TABLES_DEPOSEES = ['evenement', 'situation', 'aide', 'dispositif', 'jeune_identite', 'jeune'];

/**
 * L'extrait du mois `mois` de la ML `code`, écrit dans `dossier` : ses jeunes arrivés ce mois-là, ses
 * événements, situations et aides du mois, et les dispositifs ouverts ce mois-là par ses nouveaux jeunes
 * (ceux d'un jeune déjà suivi chevaucheraient leur original). Chaque identifiant prend le préfixe
 * `prefixe` : les lignes sont nouvelles ; les faits d'un jeune déjà suivi restent les siens.
 */
export async function ecrireExtraitDuMois(base: Base, code: string, annee: number, mois: number, prefixe: string, dossier: string): Promise<number> {
  const debut = `make_date(${annee}, ${mois}, 1)`;
  const fin = `(make_date(${annee}, ${mois}, 1) + interval '1 month' - interval '1 day')::date`;
  const nouveaux = `SELECT id_jeune FROM jeune WHERE code_structure = '${code}' AND date_premier_accueil BETWEEN ${debut} AND ${fin}`;
  const jeuneDe = `CASE WHEN t.id_jeune IN (${nouveaux}) THEN '${prefixe}' || t.id_jeune ELSE t.id_jeune END AS id_jeune`;
  const conditions: Record<string, string> = {
    jeune: `t.date_premier_accueil BETWEEN ${debut} AND ${fin}`,
    evenement: `t.date BETWEEN ${debut} AND ${fin}`,
    situation: `t.date_debut BETWEEN ${debut} AND ${fin}`,
    aide: `t.date BETWEEN ${debut} AND ${fin}`,
    dispositif: `t.date_debut BETWEEN ${debut} AND ${fin} AND t.id_jeune IN (${nouveaux})`,
  };
  let lignes = 0;
  for (const f of FICHIERS.filter((f) => conditions[f.table])) {
    const colonnes = f.colonnes
      .filter((c) => !c.identite)
      .map((c) => {
        if (c.nom === 'id_jeune') return f.table === 'jeune' ? `'${prefixe}' || t.id_jeune AS id_jeune` : jeuneDe;
        if (c.nom === f.cle.at(-1)) return `'${prefixe}' || t.${c.nom} AS ${c.nom}`;
        if (c.type.nature === 'booleen') return `CASE WHEN t.${c.nom} THEN '1' WHEN NOT t.${c.nom} THEN '0' END AS ${c.nom}`;
        return `t.${c.nom}`;
      });
    const requete = `SELECT ${colonnes.join(', ')} FROM ${f.table} t
      WHERE t.code_structure = '${code}' AND ${conditions[f.table]} AND t.${f.cle.at(-1)} NOT LIKE '${PREFIXE}%'`;
    lignes += await base.copyToFile(requete, `FORMAT csv, HEADER true, DELIMITER ';', NULL ''`, join(dossier, f.nom));
  }
  return lignes;
}

/** Une ML de taille médiane (en jeunes) et la plus grande. */
async function mlsDeposantes(base: Base): Promise<string[]> {
  const tailles = await base.query<{ code_structure: string }>('SELECT code_structure FROM jeune GROUP BY code_structure ORDER BY count(*), code_structure');
  return [tailles[Math.floor(tailles.length / 2)].code_structure, tailles.at(-1)!.code_structure];
}

/** Efface les lignes déposées par le banc, et recalcule l'activité de la ML : la base gardée redevient l'extrait national. */
async function effacerDepot(base: Base, code: string) {
  await base.transaction(async (tx) => {
    for (const t of TABLES_DEPOSEES) await tx.query(`DELETE FROM ${t} WHERE code_structure = $1 AND ${t === 'jeune' || t === 'jeune_identite' ? 'id_jeune' : `id_${t}`} LIKE '${PREFIXE}%'`, [code]);
    await recalculerActivite(tx, [code]);
    await marquerDonneesMisesAJour(tx, [code]);
  });
}

export async function bancDepot(base: Base) {
  const catalogue = chargerCatalogue();
  const service = new ServiceChiffres(base, catalogue);
  const mesures = [];
  for (const code of await mlsDeposantes(base)) {
    const avant = (await service.territoire(ANNEE, 'national'))!.territoire.indicateurs.premiers_accueils!;
    const dossier = mkdtempSync(join(tmpdir(), 'cpo-bench-depot-'));
    try {
      const lignes = await ecrireExtraitDuMois(base, code, ANNEE, MOIS, `${PREFIXE}${Date.now()}-`, dossier);
      const debut = performance.now();
      const rapport = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: horlogeSysteme, structure: code, acteur: 'bench' });
      const importMs = performance.now() - debut;
      if (rapport.statut !== 'importe') throw new Error(`dépôt refusé : ${JSON.stringify(rapport.erreurs.slice(0, 5))}`);
      const apres = (await service.territoire(ANNEE, 'national'))!.territoire.indicateurs.premiers_accueils!;
      const totalMs = performance.now() - debut;
      const nouveaux = rapport.fichiers.find((f) => f.fichier === 'jeunes.csv')!.crees;
      // Les jeunes déposés sont arrivés dans le mois : les premiers accueils nationaux en comptent autant de plus.
      if (apres - avant !== nouveaux) throw new Error(`le tableau national ne compte pas le dépôt : ${avant} puis ${apres} premiers accueils, ${nouveaux} jeunes déposés`);
      mesures.push({ code, lignes, importMs: Math.round(importMs), chiffresMs: Math.round(totalMs - importMs), totalMs: Math.round(totalMs) });
    } finally {
      rmSync(dossier, { recursive: true, force: true });
      await effacerDepot(base, code);
    }
  }
  console.log(`\nDépôt mensuel d'une ML (${MOIS}/${ANNEE}, mode dépôt) dans la base nationale, jusqu'au tableau national qui l'inclut\n`);
  console.log(
    tableau(
      ['ML', 'lignes', 'import (s)', 'tableau national (s)', 'total (s)', 'objectif'],
      mesures.map((m) => [m.code, fr(m.lignes), fr(m.importMs / 1000, 2), fr(m.chiffresMs / 1000, 2), fr(m.totalMs / 1000, 2), '≤ 1']),
    ),
  );
  const resultat = { machine: machine(), annee: ANNEE, mois: MOIS, mesures };
  ecrireResultat('depot-national', resultat);
  return resultat;
}
