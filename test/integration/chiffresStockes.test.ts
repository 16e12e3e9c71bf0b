// Les chiffres stockés par ML : un serveur qui redémarre les sert sans relire les faits ; une écriture
// pour une ML ne fait recalculer qu'elle, et le réseau s'en redéduit ; un nouveau catalogue recalcule
// tout en arrière-plan pendant que les chiffres du précédent restent servis, libellés.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import { ServiceChiffres } from '../../src/application/indicateurs/serviceChiffres.ts';
import { tableauAnnuel } from '../../src/application/indicateurs/tableauDeBord.ts';
import type { Base, Requeteur } from '../../src/application/ports/base.ts';
import type { Catalogue } from '../../src/domaine/indicateurs/catalogue.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

const catalogue = chargerCatalogue();
const horloge = new HorlogeFixe('2019-01-15');

/** Le Requeteur de la base, qui note chaque requête et ses paramètres. */
function espion(base: Base) {
  const requetes: { sql: string; params: unknown[] }[] = [];
  const db: Requeteur = {
    ...base,
    parallele: base.parallele,
    query: (sql: string, params: unknown[] = []) => {
      requetes.push({ sql, params });
      return base.query(sql, params);
    },
  } as Requeteur;
  /** Les requêtes qui lisent les faits du parcours (le moteur au travail), depuis la `depuis`-ième. */
  const moteur = (depuis = 0) => requetes.slice(depuis).filter((r) => /\bFROM (jeune|evenement|dispositif|situation|aide|offre|activite_jeune_annee)\b/.test(r.sql));
  return { db, requetes, moteur };
}

/** Sans l'ordre des clés, que jsonb ne garde pas. */
const trie = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(trie) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, trie(x)])) : v;

surChaqueMoteur('chiffres stockés par ML', (moteur) => {
  let base: Base;
  const dossier = dossierTemporaire('stockes');
  let codes: string[];
  beforeAll(async () => {
    ecrireExtraitAleatoire(dossier, 21, { structures: 3, jeunesParStructure: 80 });
    base = await moteur.ouvrir();
    const r = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge });
    expect(r.erreurs).toEqual([]);
    codes = (await base.query<{ code_structure: string }>('SELECT code_structure FROM mission_locale ORDER BY 1')).map((l) => l.code_structure);
  });
  afterAll(async () => base.fermer());

  it('un service neuf (un serveur redémarré) sert les chiffres stockés sans relire les faits, et ce sont ceux du moteur', async () => {
    const premier = await new ServiceChiffres(base, catalogue).tableau(2017);
    const { db, moteur } = espion(base);
    const redemarre = await new ServiceChiffres(db, catalogue).tableau(2017);
    expect(moteur()).toEqual([]);
    expect(trie(redemarre)).toEqual(trie(premier));
    expect(trie(redemarre)).toEqual(trie(await tableauAnnuel(base, catalogue, 2017)));
    const [{ n }] = await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM chiffres_ml WHERE annee = 2017 AND au = '2017-12-31'`);
    expect(n).toBe(codes.length);
  });

  it("un dépôt d'une ML ne fait recalculer qu'elle ; le réseau s'en redéduit, égal à un recalcul complet", async () => {
    const { db, requetes, moteur } = espion(base);
    const service = new ServiceChiffres(db, catalogue);
    const avant = await service.tableau(2017);
    const [x] = codes;
    const deposee = ecrireExtrait({
      'evenements.csv': csv([
        ['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'],
        [x, 'NOUVEAU-1', (await base.query<{ id_jeune: string }>('SELECT id_jeune FROM jeune WHERE code_structure = $1 ORDER BY 1 LIMIT 1', [x]))[0].id_jeune, '2017-05-02', 'ENTRETIEN_INDIVIDUEL'],
      ]),
    });
    const r = await importerExtrait(base, deposee, { fichiers: lecteurFichiers, horloge, structure: x });
    expect(r.statut).toBe('importe');
    const depuis = requetes.length;
    const apres = await service.tableau(2017);
    const lues = moteur(depuis);
    // Chaque requête du moteur est bornée à la ML déposée.
    expect(lues.length).toBeGreaterThan(0);
    for (const l of lues) expect(l.params).toContainEqual([x]);
    expect(apres.national.indicateurs.entretiens_individuels).toBe(avant.national.indicateurs.entretiens_individuels! + 1);
    expect(apres.structures.find((s) => s.code_structure === x)!.indicateurs.entretiens_individuels).toBe(
      avant.structures.find((s) => s.code_structure === x)!.indicateurs.entretiens_individuels! + 1,
    );
    expect(trie(apres)).toEqual(trie(await tableauAnnuel(base, catalogue, 2017)));
    // Et un serveur redémarré trouve la nouvelle valeur de X dans le stock.
    expect(trie(await new ServiceChiffres(base, catalogue).tableau(2017))).toEqual(trie(apres));
  });

  it('une coupure en cours d’année se stocke à part, et au 31 décembre on retrouve l’année', async () => {
    const service = new ServiceChiffres(base, catalogue);
    const juin = await service.tableau(2017, '2017-06-30');
    expect(juin.au).toBe('2017-06-30');
    expect(trie(juin)).toEqual(trie(await tableauAnnuel(base, catalogue, 2017, undefined, '2017-06-30')));
    const { db, moteur } = espion(base);
    expect(trie(await new ServiceChiffres(db, catalogue).tableau(2017, '2017-06-30'))).toEqual(trie(juin));
    expect(moteur()).toEqual([]);
    expect(trie(await service.tableau(2017, '2017-12-31'))).toEqual(trie(await service.tableau(2017)));
  });

  describe('un nouveau catalogue', () => {
    const nouveau: Catalogue = { ...catalogue, version: `${catalogue.version}-bis` };

    it('sert les chiffres du précédent, libellés, pendant que tout se recalcule, puis les siens', async () => {
      await new ServiceChiffres(base, catalogue).tableau(2016);
      const service = new ServiceChiffres(base, nouveau);
      const pendant = await service.structure(2016, codes[0]);
      expect(pendant).toMatchObject({ catalogue: catalogue.version, recalculEnCours: nouveau.version });
      await service.recalculsTermines();
      const apres = await service.structure(2016, codes[0]);
      expect(apres!.catalogue).toBe(nouveau.version);
      expect(apres!.recalculEnCours).toBeUndefined();
      expect(apres!.indicateurs).toEqual(pendant!.indicateurs);
      const [{ n }] = await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM chiffres_ml WHERE catalogue = $1 AND annee = 2016`, [nouveau.version]);
      expect(n).toBe(codes.length);
    });
  });
});
