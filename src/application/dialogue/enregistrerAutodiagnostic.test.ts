// `enregistrerAutodiagnostic` sans base : le brouillon s'écrit aux mêmes conditions que sa soumission.
import { describe, expect, it } from 'vitest';
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import { uneCampagne, unDialogue, unInstantane, uneML, unUtilisateur } from '../../../test/outils/constructeurs.ts';
import { DepotDialoguesMemoire } from '../../../test/outils/depotDialoguesMemoire.ts';
import { HorlogeFixe } from '../../../test/outils/horloge.ts';
import { chargerCatalogue } from '../indicateurs/catalogueEnVigueur.ts';
import { chargerCadre } from './cadreEnVigueur.ts';
import { enregistrerAutodiagnostic } from './enregistrerAutodiagnostic.ts';

const cadre = chargerCadre();
const catalogue = chargerCatalogue();
const horloge = new HorlogeFixe('2018-02-01T08:30:00+01:00');
const BROUILLON = { commentaires: { objectif_1: 'En progrès' }, contexte: 'Fermeture d’une usine', planPropose: '', ciblesProposees: { ratio_07: 0.38, ratio_01: null } };

const unDepot = (etat: EtatDialogue = 'ouvert') => new DepotDialoguesMemoire(horloge).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane()], dialogues: [unDialogue({ etat })] });
const enregistrer = (depot: DepotDialoguesMemoire, contenu: unknown, utilisateur: Utilisateur = unUtilisateur()) =>
  enregistrerAutodiagnostic(depot, cadre, catalogue, utilisateur, 1, contenu, 'cli');

describe('enregistrerAutodiagnostic', () => {
  it("écrit le brouillon sans changer l'état, et sa ligne d'audit", async () => {
    const depot = unDepot();
    expect(await enregistrer(depot, BROUILLON)).toEqual({ enregistre: true });
    expect(depot.tables.dialogues.get(1)).toMatchObject({ etat: 'ouvert', autodiagnostic: BROUILLON, modifie_le: '2018-02-01T08:30:00' });
    expect(depot.tables.evenements).toEqual([]);
    expect(depot.tables.audit).toMatchObject([{ action: 'enregistrer_autodiagnostic', objet: 'dialogues/1', codeStructure: 'RA01', origine: 'cli' }]);
  });

  it.each([
    ['un dialogue déjà soumis', 'autodiagnostic_soumis', BROUILLON, unUtilisateur(), 'etat_incompatible'],
    ['un conseiller (la direction soumet)', 'ouvert', BROUILLON, unUtilisateur({ role: 'conseiller' }), 'droit_insuffisant'],
    ["l'unité départementale", 'ouvert', BROUILLON, unUtilisateur({ role: 'agent_ud' }), 'droit_insuffisant'],
    ['une cible hors du catalogue', 'ouvert', { ...BROUILLON, ciblesProposees: { ratio_99: 1 } }, unUtilisateur(), 'saisie_invalide'],
  ] as const)('refuse %s (%s) et n’écrit rien', async (_nom, etat, contenu, utilisateur, code) => {
    const depot = unDepot(etat);
    const avant = depot.photo();
    await expect(enregistrer(depot, contenu, utilisateur)).rejects.toMatchObject({ code });
    expect(depot.tables).toEqual(avant);
  });
});
