import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyseurCsv, champCsv, detecterEncodage, ErreurCsv, lireCsv } from './csv.ts';

const analyser = (texte: string, morceaux = 1) => {
  const a = new AnalyseurCsv();
  const taille = Math.ceil(texte.length / morceaux);
  const sortie = [];
  for (let i = 0; i < texte.length; i += taille) sortie.push(...a.pousser(texte.slice(i, i + taille)));
  sortie.push(...a.finir());
  return { enregistrements: sortie, separateur: a.separateur };
};

describe('analyseur CSV', () => {
  it('lit le point-virgule, saute le BOM et les lignes vides, numérote les lignes', () => {
    const { enregistrements, separateur } = analyser('\ufeffa;b\r\n1;2\r\n\r\n3;4');
    expect(separateur).toBe(';');
    expect(enregistrements).toEqual([
      { ligne: 1, champs: ['a', 'b'] },
      { ligne: 2, champs: ['1', '2'] },
      { ligne: 4, champs: ['3', '4'] },
    ]);
  });

  it("lit la virgule quand l'en-tête n'a pas de point-virgule", () => {
    const { enregistrements, separateur } = analyser('a,b\n1,2\n');
    expect(separateur).toBe(',');
    expect(enregistrements[1].champs).toEqual(['1', '2']);
  });

  it('lit les champs entre guillemets, guillemets doublés et retours à la ligne compris', () => {
    const texte = 'a;b;c\n"x;y";"il dit ""oui""";z\n"sur\ndeux lignes";2;3\n4;5;6\n';
    for (const morceaux of [1, 3, 7, texte.length]) {
      const { enregistrements } = analyser(texte, morceaux);
      expect(enregistrements).toEqual([
        { ligne: 1, champs: ['a', 'b', 'c'] },
        { ligne: 2, champs: ['x;y', 'il dit "oui"', 'z'] },
        { ligne: 3, champs: ['sur\ndeux lignes', '2', '3'] },
        { ligne: 5, champs: ['4', '5', '6'] },
      ]);
    }
  });

  it("lit un en-tête entre guillemets séparé par des virgules", () => {
    const { enregistrements, separateur } = analyser('"a","b"\n"1","2"');
    expect(separateur).toBe(',');
    expect(enregistrements[1].champs).toEqual(['1', '2']);
  });

  it('signale un guillemet jamais refermé avec sa ligne', () => {
    expect(() => analyser('a;b\n1;2\n"3;4\n')).toThrowError(ErreurCsv);
    try {
      analyser('a;b\n1;2\n"3;4\n');
    } catch (e) {
      expect((e as ErreurCsv).ligne).toBe(3);
    }
  });

  it('écrit un champ avec guillemets seulement si nécessaire', () => {
    expect(champCsv('simple')).toBe('simple');
    expect(champCsv('a;b')).toBe('"a;b"');
    expect(champCsv('il dit "oui"')).toBe('"il dit ""oui"""');
  });
});

describe('encodage des fichiers', () => {
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-csv-'));

  it("reconnaît l'UTF-8 et le Windows-1252, et les lit tous deux correctement", async () => {
    const utf8 = join(dossier, 'utf8.csv');
    const cp1252 = join(dossier, 'cp1252.csv');
    writeFileSync(utf8, 'nom;ville\nLéa;Saint-Étienne\n', 'utf8');
    writeFileSync(cp1252, Buffer.from([...Buffer.from('nom;ville\nL'), 0xe9, ...Buffer.from('a;Saint-'), 0xc9, ...Buffer.from('tienne\n')]));
    expect(await detecterEncodage(utf8)).toBe('utf-8');
    expect(await detecterEncodage(cp1252)).toBe('windows-1252');
    for (const [chemin, encodage] of [[utf8, 'utf-8'], [cp1252, 'windows-1252']] as const) {
      const lus = [];
      for await (const { enregistrements } of lireCsv(chemin, encodage)) lus.push(...enregistrements);
      expect(lus[1].champs).toEqual(['Léa', 'Saint-Étienne']);
    }
  });
});
