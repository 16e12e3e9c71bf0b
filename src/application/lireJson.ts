// Les fichiers JSON que le serveur lit au démarrage (catalogue des indicateurs, cadre du dialogue,
// règles de qualité, réseau, informations légales) : un fichier absent ou cassé se dit en français,
// avec le fichier et, si l'analyseur la donne, la ligne ; jamais le message anglais de Node.
import { readFileSync } from 'node:fs';

/** Le contenu JSON de `chemin` ; sinon une `Erreur` « `titre` : chemin (pourquoi) », le titre disant quoi (« catalogue illisible »). */
export function lireJson(chemin: string, titre: string, Erreur: new (message: string) => Error): unknown {
  let texte: string;
  try {
    texte = readFileSync(chemin, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Erreur(`${titre} : ${chemin} (${code === 'ENOENT' ? 'fichier introuvable' : code === 'EACCES' ? 'lecture non permise' : code === 'EISDIR' ? "c'est un dossier" : 'fichier qui ne se lit pas'})`);
  }
  try {
    return JSON.parse(texte);
  } catch (e) {
    const position = /at position (\d+)/.exec((e as Error).message);
    const ligne = position ? `, ligne ${texte.slice(0, Number(position[1])).split('\n').length}` : '';
    throw new Erreur(`${titre} : ${chemin} (JSON invalide${ligne})`);
  }
}
