// Le moteur SQL contre l'implémentation de référence indépendante (test/reference), sur des extraits
// aléatoires qui touchent les cas de bord, pour chaque ML et chaque année, sur les deux moteurs de base.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import { figerInstantane } from '../../src/application/indicateurs/figerInstantane.ts';
import { lireInstantane, listerInstantanes } from '../../src/application/indicateurs/instantanes.ts';
import { chiffresParML } from '../../src/application/indicateurs/moteur.ts';
import { ServiceChiffres } from '../../src/application/indicateurs/serviceChiffres.ts';
import { tableauAnnuel } from '../../src/application/indicateurs/tableauDeBord.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { calculerReference } from '../reference/indicateursReference.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

const catalogue = chargerCatalogue();
const ANNEES = [2014, 2015, 2016, 2017, 2018];

function comparer(calcule: Record<string, number | null>, attendu: Record<string, number | null>, contexte: string) {
  expect(Object.keys(calcule).sort(), contexte).toEqual(Object.keys(attendu).sort());
  for (const [id, valeur] of Object.entries(attendu)) {
    if (valeur === null || Number.isInteger(valeur)) expect(calcule[id], `${contexte} ${id}`).toBe(valeur);
    else expect(calcule[id], `${contexte} ${id}`).toBeCloseTo(valeur, 9);
  }
}

/** Le jour des imports : après toutes les dates des extraits de test. */
const horloge = new HorlogeFixe('2020-01-01');

