// Les exports font l'aller-retour : relus par un tableur, les nombres sont des nombres, les dates des
// dates, chacun avec le format qui l'écrit comme l'écran ; seules les vraies formules sont neutralisées.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { cartouche, enCsv, enXlsx, svgDansCartouche, type TableauExport } from './exports.ts';

const tableau: TableauExport = {
  titre: 'Ratios',
  entetes: ['Ratio', 'Valeur', 'Évolution', 'Taux', 'Arrêté le', 'Vu le', 'Note'],
  lignes: [
    [
      "Taux d'accès",
      { nombre: 0.41349, unite: 'part' },
      { nombre: 0.5, unite: 'points' },
      { nombre: -0.1, unite: 'evolution' },
      { date: '2017-03-14', texte: '14 mars 2017' },
      { date: '2017-03-14T10:12:07', texte: '14 mars 2017 10:12:07' },
      '=HYPERLINK("x")',
    ],
    ['Texte signé', { nombre: null, unite: 'part' }, '+0,5\u00a0pt', '-10,0\u00a0%', '', '', '-1+1'],
  ],
};

it('écrit en XLSX des nombres et des dates, au format qui les affiche comme l’écran', async () => {
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.load(await (await enXlsx(tableau)).arrayBuffer());
  const [a, b] = [2, 3].map((n) => classeur.worksheets[0].getRow(n));
  expect(a.getCell(2).value).toBe(0.413);
  expect(a.getCell(2).numFmt).toBe('0.0 %');
  expect(a.getCell(3).value).toBe(0.5);
  expect(a.getCell(3).numFmt).toBe('"+"0.0" pt";"-"0.0" pt";0.0" pt"');
  expect(a.getCell(4).value).toBe(-0.1);
  expect(a.getCell(4).numFmt).toBe('"+"0.0 %;"-"0.0 %;0.0 %');
  expect(a.getCell(5).value).toEqual(new Date('2017-03-14T00:00:00Z'));
  expect(a.getCell(5).numFmt).toBe('[$-40C]d mmmm yyyy');
  expect(a.getCell(6).value).toEqual(new Date('2017-03-14T10:12:07Z'));
  expect(a.getCell(6).numFmt).toBe('[$-40C]d mmmm yyyy hh:mm:ss');
  expect(a.getCell(7).value).toBe('\'=HYPERLINK("x")');
  expect(b.getCell(2).value).toBe('n.d.');
  expect([3, 4, 7].map((i) => b.getCell(i).value)).toEqual(['+0,5\u00a0pt', '-10,0\u00a0%', "'-1+1"]);
});

it('écrit en CSV le texte affiché, sans apostrophe devant une valeur signée', () => {
  const [, a, b] = enCsv(tableau).replace('\ufeff', '').trim().split('\r\n');
  expect(a).toBe(`Taux d'accès;41,3\u00a0%;+0,5\u00a0pt;-10,0\u00a0%;14 mars 2017;14 mars 2017 10:12:07;"'=HYPERLINK(""x"")"`);
  expect(b).toBe("Texte signé;n.d.;+0,5\u00a0pt;-10,0\u00a0%;;;'-1+1");
});

it('met autour du graphique exporté son titre, son unité, sa source et le jour de ses données', () => {
  const titre = 'Jeunes accompagnés par niveau de formation & sexe — 2017, une ligne trop longue pour tenir sur la largeur';
  const c = cartouche({ titre, unite: 'euros_par_jeune', donneesAu: '2017-03-14', largeur: 400, hauteur: 300 });
  const textes = c.lignes.map((l) => l.texte);
  expect(textes.slice(0, -2).join(' ')).toBe(titre);
  expect(textes.length).toBeGreaterThan(3);
  expect(textes.slice(-2)).toEqual(['Unité : € par jeune', 'Source : CPO Missions locales, données au 14 mars 2017']);
  expect(c.lignes.at(-1)!.y).toBeGreaterThan(c.haut + 300);
  expect(c.hauteur).toBeGreaterThan(c.lignes.at(-1)!.y);
  const svg = svgDansCartouche('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect/></svg>', 400, c);
  expect(svg).toMatch(new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" width="400" height="${c.hauteur}"`));
  expect(svg).toContain('&amp; sexe');
  expect(svg).toContain('>Source : CPO Missions locales, données au 14 mars 2017</text>');
  expect(svg).toContain(`<g transform="translate(0 ${c.haut})"><svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect/></svg></g>`);
  expect(cartouche({ titre: 'T', unite: 'part', donneesAu: null, largeur: 800, hauteur: 300 }).lignes.map((l) => l.texte)).toEqual(['T', 'Unité : %', 'Source : CPO Missions locales']);
});
