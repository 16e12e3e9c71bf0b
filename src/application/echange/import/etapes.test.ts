// Les étapes pures de l'import, sans base : en-tête, enregistrement, signalements, rapport de refus.
import { describe, expect, it } from 'vitest';
import { FICHIERS } from '../../../domaine/echange/format.ts';
import { lecteurDeColonne } from '../../../domaine/echange/valeurs.ts';
import type { ErreurImport } from '../rapport.ts';
import { rapportRefuse, rapportVide, traceImport, trierErreurs } from './rapporter.ts';
import { ERREURS_DETAILLEES_PAR_FICHIER, signalementsDans } from './signalements.ts';
import { lireEntete, validerEnregistrement } from './validation.ts';

const structures = FICHIERS.find((f) => f.nom === 'structures.csv')!;
const ENTETE = ['code_structure', 'nom', 'code_departement', 'code_region', 'inconnue'];

function collecteur() {
  const erreurs: [number, string, string, string][] = [];
  return { erreurs, erreur: (ligne: number, colonne: string, valeur: string, message: string) => void erreurs.push([ligne, colonne, valeur, message]) };
}

describe("valider : l'en-tête", () => {
  it('place chaque colonne du format, ignore les autres en les nommant', () => {
    const { erreurs, erreur } = collecteur();
    const entete = lireEntete(structures, [' Code_Structure ', 'nom', 'code_departement', 'code_region', 'inconnue'], erreur);
    expect(erreurs).toEqual([]);
    expect(entete.lisible).toBe(true);
    const position = (nom: string) => entete.indices[structures.colonnes.findIndex((c) => c.nom === nom)];
    expect(['code_structure', 'nom', 'code_departement', 'code_region', 'siret'].map(position)).toEqual([0, 1, 2, 3, -1]);
    expect([...entete.presentes]).toEqual(['code_structure', 'nom', 'code_departement', 'code_region']);
    expect(entete.colonnesIgnorees).toEqual(['inconnue']);
  });

  it('rend le fichier illisible sur une colonne en double ou une colonne obligatoire absente', () => {
    const { erreurs, erreur } = collecteur();
    const entete = lireEntete(structures, ['code_structure', 'nom', 'nom', 'code_region'], erreur);
    expect(entete.lisible).toBe(false);
    expect(erreurs).toEqual([
      [1, 'nom', '', 'colonne présente deux fois dans l’en-tête'],
      [1, 'code_departement', '', 'colonne obligatoire absente de l’en-tête'],
    ]);
  });
});

describe('valider : un enregistrement', () => {
  const lecteurs = structures.colonnes.map((c) => lecteurDeColonne(c, '2018-12-31'));
  const entete = lireEntete(structures, ENTETE, () => {});

  it('rend la ligne de transit, valide, avec son code de structure', () => {
    const { erreurs, erreur } = collecteur();
    const v = validerEnregistrement(structures, lecteurs, entete, 2, ['ML1', 'Mission locale', '75', '11', 'x'], erreur);
    expect(erreurs).toEqual([]);
    expect(v?.codeStructure).toBe('ML1');
    expect(v?.rangee.slice(0, 6)).toEqual(['2', 't', 'ML1', 'Mission locale', null, '75']);
    expect(v?.rangee).toHaveLength(2 + structures.colonnes.length);
  });

  it('marque la ligne invalide et dit la colonne fautive', () => {
    const { erreurs, erreur } = collecteur();
    const v = validerEnregistrement(structures, lecteurs, entete, 3, ['ML1', '', '75', '11', 'x'], erreur);
    expect(v?.rangee[1]).toBe('f');
    expect(erreurs.map(([ligne, colonne]) => [ligne, colonne])).toEqual([[3, 'nom']]);
  });

  it("écarte une ligne qui n'a pas le nombre de champs de l'en-tête", () => {
    const { erreurs, erreur } = collecteur();
    expect(validerEnregistrement(structures, lecteurs, entete, 4, ['ML1', 'ML'], erreur)).toBeNull();
    expect(erreurs).toEqual([[4, '', '', "la ligne a 2 champ(s) alors que l'en-tête en a 5"]]);
  });
});

describe('signalements', () => {
  const faute = (ligne: number, message = 'faux'): ErreurImport => ({ fichier: 'jeunes.csv', ligne, colonne: 'sexe', valeur: 'Z', message });

  it('garde le premier motif de chaque ligne et détaille les erreurs jusqu’au plafond par fichier', () => {
    const rapport = rapportVide('extrait', false);
    const s = signalementsDans(rapport);
    expect(s.enErreur).toBe(false);
    s.signaler(faute(2, 'premier'));
    s.signaler(faute(2, 'second'));
    for (let i = 0; i < ERREURS_DETAILLEES_PAR_FICHIER; i++) s.signaler(faute(10 + i));
    expect(s.enErreur).toBe(true);
    expect(s.rejets.get('jeunes.csv')?.get(2)).toBe('sexe : premier');
    expect(rapport.erreurs).toHaveLength(ERREURS_DETAILLEES_PAR_FICHIER);
    expect(rapport.erreursNonDetaillees).toBe(2);
  });
});

describe('rapporter', () => {
  const bilan = { fichier: 'jeunes.csv', encodage: 'utf-8', separateur: ';', lignes: 3, crees: 2, misAJour: 1, inchanges: 0, rejetes: 1, colonnesIgnorees: [], dureeLectureMs: 0, dureeFusionMs: 0 };

  it('un refus ne compte rien d’écrit et fait de son motif une erreur de la source, classée en tête', () => {
    const rapport = { ...rapportVide('/tmp/extrait.zip', false), fichiers: [bilan] };
    rapport.erreurs.push({ fichier: 'jeunes.csv', ligne: 4, colonne: '', valeur: '', message: 'faux' });
    const refuse = trierErreurs(rapportRefuse(rapport, 12, 'archive illisible'));
    expect(refuse.statut).toBe('refuse');
    expect(refuse.dureeMs).toBe(12);
    expect(refuse.fichiers).toEqual([{ ...bilan, crees: 0, misAJour: 0, inchanges: 0 }]);
    expect(refuse.erreurs.map((e) => [e.fichier, e.message])).toEqual([['extrait.zip', 'archive illisible'], ['jeunes.csv', 'faux']]);
    expect(rapport.statut).toBe('importe');
  });

  it("la trace résume le rapport sans ses valeurs et dit le motif s'il y en a un", () => {
    const r = rapportRefuse({ ...rapportVide('/tmp/extrait.zip', true), fichiers: [bilan] }, 0, 'limite');
    expect(traceImport({}, r, 'import_refuse', 'limite')).toEqual({
      acteur: 'cli',
      action: 'import_refuse',
      objet: 'extrait.zip',
      codeStructure: null,
      origine: 'cli',
      details: { mode: 'tolerant', statut: 'refuse', fichiers: [{ fichier: 'jeunes.csv', lignes: 3, crees: 0, misAJour: 0, inchanges: 0, rejetes: 1 }], erreurs: 1, motif: 'limite' },
    });
  });
});
