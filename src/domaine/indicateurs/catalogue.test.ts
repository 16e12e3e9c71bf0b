import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validerCatalogue } from './catalogue.ts';

const FICHIER = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'cpo-2015-2018.json');
const lire = () => JSON.parse(readFileSync(FICHIER, 'utf8'));
const tous = (c: any) => new Set<string>(c.indicateurs.map((i: any) => i.id));

describe('catalogue des indicateurs', () => {
  it('le catalogue 2015-2018 est valide : 13 ratios en 5 objectifs, un libellé et une définition partout', () => {
    const brut = lire();
    const c = validerCatalogue(brut, tous(brut));
    expect(c.ratios).toHaveLength(13);
    expect(new Set(c.ratios.map((r) => r.objectif))).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(c.ratios.filter((r) => r.objectif === '1').map((r) => r.id)).toEqual(['ratio_01', 'ratio_04']);
    expect(c.ratios.find((r) => r.id === 'ratio_01')).toMatchObject({ numerateur: 'jeunes_en_contact', denominateur: 'actifs_non_occupes_16_25' });
  });

  it("le catalogue dit ce que montrent les écrans : colonnes par défaut d'un territoire, cibles du suivi de campagne", () => {
    const c = validerCatalogue(lire(), tous(lire()));
    expect([...c.indicateurs, ...c.ratios].filter((m) => m.colonne_par_defaut).map((m) => m.id)).toEqual([
      'jeunes_en_contact',
      'jeunes_accompagnes',
      'ratio_03',
      'ratio_07',
      'ratio_08',
      'ratio_12',
    ]);
    expect(c.ratios.filter((r) => r.suivi_campagne).map((r) => [r.id, r.suivi_campagne!.libelle_court])).toEqual([
      ['ratio_07', 'Cible emploi'],
      ['ratio_08', 'Cible emploi durable'],
    ]);
    const sansEnTete = lire();
    sansEnTete.ratios[6].suivi_campagne = { libelle_court: ' ' };
    expect(() => validerCatalogue(sansEnTete, tous(sansEnTete), 'essai.json')).toThrow('essai.json : ratios.6.suivi_campagne.libelle_court : libellé manquant');
  });

  it('refuse un ratio qui cite un indicateur inconnu', () => {
    const brut = lire();
    brut.ratios[0].denominateur = 'jeunes_fantomes';
    expect(() => validerCatalogue(brut, tous(brut), 'essai.json')).toThrow('essai.json : ratio ratio_01 : indicateur inconnu « jeunes_fantomes »');
  });

  it('refuse un identifiant en double et un libellé manquant', () => {
    const double = lire();
    double.indicateurs.push({ ...double.indicateurs[0] });
    expect(() => validerCatalogue(double, tous(double))).toThrow(/indicateur en double : pop_16_25/);
    const sansLibelle = lire();
    sansLibelle.ratios[2].libelle = ' ';
    expect(() => validerCatalogue(sansLibelle, tous(sansLibelle))).toThrow('catalogue : ratios.2.libelle : libellé manquant');
  });

  it('refuse un indicateur que le moteur ne sait pas calculer', () => {
    const brut = lire();
    const calculables = tous(brut);
    calculables.delete('jdi');
    expect(() => validerCatalogue(brut, calculables)).toThrow(/indicateur jdi : le moteur ne sait pas le calculer/);
  });
});
