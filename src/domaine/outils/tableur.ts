// Écrire pour un tableur sans l'exposer : une cellule de texte qui commence par = + - @ (ou une
// tabulation, un retour) serait lue comme une formule ; on la préfixe d'une apostrophe, sauf une
// valeur affichée (« -1 234,5 », « +0,5 pt », « -10,0 % », « 1 520 € ») : un nombre ne porte pas de
// formule, et l'apostrophe l'abîmerait. Un tableau s'écrit de la même façon dans le navigateur et sur
// le serveur : CSV (le texte affiché, à la française) et XLSX (les nombres affichés, avec le format qui
// les montre pareil).
import { forme, formaterValeur, valeurAffichee } from '../indicateurs/format.ts';

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

/**
 * Une cellule : du texte, un nombre avec l'unité du catalogue qui dit comment l'écrire, ou une date
 * (AAAA-MM-JJ, ou AAAA-MM-JJTHH:MM:SS heure de Paris) avec son texte affiché.
 */
export type Cellule = string | { nombre: number | null; unite: string } | { date: string; texte: string };

export interface TableauExport {
  titre: string;
  entetes: string[];
  lignes: Cellule[][];
}

export const texteCellule = (c: Cellule): string => (typeof c === 'string' ? c : 'date' in c ? c.texte : formaterValeur(c.nombre, c.unite));

/** Un nombre s'écrit formaté (« -3,1 % » reste un nombre) ; seul le texte est neutralisé. */
const champ = (c: Cellule) => champCsv(typeof c === 'string' ? neutraliser(c) : texteCellule(c));

/** Le format de date Excel qui l'écrit en français (« 14 mars 2017 », l'heure s'il y en a une), quelle que soit la langue du tableur. */
const formatDate = (date: string) => `[$-40C]d mmmm yyyy${date.length > 16 ? ' hh:mm:ss' : date.length > 10 ? ' hh:mm' : ''}`;

/** La date telle qu'écrite (heure de Paris), comme le tableur la lit : sans fuseau, donc en UTC pour ExcelJS. */
function enDate(date: string): Date {
  const [jour, heure = '00:00'] = date.split('T');
  return new Date(`${jour}T${heure}Z`);
}

export function tableauEnCsv(t: TableauExport): string {
  return '\ufeff' + [t.entetes, ...t.lignes].map((l) => l.map(champ).join(';')).join('\r\n') + '\r\n';
}

export const TYPE_XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function tableauEnXlsx(t: TableauExport): Promise<ArrayBuffer> {
  // Chargé à la demande : le navigateur ne télécharge exceljs qu'au premier export.
  const { default: ExcelJS } = await import('exceljs');
  const classeur = new ExcelJS.Workbook();
  classeur.creator = 'CPO Missions locales';
  const feuille = classeur.addWorksheet(t.titre.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Tableau');
  feuille.addRow(t.entetes.map(neutraliser)).font = { bold: true };
  for (const cellules of t.lignes) {
    const rangee = feuille.addRow(
      cellules.map((c) => (typeof c === 'string' ? neutraliser(c) : 'date' in c ? enDate(c.date) : c.nombre === null ? 'n.d.' : valeurAffichee(c.nombre, c.unite))),
    );
    cellules.forEach((c, i) => {
      if (typeof c === 'string') return;
      if ('date' in c) rangee.getCell(i + 1).numFmt = formatDate(c.date);
      else if (c.nombre !== null) rangee.getCell(i + 1).numFmt = forme(c.unite).excel;
    });
  }
  t.entetes.forEach((e, i) => (feuille.getColumn(i + 1).width = Math.min(60, Math.max(12, e.length * 0.9))));
  feuille.views = [{ state: 'frozen', ySplit: 1 }];
  return classeur.xlsx.writeBuffer();
}
