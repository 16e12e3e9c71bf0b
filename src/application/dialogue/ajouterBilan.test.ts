// `ajouterBilan` sans base : le dépôt des dialogues est un jumeau en mémoire, les chiffres du moment
// viennent d'un service factice, la date de l'horloge fixe.
import { describe, expect, it } from 'vitest';
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import { uneCampagne, unDialogue, unInstantane, uneML, unUtilisateur } from '../../../test/outils/constructeurs.ts';
import { DepotDialoguesMemoire } from '../../../test/outils/depotDialoguesMemoire.ts';
import { HorlogeFixe } from '../../../test/outils/horloge.ts';
import { chargerCatalogue } from '../indicateurs/catalogueEnVigueur.ts';
import { ajouterBilan } from './ajouterBilan.ts';
import { chargerCadre } from './cadreEnVigueur.ts';
import type { ChiffresDuMoment } from './commun.ts';

const cadre = chargerCadre();
const catalogue = chargerCatalogue();
const horloge = new HorlogeFixe('2018-09-14T15:00:00+02:00');
const direction = unUtilisateur({ role: 'direction_ml' });

let depotCourant: DepotDialoguesMemoire;
/** Les chiffres 2018 à ce jour de la ML de Rennes (un seul ratio connu), lus sur la base : notés avec l'état de la transaction. */
const service: ChiffresDuMoment & { demandes: { annee: number; code: string; pendantLaTransaction: boolean }[] } = {
  demandes: [],
  async structure(annee, code) {
    this.demandes.push({ annee, code, pendantLaTransaction: depotCourant.transactionEnCours });
    return { ratios: { ratio_07: 0.45 } };
  },
};

const unDepot = (etat: EtatDialogue) =>
  (depotCourant = new DepotDialoguesMemoire(horloge).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane()], dialogues: [unDialogue({ etat }, catalogue)] }));

const ajouter = (depot: DepotDialoguesMemoire, contenu: unknown, utilisateur: Utilisateur = direction) => ajouterBilan(depot, cadre, catalogue, service, utilisateur, 1, contenu, '10.0.0.7', horloge);

describe('ajouterBilan', () => {
  it("sur un dialogue signé : écrit le bilan (chiffres du jour de l'horloge contre les cibles) et sa ligne d'audit", async () => {
    const depot = unDepot('signe');
    expect(await ajouter(depot, { commentaire: '  À mi-parcours, la prospection porte ses fruits. ' })).toEqual({ enregistre: true });
    // Hors de la transaction : la base embarquée n'a qu'une connexion, que la transaction garde.
    expect(service.demandes.at(-1)).toEqual({ annee: 2018, code: 'RA01', pendantLaTransaction: false });
    const [bilan] = depot.tables.bilans;
    expect(bilan).toMatchObject({ dialogue: 1, commentaire: 'À mi-parcours, la prospection porte ses fruits.', cree_par: direction.courriel, cree_le: '2018-09-14T15:00:00' });
    const chiffres = bilan.chiffres as { date: string; ratios: { ratio: string; valeur: number | null; cible: number | null }[] };
    expect(chiffres.date).toBe('2018-09-14');
    expect(chiffres.ratios).toHaveLength(catalogue.ratios.length);
    expect(chiffres.ratios.find((r) => r.ratio === 'ratio_07')).toMatchObject({ valeur: 0.45, cible: 0.4 });
    expect(chiffres.ratios.find((r) => r.ratio === 'ratio_01')).toMatchObject({ valeur: null, cible: 0.4 });
    expect(depot.tables.audit).toEqual([{ acteur: direction.courriel, action: 'bilan_intermediaire', objet: 'dialogues/1', codeStructure: 'RA01', origine: '10.0.0.7', horodatage: '2018-09-14T15:00:00' }]);
  });

  for (const etat of ['avenant_genere', 'signe_ml'] as const) {
    it(`sur un dialogue « ${etat} » : refusé (etat_incompatible), rien d'écrit`, async () => {
      const depot = unDepot(etat);
      const avant = depot.photo();
      await expect(ajouter(depot, { commentaire: 'Trop tôt' })).rejects.toMatchObject({ code: 'etat_incompatible', message: expect.stringMatching(/se rattache à un dialogue signé/) });
      expect(depot.tables).toEqual(avant);
    });
  }

  it("un commentaire vide, ou un utilisateur d'une autre ML : refusés, rien d'écrit", async () => {
    const depot = unDepot('signe');
    const avant = depot.photo();
    await expect(ajouter(depot, { commentaire: '   ' })).rejects.toMatchObject({ code: 'saisie_invalide', message: expect.stringMatching(/Commentaire du bilan : à remplir/) });
    const ailleurs = unUtilisateur({ role: 'direction_ml', portee: { niveau: 'structure', code: 'RA02', code_departement: '35', code_region: '53' } });
    await expect(ajouter(depot, { commentaire: 'Bilan' }, ailleurs)).rejects.toMatchObject({ code: 'hors_perimetre' });
    expect(depot.tables).toEqual(avant);
  });
});
