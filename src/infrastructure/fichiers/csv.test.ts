import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErreurCsv, type LongueursMax } from '../../application/ports/fichiers.ts';
import { AnalyseurCsv, detecterEncodage, lireCsv } from './csv.ts';

const analyser = (texte: string, morceaux = 1, longueurs?: LongueursMax) => {
  const a = new AnalyseurCsv(longueurs);
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

  /** L'erreur levée par `travail`, pour en lire la ligne, le champ et le message. */
  const erreurDe = (travail: () => unknown): ErreurCsv => {
    try {
      travail();
    } catch (e) {
      expect(e).toBeInstanceOf(ErreurCsv);
      return e as ErreurCsv;
    }
    throw new Error('aucune erreur levée');
  };
  const LIMITES = { ligne: 1000, champ: 500 };
  const LIGNE_TROP_LONGUE = "ligne de plus de 1000 caractères (limite CPO_IMPORT_LONGUEUR_LIGNE_MAX) : fin de ligne manquante, ou fichier qui n'est pas un CSV";

  it("s'arrête dès qu'une ligne dépasse la limite, sans attendre sa fin : la mémoire reste bornée", () => {
    // Un fichier sans fin de ligne : l'analyseur ne garde jamais plus que la limite et un morceau.
    const a = new AnalyseurCsv(LIMITES);
    let poussees = 0;
    const e = erreurDe(() => {
      for (; poussees < 1000; poussees++) a.pousser('x'.repeat(600));
    });
    expect(poussees).toBe(1);
    expect([e.ligne, e.message]).toEqual([1, LIGNE_TROP_LONGUE]);
    // Une ligne entière trop longue au milieu d'un morceau, avec ou sans guillemets (sur plusieurs lignes).
    expect(erreurDe(() => analyser(`a;b\n${'x;'.repeat(600)}\n3;4\n`, 1, LIMITES)).ligne).toBe(2);
    expect(erreurDe(() => analyser(`a;b\n1;"${'y\n'.repeat(600)}"\n3;4\n`, 1, LIMITES)).ligne).toBe(2);
    expect(erreurDe(() => analyser(`a;b\n1;"${'y\n'.repeat(600)}`, 1, LIMITES)).message).toBe(LIGNE_TROP_LONGUE);
  });

  it('refuse un champ au-delà de la limite, en disant lequel', () => {
    for (const texte of [`a;b\n1;${'x'.repeat(501)}\n`, `a;b\n1;"${'x'.repeat(501)}"\n`, `a;b\n1;"x""${'x'.repeat(500)}"\n`]) {
      for (const morceaux of [1, 7]) {
        const e = erreurDe(() => analyser(texte, morceaux, LIMITES));
        expect([e.ligne, e.colonne, e.message]).toEqual([2, 'b', 'champ de plus de 500 caractères (limite CPO_IMPORT_LONGUEUR_CHAMP_MAX)']);
      }
    }
    expect(analyser(`a;b\n1;${'x'.repeat(500)}\n`, 1, LIMITES).enregistrements[1].champs[1]).toHaveLength(500);
    // Dans l'en-tête même, le champ est désigné par sa position.
    expect(erreurDe(() => analyser(`a;${'b'.repeat(501)}\n`, 1, LIMITES)).colonne).toBe('champ n° 2');
  });

  it("refuse les fins de ligne CR seules (anciens Mac) au lieu d'y lire une seule ligne", () => {
    const message = 'fins de ligne CR seules (format des anciens Mac) : enregistrez le fichier avec des fins de ligne LF ou CRLF';
    for (const texte of ['a;b\r1;2\r3;4\r', '"a";"b"\r"1";"2"\r', 'a;b\n"1";"2"\r"3";"4"\r']) {
      const e = erreurDe(() => analyser(texte));
      expect([e.ligne, e.message], JSON.stringify(texte)).toEqual([texte.startsWith('a;b\n') ? 2 : 1, message]);
    }
    // Une fin CRLF coupée entre deux morceaux reste une fin de ligne.
    for (let morceaux = 1; morceaux <= 18; morceaux++) {
      expect(analyser('"a";"b"\r\n"1";"2"\r\n', morceaux).enregistrements.map((e) => e.champs)).toEqual([['a', 'b'], ['1', '2']]);
    }
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

  const cp1252 = (texte: string) => Buffer.from(texte, 'latin1');
  const encodageDe = async (octets: Buffer) => {
    const chemin = join(dossier, `f${Math.random()}.csv`);
    writeFileSync(chemin, octets);
    return detecterEncodage(chemin).catch((e: unknown) => {
      expect(e).toBeInstanceOf(ErreurCsv);
      return [(e as ErreurCsv).ligne, (e as ErreurCsv).message];
    });
  };

  it("refuse un fichier qui mêle l'UTF-8 et un autre encodage, en nommant la première ligne fautive", async () => {
    const utf8 = (texte: string) => Buffer.from(texte, 'utf8');
    const melange = Buffer.concat([utf8('nom;ville\nLéa;Rennes\nPaul;Brest\n'), cp1252('Zoé;Saint-Étienne\n'), utf8('Noé;Nîmes\n')]);
    expect(await encodageDe(melange)).toEqual([4, "encodage mêlé : la ligne 4 n'est pas en UTF-8, alors que la ligne 2 l'est : enregistrez le fichier entier en UTF-8"]);
    // Un fichier en Windows-1252 où une ligne a été collée en UTF-8 : la première ligne hors UTF-8 est nommée.
    const colle = Buffer.concat([cp1252('nom;ville\nLéa;Rennes\n'), utf8('Zoé;Saint-Étienne\n')]);
    expect(await encodageDe(colle)).toEqual([2, "encodage mêlé : la ligne 2 n'est pas en UTF-8, alors que la ligne 3 l'est : enregistrez le fichier entier en UTF-8"]);
    // Entièrement en Windows-1252, avec « € », « œ », « — » (octets 0x80 à 0x9F) : accepté.
    expect(await encodageDe(cp1252('nom;ville\nL\u00e9a;Saint-\u00c9tienne\n').fill(0x80, 4, 5))).toBe('windows-1252');
  });

  it("lit l'encodage par morceaux sans se tromper à leur jointure", async () => {
    const MORCEAU = 1 << 20;
    // Un « é » UTF-8 (C3 A9) coupé entre deux morceaux, et un octet Windows-1252 plus loin : mêlé.
    const coupe = Buffer.alloc(MORCEAU + 100, 'a');
    coupe[10] = 0x0a;
    coupe.set([0xc3, 0xa9], MORCEAU - 1);
    coupe[MORCEAU + 50] = 0x0a;
    coupe[MORCEAU + 60] = 0xe9;
    expect(await encodageDe(coupe)).toEqual([3, "encodage mêlé : la ligne 3 n'est pas en UTF-8, alors que la ligne 2 l'est : enregistrez le fichier entier en UTF-8"]);
    // Un « É » Windows-1252 en dernier octet d'un morceau, suivi d'une lettre : Windows-1252 seul.
    const fin = Buffer.alloc(MORCEAU + 100, 'a');
    fin[MORCEAU - 1] = 0xc9;
    expect(await encodageDe(fin)).toBe('windows-1252');
  });
});