surChaqueMoteur('moteur d’indicateurs', (moteur) => {
  describe.each([11, 12])('extrait aléatoire de graine %i', (graine) => {
    let base: Base;
    const dossier = dossierTemporaire('aleatoire');
    beforeAll(async () => {
      ecrireExtraitAleatoire(dossier, graine, { structures: 3, jeunesParStructure: 150 });
      base = await moteur.ouvrir();
      const r = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') });
      expect(r.erreurs).toEqual([]);
    });
    afterAll(async () => base.fermer());

    it.each(ANNEES)('chaque indicateur et chaque ratio de chaque ML en %i égale la référence', async (annee) => {
      const reference = calculerReference(dossier, annee);
      const calcules = await chiffresParML(base, catalogue, annee);
      expect(calcules.map((c) => c.code_structure)).toEqual(reference.structures.map((s) => s.code_structure));
      for (const [k, attendu] of reference.structures.entries()) {
        comparer(calcules[k].indicateurs, attendu.indicateurs, `${attendu.code_structure} ${annee}`);
        comparer(calcules[k].ratios, attendu.ratios, `${attendu.code_structure} ${annee}`);
      }
    });

    // Fins de mois d'une année bissextile (29 février compris), veille et premier jour de la période JDI, 31 décembre.
    const COUPURES = [
      ...Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2016, m + 1, 0)).toISOString().slice(0, 10)),
      '2017-02-28',
      '2017-07-31',
      '2017-08-01',
      '2018-01-01',
      '2018-12-31',
    ];
    it.each(COUPURES)('à date du %s : chaque indicateur et chaque ratio de chaque ML égale la référence', async (au) => {
      const annee = Number(au.slice(0, 4));
      const reference = calculerReference(dossier, annee, au);
      const calcules = await chiffresParML(base, catalogue, annee, undefined, au);
      expect(calcules.map((c) => c.code_structure)).toEqual(reference.structures.map((s) => s.code_structure));
      for (const [k, attendu] of reference.structures.entries()) {
        comparer(calcules[k].indicateurs, attendu.indicateurs, `${attendu.code_structure} au ${au}`);
        comparer(calcules[k].ratios, attendu.ratios, `${attendu.code_structure} au ${au}`);
      }
    });

    it("au 31 décembre : exactement l'année ; une ML seule à date, comme dans le réseau ; une date hors de l'année refusée", async () => {
      expect(await chiffresParML(base, catalogue, 2017, undefined, '2017-12-31')).toEqual(await chiffresParML(base, catalogue, 2017));
      const tous = await chiffresParML(base, catalogue, 2017, undefined, '2017-06-30');
      expect(tous).not.toEqual(await chiffresParML(base, catalogue, 2017));
      expect(await chiffresParML(base, catalogue, 2017, [tous[1].code_structure], '2017-06-30')).toEqual([tous[1]]);
      await expect(chiffresParML(base, catalogue, 2017, undefined, '2018-01-31')).rejects.toThrow("la date de coupure 2018-01-31 n'est pas dans l'année 2017");
      await expect(chiffresParML(base, catalogue, 2017, undefined, '2017-02-29')).rejects.toThrow('date de coupure invalide : « 2017-02-29 »');
    });

    it("les déclinaisons somment à l'indicateur, et une ML seule donne les mêmes chiffres que le réseau entier", async () => {
      const tous = await chiffresParML(base, catalogue, 2017);
      for (const ml of tous) {
        for (const [id, parDeclinaison] of Object.entries(ml.declinaisons)) {
          for (const [declinaison, effectifs] of Object.entries(parDeclinaison)) {
            expect(Object.values(effectifs).reduce((a, b) => a + b, 0), `${ml.code_structure} ${id} ${declinaison}`).toBe(ml.indicateurs[id]);
          }
        }
        const [seule] = await chiffresParML(base, catalogue, 2017, [ml.code_structure]);
        expect(seule).toEqual(ml);
      }
    });

    it('agrège département, région et nation par sommes, et les ratios par somme des numérateurs sur somme des dénominateurs', async () => {
      const tableau = await tableauAnnuel(base, catalogue, 2017);
      const jeunes = tableau.structures.reduce((s, m) => s + m.indicateurs.jeunes_accompagnes!, 0);
      expect(tableau.national.indicateurs.jeunes_accompagnes).toBe(jeunes);
      expect(tableau.regions.reduce((s, r) => s + r.indicateurs.jeunes_accompagnes!, 0)).toBe(jeunes);
      const contact = tableau.structures.reduce((s, m) => s + m.indicateurs.jeunes_en_contact!, 0);
      expect(tableau.national.ratios.ratio_03).toBeCloseTo(jeunes / contact, 12);
      const valeurs = tableau.structures.map((s) => s.ratios.ratio_03!).sort((a, b) => a - b);
      expect(tableau.distributions.national.ratio_03).toMatchObject({ minimum: valeurs[0], maximum: valeurs.at(-1), effectif: valeurs.length });
    });
  });

  describe('temps réel et instantanés', () => {
    let base: Base;
    beforeAll(async () => {
      base = await moteur.ouvrir();
    });
    afterAll(async () => base.fermer());

    const structure = csv([['code_structure', 'nom', 'code_departement', 'code_region'], ['ML1', 'Mission locale 1', '35', '53']]);
    const jeunes = (n: number) =>
      csv([['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil'], ...Array.from({ length: n }, (_, i) => ['ML1', `J${i}`, '1998-01-01', 'F', '2017-02-01'])]);
    const evenements = (n: number) =>
      csv([['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'], ...Array.from({ length: n }, (_, i) => ['ML1', `E${i}`, `J${i}`, '2017-03-01', 'ATELIER'])]);

    it("un import terminé se voit à la requête suivante ; un instantané figé ne change plus", async () => {
      const service = new ServiceChiffres(base, catalogue);
      await importerExtrait(base, ecrireExtrait({ 'structures.csv': structure, 'jeunes.csv': jeunes(3), 'evenements.csv': evenements(2) }), { fichiers: lecteurFichiers, horloge });
      expect((await service.structure(2017, 'ML1'))!.indicateurs.jeunes_accompagnes).toBe(2);
      const fige = await figerInstantane(base, catalogue, { annee: 2017, acteur: 'test', origine: 'test' });
      expect(fige).toMatchObject({ annee: 2017, code_region: null, catalogue: catalogue.version });
      expect(fige.empreinte).toMatch(/^[0-9a-f]{64}$/);

      await importerExtrait(base, ecrireExtrait({ 'jeunes.csv': jeunes(3), 'evenements.csv': evenements(3) }), { fichiers: lecteurFichiers, horloge });
      expect((await service.structure(2017, 'ML1'))!.indicateurs.jeunes_accompagnes).toBe(3);

      const relu = await lireInstantane(base, fige.id);
      expect(relu!.integre).toBe(true);
      expect(relu!.contenu.structures[0].indicateurs.jeunes_accompagnes).toBe(2);
      await expect(base.query(`UPDATE instantane SET empreinte = 'x' WHERE id = $1`, [fige.id])).rejects.toThrow(/ajout seul/);
      await expect(base.query(`DELETE FROM instantane`)).rejects.toThrow(/ajout seul/);

      // Mêmes données, même empreinte : l'empreinte ne dépend que du contenu.
      const second = await figerInstantane(base, catalogue, { annee: 2017, acteur: 'test', origine: 'test' });
      const troisieme = await figerInstantane(base, catalogue, { annee: 2017, acteur: 'autre', origine: 'test' });
      expect(troisieme.empreinte).toBe(second.empreinte);
      expect(second.empreinte).not.toBe(fige.empreinte);
      expect((await listerInstantanes(base, { annee: 2017 })).map((i) => i.id)).toEqual([fige.id, second.id, troisieme.id]);
      await expect(figerInstantane(base, catalogue, { annee: 2017, region: '99', acteur: 'test', origine: 'test' })).rejects.toThrow('région inconnue : 99');

      // Un événement déplacé d'une année à l'autre quitte l'activité de 2017 et rejoint celle de 2016.
      const deplace = csv([['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'], ['ML1', 'E2', 'J2', '2016-03-01', 'ATELIER']]);
      await importerExtrait(base, ecrireExtrait({ 'evenements.csv': deplace }), { fichiers: lecteurFichiers, horloge });
      expect((await service.structure(2017, 'ML1'))!.indicateurs.jeunes_accompagnes).toBe(2);
      expect((await service.structure(2016, 'ML1'))!.indicateurs.jeunes_accompagnes).toBe(1);
    });
  });
});
