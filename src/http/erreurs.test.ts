import { describe, expect, it } from 'vitest';
import { ErreurIntegrite, ErreurTransition } from '../application/dialogue/commun.ts';
import { ErreurAcces, exiger } from '../domaine/acces/droits.ts';
import { CODES_ERREUR, ErreurMetier } from '../domaine/erreurs.ts';
import { introuvable, STATUT_HTTP } from './erreurs.ts';

describe('erreurs codées', () => {
  it('chaque code a son statut HTTP, et un seul', () => {
    expect(Object.keys(STATUT_HTTP).sort()).toEqual([...CODES_ERREUR].sort());
    expect(STATUT_HTTP).toEqual({
      saisie_invalide: 400,
      non_connecte: 401,
      droit_insuffisant: 403,
      hors_perimetre: 403,
      jeton_csrf: 403,
      introuvable: 404,
      etat_incompatible: 409,
      trop_de_tentatives: 429,
      integrite: 500,
      interne: 500,
    });
  });

  it('les erreurs existantes sont des cas de la taxonomie', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ErreurMetier ? e.code : 'pas une ErreurMetier';
      }
    };
    expect(code(() => { throw new ErreurMetier('x'); })).toBe('saisie_invalide');
    expect(code(() => { throw new ErreurAcces('x'); })).toBe('droit_insuffisant');
    expect(code(() => exiger(false, 'Hors de votre périmètre : x.'))).toBe('hors_perimetre');
    expect(code(() => { throw new ErreurTransition('x'); })).toBe('etat_incompatible');
    expect(code(() => { throw new ErreurIntegrite('x'); })).toBe('integrite');
    expect(code(() => introuvable('Dialogue inconnu : 9'))).toBe('introuvable');
    expect(new ErreurIntegrite("l'avenant 3 diffère").message).toBe("Intégrité compromise : l'avenant 3 diffère");
  });
});
