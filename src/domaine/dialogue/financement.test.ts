import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validerCadre } from './cadre.ts';
import { enveloppe } from './financement.ts';

const cadre = validerCadre(JSON.parse(readFileSync(new URL('../../../catalogues/dialogue-de-gestion-2015-2018.json', import.meta.url), 'utf8')));
const montants = (fonctionnement: number, autres = 0) => ({ fonctionnement_cpo: fonctionnement, garantie_jeunes: autres, parrainage: 0, autre: 0 });

describe('règle des 10 % sur la convention', () => {
  it('accepte exactement +10 % et -10 %, refuse un euro de plus', () => {
    expect(enveloppe(cadre, 100_000, [], { annee: 2018, montants: montants(110_000) })).toMatchObject({ reference: 100_000, decide: 110_000, ecart: 10_000, depasse: false });
    expect(enveloppe(cadre, 100_000, [], { annee: 2018, montants: montants(90_000) }).depasse).toBe(false);
    expect(enveloppe(cadre, 100_000, [], { annee: 2018, montants: montants(110_001) }).depasse).toBe(true);
    expect(enveloppe(cadre, 100_000, [], { annee: 2018, montants: montants(89_999) }).depasse).toBe(true);
  });

  it('ne compte que les lignes de l’enveloppe (le crédit de fonctionnement), pas la Garantie jeunes', () => {
    expect(enveloppe(cadre, 100_000, [], { annee: 2018, montants: montants(100_000, 500_000) })).toMatchObject({ decide: 100_000, depasse: false });
  });

  it('se lit sur toutes les années décidées : un dépassement une année peut être compensé', () => {
    const anterieures = [{ annee: 2016, montants: montants(85_000) }];
    const e = enveloppe(cadre, 100_000, anterieures, { annee: 2017, montants: montants(115_000) });
    expect(e).toMatchObject({ reference: 200_000, decide: 200_000, ecart: 0, variation: 0, depasse: false });
    // Une année déjà décidée qu'on redécide ne compte qu'une fois.
    expect(enveloppe(cadre, 100_000, [{ annee: 2017, montants: montants(50_000) }], { annee: 2017, montants: montants(100_000) }).reference).toBe(100_000);
  });

  it('donne la variation en part de la référence', () => {
    expect(enveloppe(cadre, 80_000, [], { annee: 2018, montants: montants(84_000) }).variation).toBeCloseTo(0.05, 10);
    expect(enveloppe(cadre, 0, [], { annee: 2018, montants: montants(0) })).toMatchObject({ variation: null, depasse: false });
    expect(enveloppe(cadre, 0, [], { annee: 2018, montants: montants(1) }).depasse).toBe(true);
  });
});
