import { expect, it } from 'vitest';
import { lignesEnCsv, neutraliser } from './tableur.ts';

it('neutralise les cellules qui seraient lues comme des formules', () => {
  for (const dangereux of ['=1+1', '+33 6', '-2', '@SOMME(A1)', '\tx', '\rx']) expect(neutraliser(dangereux)).toBe(`'${dangereux}`);
  for (const sur of ['Rennes', '1 234', "l'=", '']) expect(neutraliser(sur)).toBe(sur);
});

it('écrit un CSV français : BOM, point-virgule, guillemets doublés, formules neutralisées', () => {
  expect(lignesEnCsv([['a;b', 'dit "oui"', '=HYPERLINK("x")']])).toBe('\ufeff"a;b";"dit ""oui""";"\'=HYPERLINK(""x"")"\r\n');
});
