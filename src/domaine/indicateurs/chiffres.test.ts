import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogue.ts';
import { agregerIndicateurs, agregerRatios, atteinte, calculerRatios, distribution, quotient } from './chiffres.ts';

const catalogue = {
  indicateurs: [
    { id: 'jeunes_accompagnes' },
    { id: 'etp_conseillers' },
    { id: 'pop_16_25' },
    { id: 'part_qpv_16_25', agregation: { mode: 'moyenne_ponderee', poids: 'pop_16_25' } },
  ],
  ratios: [{ id: 'ratio_06', numerateur: 'jeunes_accompagnes', denominateur: 'etp_conseillers', sens: 'hausse' }],
} as unknown as Catalogue;

describe('chiffres dérivés des indicateurs', () => {
  it("un ratio sans dénominateur n'a pas de valeur : jamais 0, l'infini ou NaN", () => {
    expect(quotient(10, 0)).toBeNull();
    expect(quotient(10, null)).toBeNull();
    expect(quotient(null, 4)).toBeNull();
    expect(quotient(0, 4)).toBe(0);
    expect(calculerRatios(catalogue, { jeunes_accompagnes: 300, etp_conseillers: 12 })).toEqual({ ratio_06: 25 });
    expect(calculerRatios(catalogue, { jeunes_accompagnes: 300, etp_conseillers: null })).toEqual({ ratio_06: null });
  });

  it("agrège un territoire : sommes, parts pondérées, ratio = somme des numérateurs sur somme des dénominateurs", () => {
    const mls = [
      { jeunes_accompagnes: 300, etp_conseillers: 10, pop_16_25: 1000, part_qpv_16_25: 10 },
      { jeunes_accompagnes: 100, etp_conseillers: 10, pop_16_25: 3000, part_qpv_16_25: 30 },
      // Sans moyens déclarés : compte dans la somme des accompagnés, pas dans le ratio.
      { jeunes_accompagnes: 500, etp_conseillers: null, pop_16_25: null, part_qpv_16_25: null },
    ];
    expect(agregerIndicateurs(catalogue, mls)).toEqual({ jeunes_accompagnes: 900, etp_conseillers: 20, pop_16_25: 4000, part_qpv_16_25: 25 });
    // 400 / 20, et non la moyenne des ratios (30 + 10) / 2.
    expect(agregerRatios(catalogue, mls)).toEqual({ ratio_06: 20 });
    expect(agregerRatios(catalogue, [mls[2]])).toEqual({ ratio_06: null });
  });

  it('décrit une distribution par ses quartiles (interpolation linéaire) en ignorant les valeurs absentes', () => {
    expect(distribution([4, null, 1, 3, 2])).toEqual({ effectif: 4, minimum: 1, premierQuartile: 1.75, mediane: 2.5, troisiemeQuartile: 3.25, maximum: 4 });
    expect(distribution([7])).toMatchObject({ minimum: 7, mediane: 7, maximum: 7 });
    expect(distribution([null])).toBeNull();
  });

  it("mesure l'atteinte d'une cible selon le sens du ratio", () => {
    expect(atteinte(0.3, 0.4, 'hausse')).toBeCloseTo(0.75);
    expect(atteinte(500, 400, 'baisse')).toBeCloseTo(0.8);
    expect(atteinte(null, 0.4, 'hausse')).toBeNull();
    expect(atteinte(0, 400, 'baisse')).toBeNull();
  });
});
