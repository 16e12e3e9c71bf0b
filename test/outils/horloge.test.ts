import { describe, expect, it } from 'vitest';
import { HorlogeFixe } from './horloge.ts';

describe('Horloge fixe des tests', () => {
  it("ne bouge que quand on l'avance, et dit le jour qu'il est à Paris", () => {
    const horloge = new HorlogeFixe('2018-12-31T22:30:00Z');
    expect(horloge.dateDuJour()).toBe('2018-12-31');
    const debut = horloge.ms();
    expect(horloge.maintenant().toISOString()).toBe('2018-12-31T22:30:00.000Z');
    expect(horloge.ms()).toBe(debut);
    horloge.avancer(30 * 60_000);
    // 23 h 00 UTC : minuit à Paris, c'est déjà le 1er janvier.
    expect(horloge.maintenant().toISOString()).toBe('2018-12-31T23:00:00.000Z');
    expect(horloge.dateDuJour()).toBe('2019-01-01');
    expect(horloge.ms() - debut).toBe(30 * 60_000);
  });

  it('part de midi à Paris quand on lui donne un jour ; refuse un instant illisible', () => {
    const horloge = new HorlogeFixe('2018-02-15');
    expect(horloge.maintenant().toISOString()).toBe('2018-02-15T11:00:00.000Z');
    horloge.fixer('2018-02-20');
    expect(horloge.dateDuJour()).toBe('2018-02-20');
    expect(() => new HorlogeFixe('hier')).toThrow('horloge de test : instant illisible « hier »');
  });
});
