import { describe, expect, it } from 'vitest';
import { lireCible, refusCible } from './cibles.ts';

describe("la règle d'une cible, partagée par l'écran et le serveur", () => {
  it('refuse ce qui n’est pas un nombre', () => {
    expect(refusCible('abc', 'part')).toBe('un nombre est attendu (chiffres, virgule pour les décimales)');
    expect(refusCible(Number.NaN, 'part')).not.toBeNull();
    expect(refusCible(null, 'euros_par_jeune')).not.toBeNull();
  });

  it('borne une part entre 0 et 100 %, bornes comprises ; le reste ne peut pas être négatif', () => {
    expect(refusCible(0, 'part')).toBeNull();
    expect(refusCible(1, 'part')).toBeNull();
    expect(refusCible(1.2, 'part')).toBe('une part entre 0 et 100 % est attendue');
    expect(refusCible(-0.01, 'part')).toBe('une part entre 0 et 100 % est attendue');
    expect(refusCible(1500, 'euros_par_jeune')).toBeNull();
    expect(refusCible(-1, 'entretiens_par_jeune')).toBe('une cible ne peut pas être négative');
  });

  it('lit une saisie à la française dans son unité de saisie ; vide : pas de cible', () => {
    expect(lireCible('35,5', 'part')).toEqual({ valeur: 0.355, refus: null });
    expect(lireCible('100 %', 'part')).toEqual({ valeur: 1, refus: null });
    expect(lireCible('1 500', 'euros_par_jeune')).toEqual({ valeur: 1500, refus: null });
    expect(lireCible('  ', 'part')).toEqual({ valeur: null, refus: null });
    expect(lireCible('abc', 'part').refus).toBe('un nombre est attendu (chiffres, virgule pour les décimales)');
    expect(lireCible('12abc', 'part').refus).not.toBeNull();
    expect(lireCible('120', 'part').refus).toBe('une part entre 0 et 100 % est attendue');
    expect(lireCible('100,01', 'part').refus).not.toBeNull();
    expect(lireCible('-3', 'jeunes_par_etp').refus).toBe('une cible ne peut pas être négative');
  });
});
