import { expect, it } from 'vitest';
import { evolution, formaterValeur, uniteEvolution } from '../indicateurs/format.ts';
import { champCsv, estValeurAffichee, lignesEnCsv, neutraliser } from './tableur.ts';

const formaterEvolution = (actuel: number, precedent: number, unite: string) => formaterValeur(evolution(actuel, precedent, unite), uniteEvolution(unite));

it('neutralise les cellules qui seraient lues comme des formules', () => {
  for (const dangereux of ['=1+1', '+33 6', '-2+3', '-1,5E3', '+0,5 pt=A1', '@SOMME(A1)', '\tx', '\rx', '-', '+ 1']) expect(neutraliser(dangereux)).toBe(`'${dangereux}`);
  for (const sur of ['Rennes', '1 234', "l'=", '']) expect(neutraliser(sur)).toBe(sur);
});

it('laisse intacts les nombres, les pourcentages et les évolutions affichés, signe compris', () => {
  const affiches = [
    formaterEvolution(0.415, 0.41, 'part'),
    formaterEvolution(90, 100, 'jeunes'),
    formaterValeur(-1234.5, 'etp'),
    formaterValeur(-1520, 'euros'),
    formaterValeur(-0.413, 'part'),
    '-2',
    '+12',
    '-0.5',
  ];
  expect(affiches.slice(0, 2)).toEqual(['+0,5\u00a0pt', '-10,0\u00a0%']);
  for (const v of affiches) {
    expect(estValeurAffichee(v), v).toBe(true);
    expect(neutraliser(v)).toBe(v);
  }
  expect(lignesEnCsv([['Évolution', '+0,5\u00a0pt']])).toBe('\ufeffÉvolution;+0,5\u00a0pt\r\n');
});

it('écrit un CSV français : BOM, point-virgule, guillemets doublés, formules neutralisées', () => {
  expect(lignesEnCsv([['a;b', 'dit "oui"', '=HYPERLINK("x")']])).toBe('\ufeff"a;b";"dit ""oui""";"\'=HYPERLINK(""x"")"\r\n');
});

it('écrit un champ avec guillemets seulement si nécessaire', () => {
  expect(champCsv('simple')).toBe('simple');
  expect(champCsv('a;b')).toBe('"a;b"');
  expect(champCsv('il dit "oui"')).toBe('"il dit ""oui"""');
  expect(champCsv('deux\nlignes')).toBe('"deux\nlignes"');
});
