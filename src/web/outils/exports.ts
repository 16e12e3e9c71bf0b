// Exports des tableaux : CSV (le texte affiché, à la française) et XLSX (les nombres affichés, avec le
// format qui les montre pareil). Les lignes exportées sont celles de l'écran : même filtre, même tri.
import { forme, formaterValeur, valeurAffichee } from '../../domaine/indicateurs/format.ts';
import { champCsv as champ, neutraliser } from '../../domaine/outils/tableur.ts';

/** Une cellule : du texte, ou un nombre avec l'unité du catalogue qui dit comment l'écrire. */
export type Cellule = string | { nombre: number | null; unite: string };

export interface TableauExport {
  titre: string;
  entetes: string[];
  lignes: Cellule[][];
}

export const texteCellule = (c: Cellule): string => (typeof c === 'string' ? c : formaterValeur(c.nombre, c.unite));


export function enCsv(t: TableauExport): string {
  const ligne = (cellules: Cellule[]) => cellules.map((c) => champ(typeof c === 'string' ? neutraliser(c) : texteCellule(c))).join(';');
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
      cellules.map((c) => (typeof c === 'string' ? neutraliser(c) : c.nombre === null ? 'n.d.' : valeurAffichee(c.nombre, c.unite))),
    );
    cellules.forEach((c, i) => {
      if (typeof c !== 'string' && c.nombre !== null) rangee.getCell(i + 1).numFmt = forme(c.unite).excel;
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
