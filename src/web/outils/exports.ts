// Exports des tableaux affichés : les lignes exportées sont celles de l'écran (même filtre, même tri),
// écrites comme sur le serveur (src/domaine/outils/tableur.ts).
import { libelleUnite } from '../../domaine/indicateurs/format.ts';
import { tableauEnXlsx, TYPE_XLSX, type TableauExport } from '../../domaine/outils/tableur.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';

export { tableauEnCsv as enCsv, texteCellule, type Cellule, type TableauExport } from '../../domaine/outils/tableur.ts';

export const enXlsx = async (t: TableauExport): Promise<Blob> => new Blob([await tableauEnXlsx(t)], { type: TYPE_XLSX });

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
