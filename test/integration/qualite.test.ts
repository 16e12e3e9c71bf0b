// La qualité des données par ML et par année, sur les deux moteurs : chaque règle trouve le cas
// construit pour elle dans une ML, et rien dans une ML propre ; la date de première réception d'une
// ligne survit à son remplacement ; un catalogue de règles invalide empêche le démarrage ; l'État ne
// reçoit que des nombres, la ML les jeunes à corriger (lecture auditée).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogueQualite } from '../../src/application/qualite/catalogueQualiteEnVigueur.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';

const PROPRE = 'ML03501';
const SALE = 'ML02901';
const NOUVELLE = 'ML02902';
/** Absorbée en 2016 : rien à déclarer pour 2017. */
const ANCIENNE = 'ML03502';

/**
 * Le premier extrait, reçu le 1er mars 2017. ML propre : deux jeunes complets, vus en entretien
 * individuel, une situation close, contexte et moyens déclarés. ML sale : S1 sans niveau, QPV, ZRR ni
 * commune, accompagné en atelier seulement (sans diagnostic) ; S2 et S3 en doublon (même naissance,
 * sexe, commune, premier accueil) ; une situation de S3 toujours ouverte après sa fin prévue ; des
 * moyens incomplets et pas de contexte.
 */
function premierExtrait(niveauC1 = 'IV') {
  return {
    'structures.csv': csv([
      ['code_structure', 'nom', 'code_departement', 'code_region', 'date_fin', 'code_structure_absorbante'],
      [PROPRE, 'Mission locale de Rennes', '35', '53', '', ''],
      [SALE, 'Mission locale de Brest', '29', '53', '', ''],
      [ANCIENNE, 'Mission locale de Vitré', '35', '53', '2016-06-30', PROPRE],
    ]),
    'jeunes.csv': csv([
      ['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'niveau_formation', 'commune_residence', 'qpv', 'zrr', 'date_premier_accueil'],
      [PROPRE, 'C1', '1996-01-01', 'F', niveauC1, '35238', 0, 0, '2017-01-02'],
      [PROPRE, 'C2', '1997-02-02', 'H', 'V', '35238', 1, 0, '2017-01-02'],
      [SALE, 'S1', '1998-03-03', 'H', '', '', '', '', '2017-01-03'],
      [SALE, 'S2', '1995-05-05', 'F', 'IV', '29019', 0, 0, '2017-01-03'],
      [SALE, 'S3', '1995-05-05', 'F', 'V', '29019', 0, 0, '2017-01-03'],
    ]),
    'evenements.csv': csv([
      ['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'],
      [PROPRE, 'E1', 'C1', '2017-02-10', 'ENTRETIEN_INDIVIDUEL'],
      [PROPRE, 'E2', 'C2', '2017-02-12', 'ENTRETIEN_INDIVIDUEL'],
      [SALE, 'E1', 'S1', '2017-02-01', 'ATELIER'],
      [SALE, 'E2', 'S2', '2017-02-02', 'ENTRETIEN_INDIVIDUEL'],
      [SALE, 'E3', 'S3', '2017-02-02', 'ENTRETIEN_INDIVIDUEL'],
    ]),
    'situations.csv': csv([
      ['code_structure', 'id_situation', 'id_jeune', 'categorie', 'type_contrat', 'date_debut', 'date_fin_prevue', 'date_fin'],
      [PROPRE, 'S1', 'C1', 'EMPLOI', 'CDD', '2017-01-05', '2017-02-15', '2017-02-15'],
      [SALE, 'S1', 'S3', 'EMPLOI', 'CDD', '2017-01-05', '2017-02-15', ''],
    ]),
    'contexte.csv': csv([
      ['code_structure', 'annee', 'pop_16_25', 'actifs_non_occupes_16_25', 'neet_16_25', 'taux_chomage_15_24', 'demandeurs_emploi_moins_26'],
      [PROPRE, 2017, 40000, 6000, 3000, '21,4', 2500],
    ]),
    'moyens.csv': csv([
      ['code_structure', 'annee', 'etp_total', 'etp_conseillers', 'nb_sites', 'produits_total', 'etat_cpo'],
      [PROPRE, 2017, '42.5', 30, 4, 1000000, 460000],
      [SALE, 2017, '12', '', '', '', ''],
    ]),
  };
}

/**
 * Le second, reçu le 31 décembre : le même, C1 changé, un entretien de décembre (à temps) et un de
 * janvier reçu en décembre (tard) ; et une ML nouvelle, dont l'historique de l'année arrive avec son
 * premier chargement (pas en retard).
 */
function secondExtrait() {
  const extrait = premierExtrait('III');
  extrait['structures.csv'] += csv([[NOUVELLE, 'Mission locale de Quimper', '29', '53', '', '']]);
  extrait['jeunes.csv'] += csv([[NOUVELLE, 'N1', '1996-01-01', 'F', 'IV', '29232', 0, 0, '2017-01-02']]);
  extrait['evenements.csv'] += csv([
    [PROPRE, 'E3', 'C1', '2017-12-15', 'ENTRETIEN_INDIVIDUEL'],
    [SALE, 'E4', 'S2', '2017-01-20', 'ENTRETIEN_INDIVIDUEL'],
    [NOUVELLE, 'E1', 'N1', '2017-01-10', 'ENTRETIEN_INDIVIDUEL'],
  ]);
  return extrait;
}

surChaqueMoteur('Qualité des données', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let directionSale: Record<string, string>;
  let directionPropre: Record<string, string>;
  let directionNouvelle: Record<string, string>;
  let ud29: Record<string, string>;
  let direccte: Record<string, string>;

  beforeAll(async () => {
    base = await moteur.ouvrir();
    for (const [extrait, jour] of [
      [premierExtrait(), '2017-03-01'],
      [secondExtrait(), '2017-12-31'],
    ] as const) {
      const rapport = await importerExtrait(base, ecrireExtrait(extrait), { fichiers: lecteurFichiers, horloge: new HorlogeFixe(jour) });
      expect(rapport.erreurs).toEqual([]);
    }
    app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2018-06-01') });
    const comptes = await comptesDemo(app);
    directionSale = await connecter(app, compte(comptes, 'direction_ml', SALE));
    directionPropre = await connecter(app, compte(comptes, 'direction_ml', PROPRE));
    directionNouvelle = await connecter(app, compte(comptes, 'direction_ml', NOUVELLE));
    ud29 = await connecter(app, compte(comptes, 'agent_ud', '29'));
    direccte = await connecter(app, compte(comptes, 'agent_direccte', '53'));
  });
  afterAll(async () => {
    await app?.close();
    await base?.fermer();
  });

  const qualite = async (code: string, session: Record<string, string>) => {
    const reponse = await app.inject({ url: `/api/structures/${code}/qualite?annee=2017`, headers: session });
    expect(reponse.statusCode, reponse.body).toBe(200);
    return reponse.json();
  };
  const parRegle = (q: any) => Object.fromEntries(q.constats.map((c: any) => [c.regle, [c.nombre, c.base]]));

  it('garde la date de première réception quand un ré-import remplace la ligne', async () => {
    const lignes = await base.query<{ t: string; id: string; recu_le: string; niveau: string | null }>(
      `SELECT 'jeune' AS t, id_jeune AS id, recu_le::text, niveau_formation AS niveau FROM jeune WHERE code_structure = $1 AND id_jeune = 'C1'
       UNION ALL SELECT 'evenement', id_evenement, recu_le::text, NULL FROM evenement WHERE code_structure = $1 ORDER BY 1, 2`,
      [PROPRE],
    );
    expect(lignes).toEqual([
      { t: 'evenement', id: 'E1', recu_le: '2017-03-01', niveau: null },
      { t: 'evenement', id: 'E2', recu_le: '2017-03-01', niveau: null },
      { t: 'evenement', id: 'E3', recu_le: '2017-12-31', niveau: null },
      // Remplacée par le second extrait (niveau changé), la ligne garde sa date de première réception.
      { t: 'jeune', id: 'C1', recu_le: '2017-03-01', niveau: 'III' },
    ]);
  });

  it('chaque règle trouve le cas construit pour elle, et rien dans une ML propre', async () => {
    const sale = await qualite(SALE, directionSale);
    expect(parRegle(sale)).toEqual({
      completude_niveau_formation: [1, 3],
      completude_qpv: [1, 3],
      completude_zrr: [1, 3],
      completude_commune: [1, 3],
      accompagnes_sans_diagnostic: [1, 3],
      // Quatre événements et une situation de 2017 ; l'entretien du 20 janvier, reçu le 31 décembre.
      reception_tardive: [1, 5],
      situations_ouvertes: [1, 1],
      doublons_jeunes: [2, 3],
      contexte_manquant: [5, 5],
      moyens_manquants: [4, 5],
    });
    expect(sale.constats.every((c: any) => !c.respectee)).toBe(true);
    expect(sale.niveau).toBe('faible');
    expect(sale.jeunes).toEqual({
      completude_niveau_formation: ['S1'],
      completude_qpv: ['S1'],
      completude_zrr: ['S1'],
      completude_commune: ['S1'],
      accompagnes_sans_diagnostic: ['S1'],
      reception_tardive: ['S2'],
      situations_ouvertes: ['S3'],
      doublons_jeunes: ['S2', 'S3'],
    });

    const propre = await qualite(PROPRE, directionPropre);
    expect(Object.values(parRegle(propre)).map(([nombre]: any) => nombre)).toEqual(new Array(10).fill(0));
    expect(propre.constats.every((c: any) => c.respectee)).toBe(true);
    expect([propre.score, propre.niveau]).toEqual([100, 'eleve']);
    expect(Object.values(propre.jeunes).flat()).toEqual([]);

    // Reçue le 31 décembre avec sa ML, la ligne du 10 janvier n'est pas en retard.
    const nouvelle = await qualite(NOUVELLE, directionNouvelle);
    expect(parRegle(nouvelle).reception_tardive).toEqual([0, 1]);
  });

  it("inscrit au journal d'audit la lecture des jeunes à corriger, dans la ML", async () => {
    await qualite(SALE, directionSale);
    const [ligne] = await base.query<{ acteur: string; code_structure: string; details: any }>(
      `SELECT acteur, code_structure, details FROM journal_audit WHERE action = 'lire_qualite_jeunes' ORDER BY id DESC LIMIT 1`,
    );
    expect(ligne.code_structure).toBe(SALE);
    expect(ligne.acteur).toMatch(new RegExp(`@ml-${SALE}\\.demo$`));
    expect(ligne.details).toEqual({ annee: 2017, lus: ['S1', 'S2', 'S3'] });
  });

  it("l'État reçoit les mêmes nombres, sans aucun identifiant de jeune, et rien n'est audité comme nominatif", async () => {
    const avant = await base.query(`SELECT count(*)::int AS n FROM journal_audit WHERE action = 'lire_qualite_jeunes'`);
    const reponse = await app.inject({ url: `/api/structures/${SALE}/qualite?annee=2017`, headers: ud29 });
    expect(reponse.statusCode).toBe(200);
    expect(reponse.json().jeunes).toBeUndefined();
    expect(parRegle(reponse.json())).toEqual(parRegle(await qualite(SALE, directionSale)));
    const region = await app.inject({ url: '/api/qualite/region/53?annee=2017', headers: direccte });
    expect(region.statusCode).toBe(200);
    expect(region.json().structures.map((s: any) => [s.code, s.niveau])).toEqual([
      [SALE, 'faible'],
      [NOUVELLE, 'faible'],
      [PROPRE, 'eleve'],
      // Sans jeune ni rien à déclarer en 2017 : pas de niveau.
      [ANCIENNE, null],
    ]);
    // La région somme les comptages de ses ML.
    expect(parRegle(region.json()).doublons_jeunes).toEqual([2, 6]);
    for (const texte of [reponse.body, region.body]) expect(texte).not.toMatch(/"(S1|S2|S3|C1|C2|N1)"/);
    const apres = await base.query(`SELECT count(*)::int AS n FROM journal_audit WHERE action = 'lire_qualite_jeunes'`);
    expect(apres[0].n).toBe(avant[0].n + 1);
  });

  it('vérifie le périmètre : une ML ne lit pas une autre ML, une UD pas un autre département', async () => {
    for (const [url, session] of [
      [`/api/structures/${SALE}/qualite?annee=2017`, directionPropre],
      ['/api/qualite/departement/35?annee=2017', ud29],
      ['/api/qualite/national/FR?annee=2017', direccte],
    ] as const) {
      const reponse = await app.inject({ url, headers: session });
      expect([reponse.statusCode, reponse.json().code], url).toEqual([403, 'hors_perimetre']);
    }
  });

  it('un import change aussitôt les nombres du territoire, gardés entre deux lectures', async () => {
    const contexte = async () => parRegle((await app.inject({ url: '/api/qualite/region/53?annee=2017', headers: direccte })).json()).contexte_manquant;
    expect(await contexte()).toEqual([10, 15]);
    const extrait = {
      'contexte.csv': csv([
        ['code_structure', 'annee', 'pop_16_25', 'actifs_non_occupes_16_25', 'neet_16_25', 'taux_chomage_15_24', 'demandeurs_emploi_moins_26'],
        [SALE, 2017, 30000, 5000, 2000, '19,0', 2100],
      ]),
    };
    expect((await importerExtrait(base, ecrireExtrait(extrait), { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-01-15') })).erreurs).toEqual([]);
    expect(await contexte()).toEqual([5, 15]);
  });

  it('un catalogue de règles absent ou au JSON cassé se dit en français, avec le fichier et la ligne', () => {
    const absent = join(dossierTemporaire('qualite'), 'absent.json');
    expect(() => chargerCatalogueQualite(absent)).toThrow(`catalogue de qualité des données illisible : ${absent} (fichier introuvable)`);
    const casse = join(dossierTemporaire('qualite'), 'casse.json');
    writeFileSync(casse, '{\n  "version": "x",\n}\n');
    expect(() => chargerCatalogueQualite(casse)).toThrow(`catalogue de qualité des données illisible : ${casse} (JSON invalide, ligne 3)`);
  });

  it('refuse de démarrer avec un catalogue de règles invalide, en disant où', async () => {
    const fichier = join(dossierTemporaire('qualite'), 'regles.json');
    writeFileSync(fichier, JSON.stringify({ version: 'x', libelle: 'x', gravites: { g: { libelle: 'g', poids: 1 } }, niveaux: { eleve: 80, moyen: 50 }, regles: [{ id: 'r', type: 'completude', champ: 'pointure', libelle: 'r', explication: 'r', seuil: 0.1, gravite: 'g' }] }));
    process.env.CPO_CATALOGUE_QUALITE = fichier;
    try {
      await expect(creerServeur(base, { connexionDemo: false })).rejects.toThrow(`${fichier} : regles.0 (r) : « pointure » n'est pas un champ facultatif de jeunes.csv`);
    } finally {
      delete process.env.CPO_CATALOGUE_QUALITE;
    }
  });
});
