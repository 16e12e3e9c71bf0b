import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validerCatalogueQualite } from './catalogue.ts';
import { noterQualite, sommerComptages } from './score.ts';

const FICHIER = join(import.meta.dirname, '..', '..', '..', 'catalogues', 'qualite-donnees.json');
const lire = () => JSON.parse(readFileSync(FICHIER, 'utf8'));

/** Un petit catalogue : deux règles, une majeure (poids 3), une mineure (poids 1). */
const petit = () =>
  validerCatalogueQualite({
    version: 'essai',
    libelle: 'Essai',
    gravites: { majeure: { libelle: 'majeure', poids: 3 }, mineure: { libelle: 'mineure', poids: 1 } },
    niveaux: { eleve: 85, moyen: 60 },
    regles: [
      { id: 'niveau', type: 'completude', champ: 'niveau_formation', libelle: 'Niveau', explication: 'x', seuil: 0.1, gravite: 'majeure' },
      { id: 'doublons', type: 'doublon_jeune', libelle: 'Doublons', explication: 'x', seuil: 0, gravite: 'mineure' },
    ],
  });

describe('score de qualité des données', () => {
  it('vaut 100, confiance élevée, quand chaque règle reste sous son seuil', () => {
    const q = noterQualite(petit(), [
      { regle: 'niveau', base: 100, nombre: 10 },
      { regle: 'doublons', base: 100, nombre: 0 },
    ]);
    expect([q.score, q.niveau]).toEqual([100, 'eleve']);
    expect(q.constats.map((c) => [c.regle, c.part, c.respectee])).toEqual([
      ['niveau', 0.1, true],
      ['doublons', 0, true],
    ]);
  });

  it('retire le poids d’une règle à proportion de son dépassement, jusqu’à tout son poids', () => {
    // niveau : 70 % en défaut pour 10 % tolérés → un tiers de 3 ; doublons : tous → 0 sur 1.
    const q = noterQualite(petit(), [
      { regle: 'niveau', base: 100, nombre: 70 },
      { regle: 'doublons', base: 4, nombre: 4 },
    ]);
    expect(q.score).toBe(25);
    expect(q.niveau).toBe('faible');
    expect(q.constats.find((c) => c.regle === 'niveau')).toMatchObject({ nombre: 70, base: 100, part: 0.7, seuil: 0.1, gravite: 'majeure', libelle_gravite: 'majeure', respectee: false });
  });

  it('une règle sans cas à examiner ne compte pas ; aucune : pas de score', () => {
    const q = noterQualite(petit(), [{ regle: 'niveau', base: 10, nombre: 3 }]);
    expect(q.constats.find((c) => c.regle === 'doublons')).toMatchObject({ base: 0, part: null, respectee: true });
    expect(q.score).toBe(Math.round(100 * ((1 - 0.3) / 0.9)));
    expect(q.niveau).toBe('moyen');
    expect(noterQualite(petit(), [])).toMatchObject({ score: null, niveau: null });
  });

  it('une règle non respectée borne le niveau de sa gravité, même sous un bon score', () => {
    const c = petit();
    c.gravites.majeure.niveau_max = 'faible';
    // 12 % sans niveau pour 10 % tolérés : le score reste à 98, mais la règle majeure est en défaut.
    const q = noterQualite(c, [
      { regle: 'niveau', base: 100, nombre: 12 },
      { regle: 'doublons', base: 100, nombre: 0 },
    ]);
    expect([q.score, q.niveau]).toEqual([98, 'faible']);
    // Une gravité sans borne (mineure) : le score seul décide.
    expect(noterQualite(c, [{ regle: 'niveau', base: 100, nombre: 0 }, { regle: 'doublons', base: 1000, nombre: 20 }])).toMatchObject({ niveau: 'eleve' });
  });

  it('le territoire somme les comptages de ses ML règle par règle', () => {
    expect(
      sommerComptages([
        { regle: 'niveau', base: 10, nombre: 1 },
        { regle: 'niveau', base: 30, nombre: 2 },
        { regle: 'doublons', base: 5, nombre: 0 },
      ]),
    ).toEqual([
      { regle: 'niveau', base: 40, nombre: 3 },
      { regle: 'doublons', base: 5, nombre: 0 },
    ]);
  });
});

describe('catalogue de qualité des données', () => {
  it('le catalogue livré est valide et couvre chaque sorte de règle', () => {
    const c = validerCatalogueQualite(lire());
    expect(new Set(c.regles.map((r) => r.type))).toEqual(new Set(['completude', 'sans_diagnostic', 'reception_tardive', 'situation_ouverte', 'doublon_jeune', 'declaree']));
  });

  it.each([
    ['un champ du jeune qui n’existe pas', (c: any) => (c.regles[0].champ = 'pointure'), 'qualite.json : regles.0 (completude_niveau_formation) : « pointure » n\'est pas un champ facultatif de jeunes.csv'],
    ['un champ requis du jeune', (c: any) => (c.regles[0].champ = 'sexe'), '« sexe » n\'est pas un champ facultatif de jeunes.csv'],
    ['une gravité inconnue', (c: any) => (c.regles[1].gravite = 'terrible'), 'regles.1 (completude_qpv) : gravité inconnue « terrible » (connues : majeure, moderee, mineure)'],
    ['un seuil hors de 0-1', (c: any) => (c.regles[2].seuil = 12), 'qualite.json : regles.2.seuil : seuil entre 0 et 1 attendu'],
    ['un type de règle inconnu', (c: any) => (c.regles[3].type = 'magie'), 'qualite.json : regles.3.type : type de règle inconnu'],
    ['un délai qui n’est pas un entier', (c: any) => (c.regles.find((r: any) => r.type === 'reception_tardive').delai_jours = 1.5), 'delai_jours : nombre entier de jours attendu'],
    ['un champ déclaré inconnu', (c: any) => c.regles.find((r: any) => r.type === 'declaree').champs.push('licornes'), "« licornes » n'est pas un champ de contexte.csv"],
    ['un événement de diagnostic inconnu', (c: any) => (c.regles.find((r: any) => r.type === 'sans_diagnostic').evenements_diagnostic = ['PIGEON']), 'evenements_diagnostic.0'],
    ['une règle en double', (c: any) => c.regles.push({ ...c.regles[0] }), 'identifiant en double'],
    ['des niveaux inversés', (c: any) => (c.niveaux = { eleve: 50, moyen: 70 }), 'niveaux : le seuil du niveau moyen dépasse celui du niveau élevé'],
  ])('refuse %s, avec un message qui dit où', (_quoi, abimer, message) => {
    const c = lire();
    abimer(c);
    expect(() => validerCatalogueQualite(c, 'qualite.json')).toThrow(message);
  });
});
