import { describe, expect, it } from 'vitest';
import { evolution, forme, formaterValeur, libelleUnite, lireNombreFr, uniteEvolution, valeurAffichee } from './format.ts';

const nbsp = (s: string) => s.replace(/ /g, '\u00a0');
const formaterEvolution = (actuel: number | null, precedent: number, unite: string) => formaterValeur(evolution(actuel, precedent, unite), uniteEvolution(unite));

describe('chiffres à la française', () => {
  it('écrit chaque unité comme on la lit', () => {
    expect(formaterValeur(1234.5, 'etp')).toBe(nbsp('1 234,5'));
    expect(formaterValeur(0.41349, 'part')).toBe(nbsp('41,3 %'));
    expect(formaterValeur(23.46, 'pourcentage')).toBe(nbsp('23,5 %'));
    expect(formaterValeur(1520.4, 'euros_par_jeune')).toBe(nbsp('1 520 €'));
    expect(formaterValeur(1404000, 'jeunes')).toBe(nbsp('1 404 000'));
    expect(formaterValeur(0.125, 'immersions_par_jeune')).toBe('0,13');
  });

  it('écrit « n.d. » pour une valeur absente ou non finie, jamais 0 ni NaN', () => {
    expect(formaterValeur(null, 'part')).toBe('n.d.');
    expect(formaterValeur(undefined, 'jeunes')).toBe('n.d.');
    expect(formaterValeur(Number.NaN, 'jeunes')).toBe('n.d.');
    expect(formaterValeur(Number.POSITIVE_INFINITY, 'part')).toBe('n.d.');
  });

  it("n'emploie pas l'espace fine insécable, absente de la police Marianne", () => {
    expect(formaterValeur(1234567, 'jeunes')).not.toMatch(/\u202f/);
  });

  it('arrondit la valeur exportée comme elle est affichée, dans l’unité de la donnée', () => {
    expect(valeurAffichee(0.41349, 'part')).toBe(0.413);
    expect(valeurAffichee(1520.4, 'euros')).toBe(1520);
    expect(valeurAffichee(12.345, 'etp')).toBe(12.3);
  });

  it('dit une évolution en pour cent, ou en points pour une part', () => {
    expect(formaterEvolution(110, 100, 'jeunes')).toBe(nbsp('+10,0 %'));
    expect(formaterEvolution(90, 100, 'jeunes')).toBe(nbsp('-10,0 %'));
    expect(formaterEvolution(0.45, 0.41, 'part')).toBe(nbsp('+4,0 pt'));
    expect(formaterEvolution(0.41201, 0.41203, 'part')).toBe(nbsp('0,0 pt'));
    expect(formaterEvolution(5, 0, 'jeunes')).toBe('n.d.');
    expect(formaterEvolution(null, 3, 'jeunes')).toBe('n.d.');
  });

  it('donne une évolution en nombre, que le tableur écrit comme l’écran (signe compris)', () => {
    expect(uniteEvolution('part')).toBe('points');
    expect(uniteEvolution('jeunes')).toBe('evolution');
    expect(evolution(0.45, 0.41, 'part')).toBeCloseTo(4, 10);
    expect(evolution(23.5, 20, 'pourcentage')).toBeCloseTo(3.5, 10);
    expect(evolution(90, 100, 'jeunes')).toBeCloseTo(-0.1, 10);
    expect(evolution(5, 0, 'jeunes')).toBeNull();
    expect(formaterValeur(0.1254, 'evolution')).toBe(nbsp('+12,5 %'));
    expect(formaterValeur(-0.04, 'points')).toBe(nbsp('0,0 pt'));
    expect(valeurAffichee(0.1254, 'evolution')).toBe(0.125);
    expect(forme('points').excel).toBe('"+"0.0" pt";"-"0.0" pt";0.0" pt"');
    expect(forme('evolution').excel).toBe('"+"0.0 %;"-"0.0 %;0.0 %');
  });

  it("nomme l'unité d'un graphique en toutes lettres", () => {
    expect(libelleUnite('part')).toBe('%');
    expect(libelleUnite('euros_par_jeune')).toBe('€ par jeune');
    expect(libelleUnite('jeunes')).toBe('jeunes');
  });

  it('relit un nombre écrit à la française', () => {
    expect(lireNombreFr(formaterValeur(1234.5, 'etp'))).toBe(1234.5);
    expect(lireNombreFr(formaterValeur(0.413, 'part'))).toBe(41.3);
    expect(lireNombreFr('n.d.')).toBeNull();
  });
});
