// Un seul processus par base embarquée : PGlite n'a pas de verrou à lui, et deux processus sur le même
// dossier perdaient des écritures validées ou l'abîmaient. Sur PGlite seulement (PostgreSQL est fait
// pour plusieurs processus), avec de vrais processus `cpo`.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import { ErreurBaseOccupee, FICHIER_VERROU } from '../../src/infrastructure/db/verrou.ts';
import { arreterLesProcessus, cpo, lancerCpo, RACINE, type ProcessusCpo } from '../outils/cli.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

const PRET = 'CPO Missions locales : http';
const EXTRAIT = {
  'structures.csv': csv([['code_structure', 'nom', 'code_departement', 'code_region'], ['ML03501', 'Mission locale de Rennes', '35', '53']]),
  'jeunes.csv': csv([['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil'], ['ML03501', 'J1', '1998-04-02', 'F', '2016-09-12']]),
};
/** « depuis le 3 mars 2026 à 14:05:09 », « depuis le 1er mai 2026 à … » */
const DEPUIS = /depuis le \d{1,2}(er)? \p{L}+ \d{4} à \d{2}:\d{2}:\d{2}/u;

const pidEnVie = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Sert la base du dossier (port au hasard) ; rend le processus une fois le serveur prêt. */
async function serveur(donnees: string): Promise<ProcessusCpo> {
  const p = lancerCpo(['serve', '--port', '0'], donnees);
  await p.attendre(PRET);
  return p;
}

// Des processus qui démarrent ensemble sur deux cœurs : plus long que le délai par défaut.
const DELAI = 180_000;

/** `n` processus tentent le verrou du dossier au même instant ; rend leurs réponses (« gagne » ou « refuse … »). */
async function tentativesSimultanees(dossier: string, n: number) {
  const instant = Date.now() + 4000;
  const enfants = Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', join(RACINE, 'test/outils/prendreVerrou.ts'), dossier, String(instant)], { cwd: RACINE, stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  const reponses = await Promise.all(
    enfants.map(
      (e) =>
        new Promise<string>((resoudre) => {
          let sortie = '';
          e.stdout.setEncoding('utf8').on('data', (m: string) => (sortie += m));
          e.once('close', () => resoudre(sortie.trim()));
          e.stdout.on('data', () => sortie.includes('\n') && resoudre(sortie.trim()));
        }),
    ),
  );
  const gagnants = enfants.filter((_, i) => reponses[i] === 'gagne');
  // Le gagnant garde le verrou jusqu'à la fin de son entrée : tous les autres ont tenté pendant qu'il le
  // tenait ; puis il sort, et sa sortie libère le verrou.
  const fins = enfants.map((e) => new Promise((resoudre) => (e.exitCode !== null ? resoudre(e.exitCode) : e.once('close', resoudre))));
  for (const e of enfants) e.stdin.end();
  await Promise.all(fins);
  return { reponses, pidGagnant: gagnants.length === 1 ? gagnants[0].pid : null };
}

/** Le jour des imports : après toutes les dates des extraits de test. */
const horloge = new HorlogeFixe('2020-01-01');

