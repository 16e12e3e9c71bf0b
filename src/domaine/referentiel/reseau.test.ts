import { describe, expect, it } from 'vitest';
import { libelleAvecCouverture, mentionCouverture, validerReseau } from './reseau.ts';

const brut = { version: 'v1', libelle: 'Réseau', total: 5, regions: [{ code: '53', missions_locales: 2 }, { code: '94', missions_locales: 3 }] };

describe('réseau de référence des Missions locales', () => {
  it('donne le nombre de ML de chaque région et le total', () => {
    expect(validerReseau(brut, ['53', '94'])).toEqual({ version: 'v1', total: 5, parRegion: { '53': 2, '94': 3 } });
  });

  it('refuse un fichier incohérent, en disant quoi', () => {
    expect(() => validerReseau({ ...brut, total: 6 }, ['53', '94'], 'reseau.json')).toThrow('reseau.json invalide — les régions comptent 5 ML pour un total de 6');
    expect(() => validerReseau(brut, ['53', '94', '11'])).toThrow(/région sans nombre de ML : 11/);
    expect(() => validerReseau({ ...brut, regions: [...brut.regions, { code: '53', missions_locales: 1 }] }, ['53', '94'])).toThrow(/région en double : 53/);
    expect(() => validerReseau({ ...brut, regions: [{ code: 'x', missions_locales: 0 }] }, ['53'])).toThrow(/regions\.0\.code : code de région à deux chiffres attendu/);
  });

  it('dit quand une référence ne porte que sur une partie des ML', () => {
    expect(mentionCouverture({ structures: 17, attendues: 445 })).toBe('données chargées : 17 ML sur 445');
    expect(mentionCouverture({ structures: 17, attendues: 17 })).toBeNull();
    expect(mentionCouverture({ structures: 3, attendues: null })).toBeNull();
    expect(libelleAvecCouverture('National', { structures: 4, attendues: 445 })).toBe('National (données chargées : 4 ML sur 445)');
    expect(libelleAvecCouverture('Région', { structures: 4, attendues: 4 })).toBe('Région');
    expect(libelleAvecCouverture('Région', null)).toBe('Région');
  });
});
