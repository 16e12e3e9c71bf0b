import { describe, expect, it } from 'vitest';
import { rapportEnJson, rapportEnTexte, type RapportImport } from './rapport.ts';

const rapport = (r: Partial<RapportImport>): RapportImport => ({
  source: 'extrait.zip',
  mode: 'strict',
  statut: 'refuse',
  fichiers: [],
  erreurs: [],
  erreursNonDetaillees: 0,
  avertissements: [],
  fichiersIgnores: [],
  dureeMs: 0,
  ...r,
});

describe("rapport d'import", () => {
  it('cite au plus vingt fichiers ignorés, puis les compte', () => {
    const texte = rapportEnTexte(rapport({ fichiersIgnores: Array.from({ length: 25 }, (_, i) => `f${i}.csv`) }));
    expect(texte.match(/^fichier ignoré/gm)).toHaveLength(20);
    expect(texte).toContain('fichier ignoré (hors du format d\'échange) : f19.csv\n… et 5 autre(s) fichier(s) ignoré(s)');
  });

  it("en JSON aussi, n'écrit aucun caractère de contrôle brut (JSON.stringify laisse passer DEL et C1)", () => {
    const r = rapport({ erreurs: [{ fichier: 'jeunes.csv', ligne: 2, colonne: 'nom', valeur: 'a\u009b2J\u007f\u001b', message: 'm' }] });
    const json = rapportEnJson(r);
    expect(json).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(json).toContain('"valeur": "a\\u009b2J\\u007f\\u001b"');
    expect(JSON.parse(json)).toEqual(r);
  });
});
