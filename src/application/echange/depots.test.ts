import { describe, expect, it } from 'vitest';
import { FICHIERS } from '../../domaine/echange/format.ts';
import { progressionDepot } from './depots.ts';

describe('progression d’un dépôt', () => {
  it('avance de 0 à 0,99 au fil des étapes de l’import, sans jamais reculer ; 1 est réservé à la fin', () => {
    const suivi = { progression: 0 };
    const p = progressionDepot(suivi);
    const vues: number[] = [];
    const noter = () => vues.push(suivi.progression);
    p.etape('Lecture de jeunes.csv', 1000);
    p.avancer(500);
    noter();
    p.terminer();
    noter();
    p.etape('Lecture de evenements.csv', 10);
    p.avancer(20);
    noter();
    p.etape('Contrôles de cohérence', 2);
    noter();
    p.etape('Lecture de jeunes.csv', 10);
    noter();
    p.etape('Écriture en base', 2);
    p.avancer(2);
    p.terminer();
    noter();
    const rang = FICHIERS.findIndex((f) => f.nom === 'jeunes.csv');
    expect(vues[0]).toBeCloseTo((0.7 * (rang + 0.5)) / FICHIERS.length);
    expect(vues[3]).toBe(0.7);
    expect(vues.at(-1)).toBe(0.99);
    expect(vues).toEqual([...vues].sort((a, b) => a - b));
  });
});
