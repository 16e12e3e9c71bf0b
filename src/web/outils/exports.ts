// Exports des tableaux : CSV (le texte affiché, à la française) et XLSX (les nombres affichés, avec le
// format qui les montre pareil). Les lignes exportées sont celles de l'écran : même filtre, même tri.
import { forme, formaterValeur, valeurAffichee } from '../../domaine/indicateurs/format.ts';
import { champCsv as champ, neutraliser } from '../../domaine/outils/tableur.ts';

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

/** Le format de date Excel qui l'écrit en français (« 14 mars 2017 », l'heure s'il y en a une), quelle que soit la langue du tableur. */
const formatDate = (date: string) => `[$-40C]d mmmm yyyy${date.length > 16 ? ' hh:mm:ss' : date.length > 10 ? ' hh:mm' : ''}`;

/** La date telle qu'écrite (heure de Paris), comme le tableur la lit : sans fuseau, donc en UTC pour ExcelJS. */
function enDate(date: string): Date {
  const [jour, heure = '00:00'] = date.split('T');
  return new Date(`${jour}T${heure}Z`);
}

export function enCsv(t: TableauExport): string {
  const ligne = (cellules: Cellule[]) => cellules.map((c) => champ(neutraliser(texteCellule(c)))).join(';');
  // BOM : Excel reconnaît l'UTF-8 (accents, €).
  return '\ufeff' + [ligne(t.entetes), ...t.lignes.map(ligne)].join('\r\n') + '\r\n';
}

export async function enXlsx(t: TableauExport): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const classeur = new ExcelJS.Workbook();
  classeur.creator = 'CPO Missions locales';
  const feuille = classeur.addWorksheet(t.titre.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Tableau');
  feuille.addRow(t.entetes).font = { bold: true };
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
  return new Blob([await classeur.xlsx.writeBuffer()], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

export function nomDeFichier(titre: string, extension: string): string {
  const base = titre
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${base || 'export'}.${extension}`;
}

export function telecharger(contenu: Blob | string, nom: string, type = 'text/csv;charset=utf-8') {
  const blob = typeof contenu === 'string' ? new Blob([contenu], { type }) : contenu;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = nom;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
