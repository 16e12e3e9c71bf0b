import { describe, expect, it } from 'vitest';
import { controlerLigne } from './reglesLigne.ts';

describe('règles propres à une ligne', () => {
  it('refuse un début postérieur à la fin', () => {
    expect(controlerLigne('dispositifs.csv', { type: 'PPAE', date_debut: '2017-05-02', date_fin: '2017-05-01' })).toEqual([
      { colonne: 'date_debut', valeur: '2017-05-02', message: 'date de début postérieure à date_fin (2017-05-01)' },
    ]);
    expect(controlerLigne('dispositifs.csv', { type: 'PPAE', date_debut: '2017-05-01', date_fin: '2017-05-01' })).toEqual([]);
    expect(controlerLigne('situations.csv', { date_debut: '2017-05-02', date_fin_prevue: '2017-05-01', date_fin: null })).toHaveLength(1);
    // Une phase de l'accompagnement : sa fin, prévue ou réelle, ne précède pas son début.
    expect(controlerLigne('phases.csv', { date_debut: '2017-05-02', date_fin_prevue: null, date_fin: '2017-05-01' })).toEqual([
      { colonne: 'date_debut', valeur: '2017-05-02', message: 'date de début postérieure à date_fin (2017-05-01)' },
    ]);
  });

  it('borne les entrées en CIVIS et en PACEA', () => {
    expect(controlerLigne('dispositifs.csv', { type: 'CIVIS', date_debut: '2016-12-31', date_fin: null })).toEqual([]);
    expect(controlerLigne('dispositifs.csv', { type: 'CIVIS', date_debut: '2017-01-01', date_fin: null })[0].message).toMatch(/remplacé par le PACEA/);
    expect(controlerLigne('dispositifs.csv', { type: 'PACEA', date_debut: '2017-01-01', date_fin: null })).toEqual([]);
    expect(controlerLigne('dispositifs.csv', { type: 'PACEA', date_debut: '2016-12-31', date_fin: null })[0].message).toMatch(/avant le 1er janvier 2017/);
  });
});
