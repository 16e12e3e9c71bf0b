import { describe, expect, it } from 'vitest';
import {
  ageRevolu,
  ajouterJours,
  ajouterMois,
  dateEnFrancais,
  enRetard,
  estDateValide,
  finDeMois,
  finDuDernierMoisComplet,
  horodatageEnFrancais,
  joursEntre,
  lireDate,
  memeJourAnneePrecedente,
  refusDateAu,
  verifierDateAu,
} from './dates.ts';

describe('dates calendaires', () => {
  it('reconnaît les dates qui existent', () => {
    expect(estDateValide('2016-02-29')).toBe(true);
    expect(estDateValide('2017-02-29')).toBe(false);
    expect(estDateValide('2017-02-30')).toBe(false);
    expect(estDateValide('2017-13-01')).toBe(false);
    expect(estDateValide('2017-1-01')).toBe(false);
    expect(estDateValide('14/03/2017')).toBe(false);
  });

  it('ajoute des mois en ramenant au dernier jour du mois', () => {
    expect(ajouterMois('2017-08-31', 6)).toBe('2018-02-28');
    expect(ajouterMois('2015-08-31', 6)).toBe('2016-02-29');
    expect(ajouterMois('2017-01-15', 6)).toBe('2017-07-15');
    expect(ajouterMois('2017-11-30', 3)).toBe('2018-02-28');
    expect(ajouterMois('2017-03-31', -1)).toBe('2017-02-28');
  });

  it('lit les dates à la française ou AAAA-MM-JJ', () => {
    expect(lireDate('14/03/2017')).toBe('2017-03-14');
    expect(lireDate(' 1/3/2017 ')).toBe('2017-03-01');
    expect(lireDate('2017-03-14')).toBe('2017-03-14');
    expect(lireDate('29/02/2017')).toBeNull();
    expect(lireDate('03/14/2017')).toBeNull();
    expect(lireDate('14 mars 2017')).toBeNull();
  });

  it('compte les jours entre deux dates, années bissextiles comprises', () => {
    expect(joursEntre('2018-02-15', '2018-02-20')).toBe(5);
    expect(joursEntre('2016-02-28', '2016-03-01')).toBe(2);
    expect(joursEntre('2018-02-20', '2018-02-15')).toBe(-5);
    expect(joursEntre('2017-12-31', '2018-12-31')).toBe(365);
    expect(enRetard(1)).toBe("en retard d'un jour");
    expect(enRetard(2873)).toBe('en retard de 2\u00a0873 jours');
  });

  it('ajoute des jours à travers les mois et les années', () => {
    expect(ajouterJours('2016-12-31', 1)).toBe('2017-01-01');
    expect(ajouterJours('2016-03-01', -1)).toBe('2016-02-29');
  });

  it("calcule l'âge révolu, la veille et le jour de l'anniversaire", () => {
    expect(ageRevolu('1990-06-15', '2016-06-14')).toBe(25);
    expect(ageRevolu('1990-06-15', '2016-06-15')).toBe(26);
    expect(ageRevolu('2000-02-29', '2016-02-28')).toBe(15);
    expect(ageRevolu('2000-02-29', '2016-02-29')).toBe(16);
    expect(ageRevolu('2000-02-29', '2017-02-28')).toBe(16);
  });

  it('écrit les dates en français', () => {
    expect(dateEnFrancais('2017-03-14')).toBe('14 mars 2017');
    expect(dateEnFrancais('2016-12-01')).toBe('1er décembre 2016');
  });
  it("écrit un horodatage de l'application en français, à la minute", () => {
    expect(horodatageEnFrancais('2026-12-01T09:05:59')).toBe('1er décembre 2026 à 09:05');
  });

  it("dit la date de coupure refusée, le même jour de N-1 et la fin du dernier mois complet", () => {
    expect(refusDateAu(2016, '2016-02-29')).toBeNull();
    expect(refusDateAu(2017, '2017-02-29')).toBe('date de coupure invalide : « 2017-02-29 » ; une date AAAA-MM-JJ qui existe est attendue.');
    expect(refusDateAu(2017, '2018-01-01')).toMatch(/^la date de coupure 2018-01-01 n'est pas dans l'année 2017/);
    expect(() => verifierDateAu(2017, '31/01/2017')).toThrow('date de coupure invalide');
    expect(() => verifierDateAu(2017, undefined)).not.toThrow();
    expect(memeJourAnneePrecedente('2016-02-29')).toBe('2015-02-28');
    expect(memeJourAnneePrecedente('2017-07-31')).toBe('2016-07-31');
    expect(finDuDernierMoisComplet('2018-12-15')).toBe('2018-11-30');
    expect(finDuDernierMoisComplet('2016-03-01')).toBe('2016-02-29');
    expect(finDuDernierMoisComplet('2019-01-31')).toBe('2018-12-31');
    expect([finDeMois(2016, 2), finDeMois(2017, 2), finDeMois(2018, 4), finDeMois(2018, 12)]).toEqual(['2016-02-29', '2017-02-28', '2018-04-30', '2018-12-31']);
  });
});
