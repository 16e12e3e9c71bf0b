// Exports des tableaux affichés : les lignes exportées sont celles de l'écran (même filtre, même tri),
// écrites comme sur le serveur (src/domaine/outils/tableur.ts).
import { tableauEnXlsx, TYPE_XLSX, type TableauExport } from '../../domaine/outils/tableur.ts';

export { tableauEnCsv as enCsv, texteCellule, type Cellule, type TableauExport } from '../../domaine/outils/tableur.ts';

export const enXlsx = async (t: TableauExport): Promise<Blob> => new Blob([await tableauEnXlsx(t)], { type: TYPE_XLSX });

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
