import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dossierTemporaire } from '../../../test/outils/extraits.ts';
import { ecrireZip } from '../../../test/outils/zip.ts';
import { ErreurExtrait } from '../../application/ports/fichiers.ts';
import { ouvrirExtrait } from './extrait.ts';

// Chaque octet écrit sur le disque par la décompression est compté : c'est ce que la limite protège.
const disque = vi.hoisted(() => ({ octets: 0 }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  return {
    ...fs,
    createWriteStream: (...args: Parameters<typeof fs.createWriteStream>) => {
      const flux = fs.createWriteStream(...args);
      const ecrire = flux.write.bind(flux) as (...a: unknown[]) => boolean;
      flux.write = ((morceau: Buffer, ...reste: unknown[]) => {
        disque.octets += morceau.length;
        return ecrire(morceau, ...reste);
      }) as typeof flux.write;
      return flux;
    },
  };
});

const MIO = 1024 * 1024;
const STRUCTURES = 'code_structure;nom;code_departement;code_region\nML1;Rennes;35;53\n';
/** 50 Mio de « x » : environ 50 Ko une fois compressés. */
const bombe = () => Buffer.alloc(50 * MIO, 'x');

function zip(entrees: Parameters<typeof ecrireZip>[1]): string {
  const chemin = join(dossierTemporaire('zip'), 'extrait.zip');
  ecrireZip(chemin, entrees);
  return chemin;
}

async function refus(source: string, octetsMax: number): Promise<string> {
  const e = await ouvrirExtrait(source, octetsMax).then(
    () => null,
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(ErreurExtrait);
  return (e as Error).message;
}

describe("ouverture d'un extrait", () => {
  beforeEach(() => {
    disque.octets = 0;
  });

  it("arrête une bombe zip à la limite par fichier : jamais plus d'octets écrits sur le disque, refus en français", async () => {
    const source = zip([
      { nom: 'structures.csv', contenu: STRUCTURES },
      { nom: 'jeunes.csv', contenu: bombe() },
      { nom: 'evenements.csv', contenu: bombe() },
    ]);
    expect(await refus(source, MIO)).toBe(
      'jeunes.csv : plus de 1 Mo une fois décompressé, au-delà de la limite par fichier (CPO_IMPORT_TAILLE_MAX_MO) : archive refusée',
    );
    expect(disque.octets).toBeGreaterThan(0);
    expect(disque.octets).toBeLessThanOrEqual(STRUCTURES.length + MIO);
  });

  it("compte les octets réellement décompressés, pas la taille que l'archive déclare", async () => {
    // Une taille déclarée énorme n'autorise rien de plus…
    expect(await refus(zip([{ nom: 'jeunes.csv', contenu: bombe(), tailleDeclaree: 0xfffffff0 }]), MIO)).toMatch(/^jeunes\.csv : plus de 1 Mo une fois décompressé/);
    expect(disque.octets).toBeLessThanOrEqual(MIO);
    // … et une taille déclarée minuscule ne fait pas passer la bombe.
    disque.octets = 0;
    const menteuse = await refus(zip([{ nom: 'jeunes.csv', contenu: bombe(), tailleDeclaree: 100 }]), MIO);
    expect(menteuse).toBe("jeunes.csv : fichier abîmé dans l'archive (données compressées illisibles ou taille déclarée fausse)");
    expect(disque.octets).toBeLessThanOrEqual(MIO);
  });

  it("n'extrait pas les fichiers hors du format d'échange : il les nomme seulement", async () => {
    const source = zip([
      { nom: 'structures.csv', contenu: STRUCTURES },
      { nom: 'annexes/bombe.csv', contenu: bombe() },
      { nom: 'lisez-moi.txt', contenu: 'bonjour' },
    ]);
    const extrait = await ouvrirExtrait(source, MIO);
    try {
      expect([...extrait.fichiers.keys()]).toEqual(['structures.csv']);
      expect(extrait.ignores).toEqual(['bombe.csv']);
      expect(disque.octets).toBe(STRUCTURES.length);
    } finally {
      extrait.nettoyer();
    }
  });

  it('refuse en français une archive illisible, un fichier trop gros dans un dossier, une source introuvable', async () => {
    const faux = join(dossierTemporaire('zip'), 'faux.zip');
    writeFileSync(faux, 'pas une archive');
    expect(await refus(faux, MIO)).toBe(`archive zip illisible : ${faux} (fichier abîmé, ou qui n'est pas une archive zip)`);
    const dossier = dossierTemporaire('dossier');
    writeFileSync(join(dossier, 'jeunes.csv'), Buffer.alloc(2000, 'x'));
    writeFileSync(join(dossier, 'notes.csv'), Buffer.alloc(2000, 'x'));
    expect(await refus(dossier, 1000)).toBe('jeunes.csv : 2 Ko, au-delà de la limite de 1000 octets par fichier (CPO_IMPORT_TAILLE_MAX_MO)');
    expect(await refus('/nulle/part', MIO)).toBe('source introuvable : /nulle/part');
  });
});
