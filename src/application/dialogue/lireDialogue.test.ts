// `lireDialogue` sans base : ce que la page d'un dialogue montre selon son état et le rôle qui la lit.
import { describe, expect, it } from 'vitest';
import { uneCampagne, uneConvention, unDialogue, unInstantane, uneML, unUtilisateur } from '../../../test/outils/constructeurs.ts';
import { DepotDialoguesMemoire, type DialogueStocke } from '../../../test/outils/depotDialoguesMemoire.ts';
import { HorlogeFixe } from '../../../test/outils/horloge.ts';
import { chargerCatalogue } from '../indicateurs/catalogueEnVigueur.ts';
import { chargerCadre } from './cadreEnVigueur.ts';
import { lireDialogue } from './lireDialogue.ts';

const cadre = chargerCadre();
const catalogue = chargerCatalogue();
const horloge = new HorlogeFixe('2018-06-05');
const service = { structure: async () => ({ ratios: { ratio_07: 0.42 } }) };

const unDepot = (...dialogues: DialogueStocke[]) =>
  new DepotDialoguesMemoire(horloge).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane()], conventions: [uneConvention()], dialogues });
const lire = (depot: DepotDialoguesMemoire, utilisateur = unUtilisateur(), id = 1) => lireDialogue(depot, cadre, catalogue, service, utilisateur, id, horloge);

describe('lireDialogue', () => {
  it('un dialogue ouvert, lu par la direction de la ML : la soumission permise, les chiffres figés de sa ML, pas de bilan', async () => {
    const page = await lire(unDepot(unDialogue()));
    expect(page).toMatchObject({ etat: 'ouvert', libelleEtat: cadre.etats.find((e) => e.id === 'ouvert')!.libelle, peutEnregistrerAutodiagnostic: true, peutSaisirBilan: false, bilanEnCours: null, avenant: null });
    expect(page.actions.map((a) => a.action)).toEqual(['soumettre_autodiagnostic']);
    expect(page.structure).toEqual({ code: 'RA01', nom: 'Mission locale de Rennes', siret: '12345678900011', adresse: '3 rue de la Volga, 35200 Rennes', code_departement: '35', code_region: '53', nom_region: 'Bretagne' });
    expect(page.chiffresFiges).toMatchObject({ annee: 2017, ml: { ratios: { ratio_07: 0.3 } }, couverture: { national: { structures: 1, attendues: 1 } } });
    expect(page.campagne).toMatchObject({ id: 1, echeance_signature: '2018-05-31', instantane: { id: 1, annee: 2017 } });
  });

  it("lu par l'unité départementale : aucune action sur un dialogue ouvert ; les décisions des autres années de la ML", async () => {
    const anterieur = unDialogue({ id: 2, annee: 2017, etat: 'signe' }, catalogue);
    const page = await lire(unDepot(unDialogue(), anterieur), unUtilisateur({ role: 'agent_ud' }));
    expect(page.actions).toEqual([]);
    expect(page.peutEnregistrerAutodiagnostic).toBe(false);
    expect(page.decisionsAnterieures).toEqual([{ annee: 2017, montants: anterieur.decision!.montants }]);
  });

  it("signé : le bilan en cours, daté du jour de l'horloge", async () => {
    const page = await lire(unDepot(unDialogue({ etat: 'signe' }, catalogue)));
    expect(page.peutSaisirBilan).toBe(true);
    expect(page.bilanEnCours).toMatchObject({ date: '2018-06-05' });
    expect(page.bilanEnCours!.ratios.find((r) => r.ratio === 'ratio_07')).toMatchObject({ valeur: 0.42, cible: 0.4 });
  });

  it("refuse un dialogue inconnu (introuvable), hors périmètre, ou dont l'instantané a été altéré (integrite)", async () => {
    await expect(lire(unDepot(unDialogue()), unUtilisateur(), 9)).rejects.toMatchObject({ code: 'introuvable' });
    const ailleurs = unUtilisateur({ role: 'agent_ud', portee: { niveau: 'departement', code: '29', code_region: '53' } });
    await expect(lire(unDepot(unDialogue()), ailleurs)).rejects.toMatchObject({ code: 'hors_perimetre' });
    const altere = new DepotDialoguesMemoire(horloge).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane({ integre: false })], dialogues: [unDialogue()] });
    await expect(lire(altere)).rejects.toMatchObject({ code: 'integrite', message: expect.stringMatching(/l'instantané 1 ne correspond plus/) });
  });
});
