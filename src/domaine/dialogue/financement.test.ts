import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validerCadre } from './cadre.ts';
import { bornesEnEuros, enveloppe, lireMontant, refusMontant, regleEnMots, texteVariation } from './financement.ts';

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

describe('le dépassement de la borne, en euros, le même à l’écran et sur le serveur', () => {
  const env = (decide: number, reference = 100_000) => enveloppe(cadre, reference, [], { annee: 2018, montants: montants(decide) });

  it('dit de combien d’euros la décision passe la borne, aux bords exacts', () => {
    expect(env(110_000)).toMatchObject({ borne: 10_000, depassement: 0, depasse: false });
    expect(env(110_001)).toMatchObject({ borne: 10_000, depassement: 1, depasse: true });
    expect(env(89_999)).toMatchObject({ depassement: 1, depasse: true });
    // Une borne qui tombe entre deux euros : 10 % de 123 457 € = 12 345,70 €.
    expect(env(135_803, 123_457)).toMatchObject({ borne: 12_345.7, depassement: 0.3, depasse: true });
    expect(env(135_802, 123_457)).toMatchObject({ depassement: 0, depasse: false });
  });

  it('écrit la variation à la française, avec le montant au-delà de la borne : « 10,0 % » ne cache plus rien', () => {
    expect(texteVariation(cadre, env(110_001))).toBe('+10,0\u00a0%, soit 1\u00a0€ au-delà de la borne de +10\u00a0%');
    expect(texteVariation(cadre, env(110_000))).toBe('+10,0\u00a0%, dans la borne de ±10\u00a0%');
    expect(texteVariation(cadre, env(85_000))).toBe('-15,0\u00a0%, soit 5\u00a0000\u00a0€ en deçà de la borne de -10\u00a0%');
    expect(texteVariation(cadre, env(135_803, 123_457))).toBe('+10,0\u00a0%, soit 0,30\u00a0€ au-delà de la borne de +10\u00a0%');
    expect(texteVariation(cadre, enveloppe(cadre, 0, [], { annee: 2018, montants: montants(1) }))).toBe('sans montant de référence, tout crédit décidé est au-delà de la borne');
  });

  it('donne les bornes en euros sur les années décidées', () => {
    expect(bornesEnEuros(env(100_000))).toEqual({ minimum: 90_000, maximum: 110_000 });
    expect(bornesEnEuros(env(100_000, 123_457))).toEqual({ minimum: 111_111.3, maximum: 135_802.7 });
    expect(regleEnMots(cadre, env(100_000, 123_457))).toContain('de 111\u00a0111,30\u00a0€ à 135\u00a0802,70\u00a0€');
  });

  it('lit un montant saisi à la française, en euros entiers et positifs', () => {
    expect(lireMontant('115 000')).toEqual({ valeur: 115_000, refus: null });
    expect(lireMontant('115\u00a0000 €')).toEqual({ valeur: 115_000, refus: null });
    expect(lireMontant('abc').refus).toBe('un montant en euros entiers est attendu');
    expect(lireMontant('12,5').refus).toBe('un montant en euros entiers est attendu');
    expect(lireMontant('').refus).toBe('un montant en euros entiers est attendu');
    expect(lireMontant('-5').refus).toBe('un montant ne peut pas être négatif');
    expect(refusMontant(100_000_001)).toBe('100\u00a0000\u00a0000\u00a0€ au plus');
  });
});
