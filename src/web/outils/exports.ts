// Exports des tableaux : CSV (le texte affiché, à la française) et XLSX (les nombres affichés, avec le
// format qui les montre pareil). Les lignes exportées sont celles de l'écran : même filtre, même tri.
import { forme, formaterValeur, libelleUnite, valeurAffichee } from '../../domaine/indicateurs/format.ts';
import { champCsv as champ, neutraliser } from '../../domaine/outils/tableur.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';

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

/** Une ligne de texte du cartouche d'un graphique exporté, à sa place (en pixels, ligne de base). */
export interface LigneCartouche {
  texte: string;
  taille: number;
  gras?: boolean;
  y: number;
}

/** Le graphique exporté, seul, ne dit rien : il porte son titre, son unité, sa source et le jour de ses données. */
export interface Cartouche {
  lignes: LigneCartouche[];
  /** Où commence le graphique, sous le titre et l'unité. */
  haut: number;
  hauteur: number;
}

export const POLICE_GRAPHIQUE = 'Marianne, arial, sans-serif';
export const MARGE_CARTOUCHE = 16;

/** Coupe un texte en lignes d'au plus `max` caractères, entre les mots. */
function couper(texte: string, max: number): string[] {
  const lignes: string[] = [];
  for (const mot of texte.split(' ')) {
    const derniere = lignes.at(-1);
    if (derniere !== undefined && derniere.length + 1 + mot.length <= max) lignes[lignes.length - 1] = `${derniere} ${mot}`;
    else lignes.push(mot);
  }
  return lignes;
}

export function cartouche(o: { titre: string; unite: string; donneesAu: string | null; largeur: number; hauteur: number }): Cartouche {
  const lignes: LigneCartouche[] = [];
  let y = MARGE_CARTOUCHE;
  // Un caractère de Marianne grasse en 15 px fait 9 px au plus.
  for (const texte of couper(o.titre, Math.max(20, Math.floor((o.largeur - 2 * MARGE_CARTOUCHE) / 9)))) lignes.push({ texte, taille: 15, gras: true, y: (y += 19) });
  lignes.push({ texte: `Unité : ${libelleUnite(o.unite)}`, taille: 12, y: (y += 18) });
  const haut = y + 8;
  const source = `Source : CPO Missions locales${o.donneesAu ? `, données au ${dateEnFrancais(o.donneesAu)}` : ''}`;
  lignes.push({ texte: source, taille: 11, y: haut + o.hauteur + 16 });
  return { lignes, haut, hauteur: haut + o.hauteur + 26 };
}

const echapperXml = (texte: string) => texte.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Le SVG d'un graphique (rendu par ECharts), dans son cartouche. */
export function svgDansCartouche(svg: string, largeur: number, c: Cartouche): string {
  const textes = c.lignes.map(
    (l) =>
      `<text x="${MARGE_CARTOUCHE}" y="${l.y}" font-family="${POLICE_GRAPHIQUE}" font-size="${l.taille}"${l.gras ? ' font-weight="700"' : ''} fill="#161616">${echapperXml(l.texte)}</text>`,
  );
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${largeur}" height="${c.hauteur}" viewBox="0 0 ${largeur} ${c.hauteur}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${textes.join('')}<g transform="translate(0 ${c.haut})">${svg}</g></svg>`
  );
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
