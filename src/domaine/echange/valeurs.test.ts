import { describe, expect, it } from 'vitest';
import { fichierParNom, type Colonne } from './format.ts';
import { abreger, echapperControles, lireValeur } from './valeurs.ts';

const colonne = (fichier: string, nom: string): Colonne => fichierParNom(fichier)!.colonnes.find((c) => c.nom === nom)!;
const lire = (fichier: string, nom: string, brut: string) => lireValeur(colonne(fichier, nom), brut, '2026-11-26');

describe("lecture des valeurs d'un extrait", () => {
  it('exige les valeurs obligatoires et laisse vides les autres', () => {
    expect(lire('jeunes.csv', 'date_naissance', '')).toEqual({ erreur: 'valeur obligatoire manquante' });
    expect(lire('jeunes.csv', 'niveau_formation', '  ')).toEqual({ valeur: null });
  });

  it("refuse l'octet nul, que PostgreSQL n'accepte dans aucun texte (trouvé par le test à données aléatoires)", () => {
    for (const [fichier, nom] of [['structures.csv', 'nom'], ['jeunes.csv', 'id_jeune'], ['jeunes.csv', 'sexe']]) {
      expect(lire(fichier, nom, 'A\u0000B').erreur).toMatch(/^caractère nul \(octet 0x00\) interdit/);
    }
  });

  it('contrôle les dates : forme, existence, bornes', () => {
    expect(lire('evenements.csv', 'date', '2017-03-14')).toEqual({ valeur: '2017-03-14' });
    expect(lire('evenements.csv', 'date', '14/03/2017').erreur).toMatch(/AAAA-MM-JJ/);
    expect(lire('evenements.csv', 'date', '2017-02-30').erreur).toMatch(/impossible/);
    expect(lire('evenements.csv', 'date', '1989-12-31').erreur).toMatch(/hors de la période/);
    expect(lire('evenements.csv', 'date', '1990-01-01')).toEqual({ valeur: '1990-01-01' });
    expect(lire('evenements.csv', 'date', '2026-11-26')).toEqual({ valeur: '2026-11-26' });
    expect(lire('evenements.csv', 'date', '2026-11-27').erreur).toMatch(/hors de la période/);
    // La date de naissance et la fin prévue d'un contrat ne sont pas bornées par aujourd'hui.
    expect(lire('jeunes.csv', 'date_naissance', '1985-01-01')).toEqual({ valeur: '1985-01-01' });
    expect(lire('situations.csv', 'date_fin_prevue', '2030-01-01')).toEqual({ valeur: '2030-01-01' });
  });

  it('accepte les codes en majuscules ou minuscules et refuse les inconnus', () => {
    expect(lire('evenements.csv', 'type', 'atelier')).toEqual({ valeur: 'ATELIER' });
    expect(lire('evenements.csv', 'type', 'RENDEZ_VOUS').erreur).toMatch(/valeur inconnue ; valeurs admises : ENTRETIEN_INDIVIDUEL/);
  });

  it('lit les booléens 0/1 et oui/non', () => {
    expect(lire('jeunes.csv', 'qpv', '1')).toEqual({ valeur: 't' });
    expect(lire('jeunes.csv', 'qpv', 'Non')).toEqual({ valeur: 'f' });
    expect(lire('jeunes.csv', 'qpv', 'vrai').erreur).toMatch(/booléen/);
  });

  it('lit les décimaux avec point ou virgule et refuse les montants négatifs', () => {
    expect(lire('aides.csv', 'montant', '150,5')).toEqual({ valeur: '150.5' });
    expect(lire('aides.csv', 'montant', '0')).toEqual({ valeur: '0' });
    expect(lire('aides.csv', 'montant', '-1').erreur).toMatch(/négative/);
    expect(lire('aides.csv', 'montant', '1 500').erreur).toMatch(/nombre attendu/);
    expect(lire('aides.csv', 'montant', '1e3').erreur).toMatch(/nombre attendu/);
  });

  it('lit les entiers et les années dans leurs bornes', () => {
    expect(lire('contexte.csv', 'annee', '2017')).toEqual({ valeur: '2017' });
    expect(lire('contexte.csv', 'annee', '17').erreur).toMatch(/hors bornes/);
    expect(lire('contexte.csv', 'pop_16_25', '12.5').erreur).toMatch(/entier/);
  });

  it('lit la liste des communes couvertes', () => {
    expect(lire('structures.csv', 'communes', '35238|2A004')).toEqual({ valeur: '{35238,2A004}' });
    expect(lire('structures.csv', 'communes', '35238|352').erreur).toMatch(/« 352 »/);
  });

  it('contrôle SIRET et codes géographiques', () => {
    expect(lire('structures.csv', 'siret', '123 456 789 00012')).toEqual({ valeur: '12345678900012' });
    expect(lire('structures.csv', 'siret', '1234').erreur).toMatch(/14 chiffres/);
    expect(lire('structures.csv', 'code_departement', '2a')).toEqual({ valeur: '2A' });
    expect(lire('structures.csv', 'code_departement', 'XX').erreur).toMatch(/INSEE/);
  });

  it('borne la longueur des identifiants et des textes', () => {
    expect(lire('jeunes.csv', 'id_jeune', 'x'.repeat(65)).erreur).toMatch(/trop long/);
    expect(lire('jeunes.csv', 'nom', 'x'.repeat(101)).erreur).toMatch(/trop long/);
  });

  it('refuse les caractères de contrôle dans les textes et les identifiants (séquences de terminal, C0 sauf tabulation, C1)', () => {
    for (const brut of ['Dupont\u001b[2J', 'ligne\nsuivante', 'a\rb', 'x\u0007y', 'x\u007fy', 'CSI\u009b31m', 'x\u0085y']) {
      for (const [fichier, nom] of [['jeunes.csv', 'nom'], ['structures.csv', 'adresse'], ['jeunes.csv', 'id_jeune']]) {
        expect(lire(fichier, nom, brut).erreur, `${nom} ${JSON.stringify(brut)}`).toMatch(/^caractère de contrôle interdit \(\\x[0-9a-f]{2}\) : séquence d'échappement de terminal, ou fichier abîmé$/);
      }
    }
    expect(lire('jeunes.csv', 'nom', 'Dupont\u001b[2J').erreur).toContain('(\\x1b)');
    expect(lire('jeunes.csv', 'nom', 'Le\tGall')).toEqual({ valeur: 'Le\tGall' });
    expect(lire('jeunes.csv', 'nom', 'Zoé Ÿ € — œ')).toEqual({ valeur: 'Zoé Ÿ € — œ' });
  });

  it('échappe les caractères de contrôle et abrège les valeurs longues, pour les rapports', () => {
    expect(echapperControles('a\u001b[2Jb\u009b\u0000\tc\n')).toBe('a\\x1b[2Jb\\x9b\\x00\tc\\x0a');
    expect(abreger('x'.repeat(100))).toBe('x'.repeat(100));
    expect(abreger('x'.repeat(5000))).toBe('x'.repeat(100) + '…');
    expect(lire('structures.csv', 'communes', '35238|' + '9'.repeat(5000)).erreur).toBe(`code commune INSEE invalide : « ${'9'.repeat(100)}… » (5 caractères, séparés par |)`);
  });
});
