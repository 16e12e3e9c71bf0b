// Écrire pour un tableur sans l'exposer : une cellule de texte qui commence par = + - @ (ou une
// tabulation, un retour) serait lue comme une formule ; on la préfixe d'une apostrophe. Sauf une
// valeur affichée (« -1 234,5 », « +0,5 pt », « -10,0 % », « 1 520 € ») : un nombre ne porte pas de
// formule, et l'apostrophe l'abîmerait.

const ESPACE = '[ \\u00a0\\u202f]';
const VALEUR_AFFICHEE = new RegExp(`^[+-]?(?:\\d{1,3}(?:${ESPACE}\\d{3})+|\\d+)(?:[,.]\\d+)?(?:${ESPACE}?(?:%|pt|€))?$`);

/** Un nombre tel que l'écran l'écrit, avec son signe et son unité éventuels. */
export const estValeurAffichee = (texte: string) => VALEUR_AFFICHEE.test(texte);

export const neutraliser = (texte: string) => (/^[=+\-@\t\r]/.test(texte) && !estValeurAffichee(texte) ? `'${texte}` : texte);

/** Un champ CSV à `;`, entre guillemets s'il le faut. */
export const champCsv = (texte: string) => (/[;"\r\n]/.test(texte) ? `"${texte.replace(/"/g, '""')}"` : texte);

/** Des lignes de texte en CSV français (`;`, BOM pour Excel), chaque cellule neutralisée. */
export function lignesEnCsv(lignes: string[][]): string {
  return '\ufeff' + lignes.map((l) => l.map((c) => champCsv(neutraliser(c))).join(';')).join('\r\n') + '\r\n';
}
