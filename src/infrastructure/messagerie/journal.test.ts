import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { messagerieDeLEnvironnement, messagerieEnJournal } from './journal.ts';

it('ajoute chaque courriel au journal, une ligne JSON par courriel, lisible du seul compte du serveur', async () => {
  const chemin = join(mkdtempSync(join(tmpdir(), 'cpo-courriels-')), 'sous-dossier', 'courriels.jsonl');
  const messagerie = messagerieEnJournal(chemin);
  await messagerie.envoyer({ a: 'a@exemple.fr', objet: 'Un', texte: 'premier\nlien' });
  await messagerie.envoyer({ a: 'b@exemple.fr', objet: 'Deux', texte: 'second' });
  const lignes = readFileSync(chemin, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  expect(lignes.map(({ envoye_le: _, ...c }) => c)).toEqual([
    { a: 'a@exemple.fr', objet: 'Un', texte: 'premier\nlien' },
    { a: 'b@exemple.fr', objet: 'Deux', texte: 'second' },
  ]);
  expect(statSync(chemin).mode & 0o777).toBe(0o600);
});

it('écrit dans CPO_JOURNAL_COURRIELS, sinon dans le dossier des données', async () => {
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-donnees-'));
  await messagerieDeLEnvironnement({ CPO_DATA_DIR: dossier }).envoyer({ a: 'c@exemple.fr', objet: 'O', texte: 'T' });
  expect(readFileSync(join(dossier, 'courriels.jsonl'), 'utf8')).toContain('"a":"c@exemple.fr"');
  const nomme = join(dossier, 'autre.jsonl');
  await messagerieDeLEnvironnement({ CPO_DATA_DIR: dossier, CPO_JOURNAL_COURRIELS: nomme }).envoyer({ a: 'd@exemple.fr', objet: 'O', texte: 'T' });
  expect(readFileSync(nomme, 'utf8')).toContain('"a":"d@exemple.fr"');
});
