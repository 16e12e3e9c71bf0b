// Un seul processus par dossier PGlite : PGlite ne verrouille pas son dossier, et deux processus qui
// l'ouvrent ensemble perdent des écritures validées, voire l'abîment (docs/decisions/0012).
// Le verrou est un fichier du dossier qui nomme son titulaire ; il est repris quand ce processus
// n'existe plus.
import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as patienter } from 'node:timers/promises';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';

export const FICHIER_VERROU = 'cpo.verrou';

/** Le dossier est ouvert par un autre processus (ou déjà par celui-ci). */
export class ErreurBaseOccupee extends ErreurMetier {}

interface Titulaire {
  pid: number;
  commande: string;
  /** Date ISO de la prise du verrou. */
  depuis: string;
  /** Distingue deux verrous successifs du même pid. */
  jeton: string;
}

/** Les jetons des verrous tenus par ce processus. */
const tenus = new Set<string>();
/** Essais au plus quand un autre processus reprend le même verrou périmé (20 ms chacun). */
const ESSAIS = 100;

const codeErreur = (e: unknown) => (e as NodeJS.ErrnoException).code;

/** Le titulaire inscrit ; `undefined` si le fichier n'existe pas, `null` s'il est illisible. */
function lire(chemin: string): Titulaire | null | undefined {
  let texte: string;
  try {
    texte = readFileSync(chemin, 'utf8');
  } catch (e) {
    if (codeErreur(e) === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const t = JSON.parse(texte);
    return typeof t?.pid === 'number' && typeof t.jeton === 'string' ? t : null;
  } catch {
    return null;
  }
}

function enVie(t: Titulaire): boolean {
  // Même pid que nous : c'est notre verrou, ou celui d'un processus d'avant qui avait notre pid (conteneur relancé).
  if (t.pid === process.pid) return tenus.has(t.jeton);
  try {
    process.kill(t.pid, 0);
    return true;
  } catch (e) {
    return codeErreur(e) === 'EPERM';
  }
}

/**
 * Retire le verrou périmé `perime`, si personne d'autre ne le fait déjà. La marque, créée en exclusif et
 * nommée d'après le jeton du verrou périmé, fait qu'un seul processus le retire ; relu sous la marque, le
 * fichier ne peut être qu'encore lui ou déjà un verrou neuf, qu'on laisse alors.
 */
function retirerPerime(chemin: string, perime: Titulaire): boolean {
  const marque = `${chemin}.reprise-${perime.jeton}`;
  try {
    closeSync(openSync(marque, 'wx'));
  } catch (e) {
    if (codeErreur(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    if (lire(chemin)?.jeton === perime.jeton) unlinkSync(chemin);
  } finally {
    unlinkSync(marque);
  }
  return true;
}

/** « 1er décembre 2026 à 22:45:01 », heure de Paris. */
function quand(iso: string): string {
  const date = new Date(iso);
  const jour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(date);
  return `${dateEnFrancais(jour)} à ${date.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris' })}`;
}

function occupee(dossier: string, t: Titulaire): ErreurBaseOccupee {
  return new ErreurBaseOccupee(
    `la base embarquée ${dossier} est déjà ouverte par un autre processus : pid ${t.pid}, « ${t.commande} », depuis le ${quand(t.depuis)}.\n` +
      `Deux processus sur le même dossier perdent des écritures et peuvent l'abîmer : rien n'a été fait.\n` +
      `Que faire : arrêtez l'autre processus (un serveur s'arrête par Ctrl+C ou « kill ${t.pid} »), puis relancez cette commande ; ` +
      `pour écrire pendant que le serveur tourne, passez par le serveur (application web ou API), ` +
      `ou utilisez un serveur PostgreSQL (variable DATABASE_URL), que plusieurs processus partagent sans risque.`,
  );
}

/**
 * Prend le verrou du dossier, ou lève ErreurBaseOccupee qui nomme son titulaire. Rend la fonction qui le
 * libère ; il l'est aussi à la sortie du processus.
 */
export async function verrouiller(dossier: string): Promise<() => void> {
  const chemin = join(dossier, FICHIER_VERROU);
  const moi: Titulaire = { pid: process.pid, commande: process.argv.join(' '), depuis: new Date().toISOString(), jeton: randomBytes(12).toString('hex') };
  // Écrit à part puis lié sous le nom du verrou : link échoue si le verrou existe (création exclusive,
  // comme open 'wx') et personne ne lit jamais un verrou à moitié écrit.
  const brouillon = `${chemin}.${moi.jeton}`;
  writeFileSync(brouillon, JSON.stringify(moi));
  try {
    for (let essai = 0; ; essai++) {
      try {
        linkSync(brouillon, chemin);
        break;
      } catch (e) {
        if (codeErreur(e) !== 'EEXIST') throw e;
      }
      const titulaire = lire(chemin);
      if (titulaire === undefined) continue;
      if (titulaire === null) {
        throw new ErreurBaseOccupee(`le fichier de verrou ${chemin} est illisible : si aucun processus cpo n'utilise ce dossier, supprimez-le, puis relancez la commande.`);
      }
      if (enVie(titulaire)) throw occupee(dossier, titulaire);
      if (retirerPerime(chemin, titulaire)) continue;
      if (essai >= ESSAIS) {
        throw new ErreurBaseOccupee(
          `le verrou périmé de ${chemin} (pid ${titulaire.pid}, qui n'existe plus) est en cours de reprise par un autre processus ; s'il n'en reste aucun, supprimez ${chemin} et ${chemin}.reprise-${titulaire.jeton}.`,
        );
      }
      await patienter(20);
    }
  } finally {
    unlinkSync(brouillon);
  }
  tenus.add(moi.jeton);
  const liberer = () => {
    process.off('exit', liberer);
    if (!tenus.delete(moi.jeton)) return;
    if (lire(chemin)?.jeton === moi.jeton) unlinkSync(chemin);
  };
  process.on('exit', liberer);
  return liberer;
}
