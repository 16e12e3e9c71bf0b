// L'archive que fait le navigateur des fichiers CSV choisis s'ouvre comme un extrait déposé : chaque
// fichier sous son nom, octets intacts (Windows-1252 compris).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ouvrirExtrait } from '../../infrastructure/fichiers/extrait.ts';
import { archiver } from './zip.ts';

it('archive les fichiers CSV, que le lecteur des extraits rouvre tels quels', async () => {
  const jeunes = Buffer.from('code_structure;nom\nRA01;Chlo\xe9\n', 'latin1');
  const evenements = Buffer.from('code_structure;id_evenement\nRA01;E1\n');
  const zip = await archiver([new File([jeunes], 'jeunes.csv'), new File([evenements], 'evenements.csv')]);
  expect(zip.type).toBe('application/zip');
  const chemin = join(mkdtempSync(join(tmpdir(), 'cpo-zip-')), 'extrait.zip');
  writeFileSync(chemin, Buffer.from(await zip.arrayBuffer()));
  const extrait = await ouvrirExtrait(chemin, 1024 * 1024);
  try {
    expect([...extrait.fichiers.keys()].sort()).toEqual(['evenements.csv', 'jeunes.csv']);
    expect(readFileSync(extrait.fichiers.get('jeunes.csv')!).equals(jeunes)).toBe(true);
    expect(readFileSync(extrait.fichiers.get('evenements.csv')!).equals(evenements)).toBe(true);
  } finally {
    extrait.nettoyer();
  }
});