describe('base embarquée : un seul processus par dossier', () => {
  afterEach(arreterLesProcessus);

  it("une seconde ouverture du même dossier est refusée, même dans le processus ; la fermeture libère le verrou", async () => {
    const dossier = dossierTemporaire('verrou');
    const base = await ouvrirBase({ dossier });
    const refus = await ouvrirBase({ dossier }).catch((e) => e);
    expect(refus).toBeInstanceOf(ErreurBaseOccupee);
    expect(refus.message).toContain(`pid ${process.pid}`);
    await base.fermer();
    expect(existsSync(join(dossier, FICHIER_VERROU))).toBe(false);
    const rouverte = await ouvrirBase({ dossier });
    expect(await rouverte.query('SELECT count(*)::int AS n FROM mission_locale')).toEqual([{ n: 0 }]);
    await rouverte.fermer();
  });

  it('huit processus qui prennent ensemble le verrou d’un dossier neuf : un seul l’obtient', async () => {
    const dossier = dossierTemporaire('verrou');
    const { reponses, pidGagnant } = await tentativesSimultanees(dossier, 8);
    expect(reponses.filter((r) => r === 'gagne'), reponses.join('\n')).toHaveLength(1);
    for (const r of reponses.filter((r) => r !== 'gagne')) expect(r).toContain(`est déjà ouverte par un autre processus : pid ${pidGagnant}`);
    expect(readdirSync(dossier)).toEqual([]);
  }, DELAI);

  it('huit processus qui reprennent ensemble un verrou périmé : un seul l’obtient (trois fois)', async () => {
    const dossier = dossierTemporaire('verrou');
    const mort = spawnSync(process.execPath, ['-e', '']).pid;
    expect(pidEnVie(mort)).toBe(false);
    // La course est affaire de millisecondes : trois manches pour qu'une reprise mal gardée ait sa chance d'échouer.
    for (let manche = 0; manche < 3; manche++) {
      writeFileSync(join(dossier, FICHIER_VERROU), JSON.stringify({ pid: mort, commande: 'cpo import x', depuis: new Date().toISOString(), jeton: `perime${manche}` }));
      const { reponses, pidGagnant } = await tentativesSimultanees(dossier, 8);
      expect(reponses.filter((r) => r === 'gagne'), reponses.join('\n')).toHaveLength(1);
      for (const r of reponses.filter((r) => r !== 'gagne')) expect(r).toContain(`est déjà ouverte par un autre processus : pid ${pidGagnant}`);
      expect(readdirSync(dossier)).toEqual([]);
    }
  }, DELAI);

  it("un import à côté d'un serveur en marche est refusé : le message nomme le serveur et dit quoi faire, rien n'est écrit", async () => {
    const dossier = dossierTemporaire('verrou');
    const serve = await serveur(dossier);
    const r = cpo(['import', ecrireExtrait(EXTRAIT)], dossier);
    expect(r.code).toBe(1);
    expect(r.erreurs).toContain(`la base embarquée ${dossier} est déjà ouverte par un autre processus : pid ${serve.processus.pid}`);
    expect(r.erreurs).toContain('bin/cpo.js serve --port 0');
    expect(r.erreurs).toMatch(DEPUIS);
    expect(r.erreurs).toContain("arrêtez l'autre processus");
    expect(r.erreurs).toContain('DATABASE_URL');
    expect(r.erreurs).not.toMatch(/\n\s+at |Error/);

    serve.processus.kill('SIGTERM');
    expect(await serve.fin).toBe(0);
    expect(existsSync(join(dossier, FICHIER_VERROU))).toBe(false);
    const base = await ouvrirBase({ dossier });
    expect(await base.query(`SELECT count(*)::int AS n FROM journal_audit WHERE action LIKE 'import%'`)).toEqual([{ n: 0 }]);
    await base.fermer();
    // Le serveur arrêté, le même import passe.
    expect(cpo(['import', ecrireExtrait(EXTRAIT)], dossier).code).toBe(0);
  }, DELAI);

  it("le verrou d'un processus tué est repris ; de plusieurs processus lancés ensemble, un seul ouvre la base", async () => {
    const dossier = dossierTemporaire('verrou');
    const avant = await ouvrirBase({ dossier });
    expect((await importerExtrait(avant, ecrireExtrait(EXTRAIT), { fichiers: lecteurFichiers, horloge })).statut).toBe('importe');
    await avant.fermer();
    const tue = await serveur(dossier);
    tue.processus.kill('SIGKILL');
    await tue.fin;
    const perime = JSON.parse(readFileSync(join(dossier, FICHIER_VERROU), 'utf8'));
    expect(perime.pid).toBe(tue.processus.pid);
    expect(pidEnVie(perime.pid)).toBe(false);

    const concurrents = Array.from({ length: 3 }, () => lancerCpo(['serve', '--port', '0'], dossier));
    const issues = await Promise.all(concurrents.map((p) => p.attendre(PRET).then(() => 'pret', () => 'refuse')));
    expect(issues.filter((i) => i === 'pret')).toHaveLength(1);
    const gagnant = concurrents[issues.indexOf('pret')];
    for (const [i, p] of concurrents.entries()) {
      if (p === gagnant) continue;
      expect(await p.fin, p.erreurs()).toBe(1);
      expect(issues[i]).toBe('refuse');
      expect(p.erreurs()).toContain(`est déjà ouverte par un autre processus : pid ${gagnant.processus.pid}`);
    }
    gagnant.processus.kill('SIGTERM');
    expect(await gagnant.fin).toBe(0);

    const base = await ouvrirBase({ dossier });
    expect(await base.query('SELECT code_structure FROM jeune')).toEqual([{ code_structure: 'ML03501' }]);
    await base.fermer();
  }, DELAI);
});
