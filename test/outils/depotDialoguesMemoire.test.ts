// Le jumeau tient la promesse du port : une transaction qui lève n'écrit rien, les transactions passent
// l'une après l'autre, et ce qu'on lit est une copie.
import { describe, expect, it } from 'vitest';
import { uneCampagne, unDialogue, unInstantane, uneML } from './constructeurs.ts';
import { DepotDialoguesMemoire } from './depotDialoguesMemoire.ts';
import { HorlogeFixe } from './horloge.ts';

const unDepot = () => new DepotDialoguesMemoire(new HorlogeFixe('2018-03-20')).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane()], dialogues: [unDialogue()] });

describe('DepotDialoguesMemoire', () => {
  it("annule tout ce qu'une transaction a écrit quand elle lève", async () => {
    const depot = unDepot();
    const avant = depot.photo();
    await expect(
      depot.transaction(async (d) => {
        await d.enregistrerAutodiagnostic(1, { contexte: 'brouillon' });
        await d.auditer({ acteur: 'cli', action: 'essai' });
        throw new Error('refus');
      }),
    ).rejects.toThrow('refus');
    expect(depot.tables).toEqual(avant);
  });

  it("fait attendre une transaction que la précédente soit finie (le verrou du dialogue)", async () => {
    const depot = unDepot();
    const ordre: string[] = [];
    let liberer!: () => void;
    const premiere = depot.transaction(async (d) => {
      ordre.push('première lit');
      await new Promise<void>((r) => (liberer = r));
      await d.enregistrerAutodiagnostic(1, { contexte: 'premier' });
      ordre.push('première écrit');
    });
    const seconde = depot.transaction(async (d) => {
      ordre.push(`seconde lit ${JSON.stringify((await d.dialogue(1, true))!.autodiagnostic)}`);
    });
    await new Promise((r) => setImmediate(r));
    liberer();
    await Promise.all([premiere, seconde]);
    expect(ordre).toEqual(['première lit', 'première écrit', 'seconde lit {"contexte":"premier"}']);
  });

  it('rend des copies : modifier ce qui est lu ne change pas la table', async () => {
    const depot = unDepot();
    const d = (await depot.dialogue(1))!;
    d.etat = 'signe';
    expect((await depot.dialogue(1))!.etat).toBe('ouvert');
  });
});
