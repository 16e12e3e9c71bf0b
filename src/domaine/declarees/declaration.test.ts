import { describe, expect, it } from 'vitest';
import { lireValeur } from '../echange/valeurs.ts';
import { champsDeclares, fichierDeclare, indicateurDuChamp, lireDeclaration } from './declaration.ts';

describe('lireDeclaration', () => {
  it("lit chaque champ par la règle de l'import : forme canonique, vide = null", () => {
    expect(lireDeclaration('moyens', { etp_total: ' 12,5 ', nb_sites: '4', fse: '' }, '2018-12-31')).toEqual({
      valeurs: { etp_total: '12.5', nb_sites: '4', fse: null },
      manquements: [],
    });
  });

  it("refuse avec le message de l'import, en gardant la valeur saisie", () => {
    const colonne = fichierDeclare('moyens').colonnes.find((c) => c.nom === 'nb_sites')!;
    expect(lireDeclaration('moyens', { nb_sites: '2,5', etp_total: '-1' }, '2018-12-31').manquements).toEqual([
      { colonne: 'nb_sites', valeur: '2,5', message: lireValeur(colonne, '2,5', '2018-12-31').erreur },
      { colonne: 'etp_total', valeur: '-1', message: 'valeur négative interdite (minimum 0)' },
    ]);
  });

  it('un champ inconnu ou de la clé est refusé, jamais ignoré', () => {
    expect(lireDeclaration('contexte', { pop_16_25: '1', annee: '2017' }, '2018-12-31').manquements.map((m) => m.colonne)).toEqual(['annee']);
    expect(lireDeclaration('contexte', { etp_total: '1' }, '2018-12-31').manquements[0].message).toMatch(/^champ inconnu ; champs admis : pop_16_25, /);
  });

  it('les champs déclarés sont ceux du fichier hors de sa clé ; un financement se montre par son indicateur', () => {
    expect(champsDeclares('contexte').map((c) => c.nom)).toEqual(fichierDeclare('contexte').colonnes.slice(2).map((c) => c.nom));
    expect(indicateurDuChamp('fse')).toBe('financement_fse');
    expect(indicateurDuChamp('etp_total')).toBe('etp_total');
  });
});
