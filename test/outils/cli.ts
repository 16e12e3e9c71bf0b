// Lancer la ligne de commande comme un utilisateur : un vrai processus `node bin/cpo.js`, sur une base
// embarquée dans un dossier donné (jamais DATABASE_URL).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { dossierTemporaire } from './extraits.ts';

export const RACINE = join(import.meta.dirname, '..', '..');
export const CPO = join(RACINE, 'bin', 'cpo.js');

const environnement = (donnees: string) => ({ ...process.env, CPO_DATA_DIR: donnees, DATABASE_URL: '' });

/** Lance `cpo …` et attend sa fin. */
export function cpo(args: string[], donnees = dossierTemporaire('cli')) {
  const r = spawnSync(process.execPath, [CPO, ...args], { env: environnement(donnees), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, sortie: r.stdout, erreurs: r.stderr };
}

export interface ProcessusCpo {
  processus: ChildProcess;
  /** Tout ce que le processus a écrit sur sa sortie d'erreur jusqu'ici. */
  erreurs(): string;
  /** Son code de sortie, quand il a fini. */
  fin: Promise<number | null>;
  /** Attend qu'un texte paraisse sur sa sortie d'erreur ; rejette si le processus finit avant. */
  attendre(texte: string): Promise<void>;
}

const enCours = new Set<ChildProcess>();

/** Arrête les processus lancés par `lancerCpo` qui tournent encore (un test qui échoue ne les laisse pas derrière lui). */
export function arreterLesProcessus() {
  for (const p of enCours) p.kill('SIGKILL');
}

/** Lance `cpo …` sans l'attendre (un serveur, des processus concurrents). */
export function lancerCpo(args: string[], donnees: string): ProcessusCpo {
  const processus = spawn(process.execPath, [CPO, ...args], { env: environnement(donnees), stdio: ['ignore', 'ignore', 'pipe'] });
  enCours.add(processus);
  let erreurs = '';
  processus.stderr!.setEncoding('utf8').on('data', (morceau: string) => (erreurs += morceau));
  const fin = new Promise<number | null>((resoudre) =>
    processus.once('close', (code) => {
      enCours.delete(processus);
      resoudre(code);
    }),
  );
  return {
    processus,
    erreurs: () => erreurs,
    fin,
    attendre: (texte) =>
      new Promise((resoudre, rejeter) => {
        const voir = () => {
          if (!erreurs.includes(texte)) return;
          processus.stderr!.off('data', voir);
          resoudre();
        };
        processus.stderr!.on('data', voir);
        voir();
        void fin.then((code) => rejeter(new Error(`cpo ${args.join(' ')} a fini (code ${code}) sans écrire « ${texte} » :\n${erreurs}`)));
      }),
  };
}
