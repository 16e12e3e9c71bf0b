// Banc d'essai de l'import : un extrait national (445 ML, 2015-2018) chargé dans PostgreSQL.
import { lecteurFichiers } from '../src/infrastructure/fichiers/lecteur.ts';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genererDemo } from '../src/application/demo/genererDemo.ts';
import { importerExtrait } from '../src/application/echange/importerExtrait.ts';
import { totalLignes } from '../src/application/echange/rapport.ts';
import type { Base } from '../src/application/ports/base.ts';
import { horlogeSysteme } from '../src/infrastructure/horloge.ts';
import { ecrireResultat, fr, machine, mo, suivreMemoire, tableau } from './outils.ts';

export const GRAINE = 2015;
export const DOSSIER_NATIONAL = join(import.meta.dirname, 'donnees', `national-${GRAINE}`);

/** L'extrait national est généré une fois puis gardé (bench/donnees est ignoré par git). */
export async function extraitNational(): Promise<string> {
  if (existsSync(join(DOSSIER_NATIONAL, 'moyens.csv'))) return DOSSIER_NATIONAL;
  process.stderr.write(`Génération de l'extrait national dans ${DOSSIER_NATIONAL}…\n`);
  const debut = Date.now();
  await genererDemo({ echelle: 'national', graine: GRAINE, sortie: DOSSIER_NATIONAL });
  process.stderr.write(`  généré en ${fr((Date.now() - debut) / 1000, 1)} s (${readdirSync(DOSSIER_NATIONAL).length} fichiers)\n`);
  return DOSSIER_NATIONAL;
}

/** La démonstration d'une région (Bretagne, 17 ML) : `npm start` la génère au premier lancement ; objectif ≤ 10 s. */
async function generationRegion(): Promise<number> {
  const sortie = mkdtempSync(join(tmpdir(), 'cpo-bench-bretagne-'));
  const debut = performance.now();
  await genererDemo({ echelle: 'region', graine: GRAINE, sortie });
  const dureeMs = Math.round(performance.now() - debut);
  rmSync(sortie, { recursive: true, force: true });
  console.log(`\nGénération de la démonstration Bretagne : ${fr(dureeMs / 1000, 1)} s ; objectif ≤ 10 s : ${dureeMs <= 10_000 ? 'atteint' : 'NON atteint'}`);
  return dureeMs;
}

export async function bancImport(base: Base) {
  const generationRegionMs = await generationRegion();
  const source = await extraitNational();
  const memoire = suivreMemoire();
  {
    const rapport = await importerExtrait(base, source, { fichiers: lecteurFichiers, acteur: 'bench', horloge: horlogeSysteme });
    const pic = memoire.arreter();
    if (rapport.statut !== 'importe') throw new Error(`import refusé : ${JSON.stringify(rapport.erreurs.slice(0, 5))}`);
    const total = totalLignes(rapport);
    const parSeconde = total / (rapport.dureeMs / 1000);
    const fichiers = rapport.fichiers.map((f) => ({
      fichier: f.fichier,
      lignes: f.lignes,
      lectureMs: f.dureeLectureMs,
      fusionMs: f.dureeFusionMs,
      lignesParSeconde: Math.round(f.lignes / ((f.dureeLectureMs + f.dureeFusionMs) / 1000 || 1)),
    }));
    console.log(`\nImport national dans PostgreSQL (${rapport.fichiers.length} fichiers)\n`);
    console.log(
      tableau(
        ['fichier', 'lignes', 'lecture (s)', 'fusion (s)', 'lignes/s'],
        [
          ...fichiers.map((f) => [f.fichier, fr(f.lignes), fr(f.lectureMs / 1000, 1), fr(f.fusionMs / 1000, 1), fr(f.lignesParSeconde)]),
          ['TOTAL (contrôles compris)', fr(total), '', fr(rapport.dureeMs / 1000, 1) + ' au total', fr(parSeconde)],
        ],
      ),
    );
    console.log(`\nPic de mémoire du processus Node : ${fr(mo(pic))} Mo ; objectif ≥ 100 000 lignes/s : ${parSeconde >= 100_000 ? 'atteint' : 'NON atteint'}`);
    const resultat = { machine: machine(), generationRegionMs, lignes: total, dureeMs: rapport.dureeMs, lignesParSeconde: Math.round(parSeconde), picMemoireMo: mo(pic), fichiers };
    ecrireResultat('import-national', resultat);
    return resultat;
  }
}
