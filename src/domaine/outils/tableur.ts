// Écrire pour un tableur sans l'exposer : une cellule de texte qui commence par = + - @ (ou une
// tabulation, un retour) serait lue comme une formule ; on la préfixe d'une apostrophe.
export const neutraliser = (texte: string) => (/^[=+\-@\t\r]/.test(texte) ? `'${texte}` : texte);

/** Un champ CSV à `;`, entre guillemets s'il le faut. */
export const champCsv = (texte: string) => (/[;"\r\n]/.test(texte) ? `"${texte.replace(/"/g, '""')}"` : texte);

/** Des lignes de texte en CSV français (`;`, BOM pour Excel), chaque cellule neutralisée. */
export function lignesEnCsv(lignes: string[][]): string {
  return '\ufeff' + lignes.map((l) => l.map((c) => champCsv(neutraliser(c))).join(';')).join('\r\n') + '\r\n';
}
