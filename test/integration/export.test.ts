import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { exporterExtrait } from '../../src/application/echange/exporterExtrait.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

const contenu = (dossier: string) => Object.fromEntries(readdirSync(dossier).map((f) => [f, readFileSync(join(dossier, f), 'utf8')]));

const EXTRAIT = {
  'structures.csv': csv([
    ['code_structure', 'nom', 'siret', 'code_departement', 'code_region', 'adresse', 'communes', 'date_debut'],
    ['ML03501', 'Mission locale de Rennes', '12345678901234', '35', '53', '"3 rue de l\'Alma; Rennes"', '35238|35047', '2015-01-01'],
    ['ML02901', 'Mission locale de Brest', '', '29', '53', '', '29019', ''],
  ]),
  'jeunes.csv': csv([
    ['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'niveau_formation', 'qpv', 'zrr', 'date_premier_accueil', 'nom', 'prenom', 'courriel'],
    ['ML03501', 'J1', '1995-02-15', 'F', 'IV', '1', '0', '2015-03-01', 'Durand', '"Léa ""Lili"""', 'lea@exemple.fr'],
    ['ML03501', 'J2', '1996-05-01', 'H', '', '', '', '2017-09-01', '', '', ''],
    ['ML02901', 'J1', '1997-07-07', 'H', 'V', '0', '1', '2016-01-10', 'Le Gall', 'Yann', ''],
  ]),
  'evenements.csv': csv([
    ['code_structure', 'id_evenement', 'id_jeune', 'date', 'type', 'id_conseiller'],
    ['ML03501', 'E1', 'J1', '2015-03-01', 'ENTRETIEN_INDIVIDUEL', 'C1'],
    ['ML03501', 'E2', 'J1', '2017-03-01', 'ATELIER', ''],
    ['ML03501', 'E3', 'J2', '2017-09-01', 'TELEPHONE', ''],
    ['ML02901', 'E1', 'J1', '2016-01-10', 'ENTRETIEN_INDIVIDUEL', 'C9'],
  ]),
  'dispositifs.csv': csv([
    ['code_structure', 'id_dispositif', 'id_jeune', 'type', 'date_debut', 'date_fin', 'motif_fin'],
    ['ML03501', 'D1', 'J1', 'CIVIS', '2015-04-01', '2016-03-31', 'EMPLOI'],
    ['ML02901', 'D1', 'J1', 'GARANTIE_JEUNES', '2016-02-01', '', ''],
  ]),
  'situations.csv': csv([
    ['code_structure', 'id_situation', 'id_jeune', 'categorie', 'type_contrat', 'date_debut', 'date_fin_prevue', 'date_fin'],
    ['ML03501', 'S1', 'J1', 'EMPLOI', 'CDD', '2017-04-01', '2017-09-30', '2017-09-30'],
  ]),
  'aides.csv': csv([['code_structure', 'id_aide', 'id_jeune', 'type', 'date', 'montant'], ['ML03501', 'A1', 'J1', 'FIPJ', '2015-05-01', '150,5']]),
  'offres.csv': csv([['code_structure', 'id_offre', 'date_collecte', 'pourvue', 'intitule'], ['ML03501', 'O1', '2017-02-01', 'oui', '"Serveur; H/F"']]),
  'contexte.csv': csv([['code_structure', 'annee', 'pop_16_25', 'taux_chomage_15_24'], ['ML03501', 2017, 40000, '21,4']]),
  'moyens.csv': csv([['code_structure', 'annee', 'etp_total', 'produits_total', 'etat_cpo'], ['ML03501', 2017, '42.5', 1000, 1000]]),
};

/** Le jour des imports : après toutes les dates des extraits de test. */
const horloge = new HorlogeFixe('2020-01-01');

surChaqueMoteur('export', (moteur) => {
  let base: Base;
  beforeEach(async () => {
    base = await moteur.ouvrir();
    const r = await importerExtrait(base, ecrireExtrait(EXTRAIT), { fichiers: lecteurFichiers, horloge });
    expect(r.erreurs).toEqual([]);
  });
  afterEach(async () => {
    await base.fermer();
  });

  it("aller-retour : exporter, importer dans une base vide, réexporter donne des fichiers identiques", async () => {
    const premier = dossierTemporaire();
    await exporterExtrait(base, premier);
    const autre = await moteur.ouvrir();
    try {
      const r = await importerExtrait(autre, premier, { fichiers: lecteurFichiers, horloge });
      expect(r.erreurs).toEqual([]);
      const second = dossierTemporaire();
      await exporterExtrait(autre, second);
      expect(contenu(second)).toEqual(contenu(premier));
    } finally {
      await autre.fermer();
    }
    const fichiers = contenu(premier);
    expect(fichiers['jeunes.csv'].split('\n')[1]).toBe('ML02901;J1;1997-07-07;H;V;;0;1;;;2016-01-10;;Le Gall;Yann;;');
    expect(fichiers['offres.csv'].split('\n')[1]).toBe('ML03501;O1;2017-02-01;1;"Serveur; H/F"');
    expect(fichiers['aides.csv'].split('\n')[1]).toBe('ML03501;A1;J1;FIPJ;2015-05-01;150.50');
  });

  it("filtre par structure et par année, sans perdre un jeune auquel renvoie une ligne exportée", async () => {
    const dossier = dossierTemporaire();
    const resultat = await exporterExtrait(base, dossier, { structure: 'ML03501', annee: 2017 });
    const lignes = Object.fromEntries(resultat.fichiers.map((f) => [f.fichier, f.lignes]));
    expect(lignes).toMatchObject({ 'structures.csv': 1, 'jeunes.csv': 2, 'evenements.csv': 2, 'dispositifs.csv': 0, 'situations.csv': 1, 'aides.csv': 0, 'offres.csv': 1, 'contexte.csv': 1 });
    const autre = await moteur.ouvrir();
    try {
      expect((await importerExtrait(autre, dossier, { fichiers: lecteurFichiers, horloge })).erreurs).toEqual([]);
    } finally {
      await autre.fermer();
    }
  });

  it("aller-retour sans neutralisation : une valeur qui ressemble à une formule sort et revient telle quelle (décision 0013)", async () => {
    const formules = ecrireExtrait({
      'jeunes.csv': csv([
        ['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil', 'nom', 'prenom', 'telephone'],
        ['ML03501', 'J9', '1996-01-01', 'F', '2016-01-01', '=1+1', '@SOMME(A1)', '+33 6 12 34 56 78'],
      ]),
      'offres.csv': csv([['code_structure', 'id_offre', 'date_collecte', 'intitule'], ['ML03501', 'O9', '2017-02-01', '-Serveur']]),
    });
    expect((await importerExtrait(base, formules, { fichiers: lecteurFichiers, horloge })).erreurs).toEqual([]);
    const dossier = dossierTemporaire();
    await exporterExtrait(base, dossier);
    const fichiers = contenu(dossier);
    expect(fichiers['jeunes.csv']).toContain(';=1+1;@SOMME(A1);;+33 6 12 34 56 78\n');
    expect(fichiers['offres.csv']).toContain('ML03501;O9;2017-02-01;;-Serveur\n');
    const autre = await moteur.ouvrir();
    try {
      expect((await importerExtrait(autre, dossier, { fichiers: lecteurFichiers, horloge })).erreurs).toEqual([]);
      const identite = `SELECT nom, prenom, telephone FROM jeune_identite WHERE code_structure = 'ML03501' AND id_jeune = 'J9'`;
      expect(await autre.query(identite)).toEqual([{ nom: '=1+1', prenom: '@SOMME(A1)', telephone: '+33 6 12 34 56 78' }]);
      expect(await autre.query(`SELECT intitule FROM offre WHERE id_offre = 'O9'`)).toEqual([{ intitule: '-Serveur' }]);
    } finally {
      await autre.fermer();
    }
  });

  it("sans identité : ni nom ni prénom ni courriel ni téléphone", async () => {
    const dossier = dossierTemporaire();
    await exporterExtrait(base, dossier, { sansIdentite: true });
    const entete = readFileSync(join(dossier, 'jeunes.csv'), 'utf8').split('\n')[0];
    expect(entete).toBe('code_structure;id_jeune;date_naissance;sexe;niveau_formation;commune_residence;qpv;zrr;rqth;inscrit_pole_emploi;date_premier_accueil;id_conseiller');
    expect(readFileSync(join(dossier, 'jeunes.csv'), 'utf8')).not.toContain('Durand');
  });

  it("refuse une structure inconnue ou une année absurde, et trace l'export nominatif", async () => {
    await expect(exporterExtrait(base, dossierTemporaire(), { structure: 'ML99999' })).rejects.toThrow('structure inconnue : ML99999');
    await expect(exporterExtrait(base, dossierTemporaire(), { structure: "x' OR '1'='1" })).rejects.toThrow("structure inconnue : x' OR '1'='1");
    await expect(exporterExtrait(base, dossierTemporaire(), { annee: 1789 })).rejects.toThrow(/année invalide/);
    await exporterExtrait(base, dossierTemporaire(), { structure: 'ML02901' });
    const audit = await base.query(`SELECT action, code_structure FROM journal_audit WHERE action LIKE 'export%'`);
    expect(audit).toEqual([{ action: 'export_extrait_nominatif', code_structure: 'ML02901' }]);
  });

  it("les filtres passent en paramètres liés : une structure dont le code porte des apostrophes s'exporte, et rien d'autre ne bouge", async () => {
    const code = "ML' OR '1'='1";
    const extrait = ecrireExtrait({
      'structures.csv': csv([['code_structure', 'nom', 'code_departement', 'code_region'], [code, "Mission locale de l'Odet", '29', '53']]),
      'jeunes.csv': csv([['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil'], [code, "J'1", '1996-01-01', 'F', '2017-01-01']]),
    });
    expect((await importerExtrait(base, extrait, { fichiers: lecteurFichiers, horloge })).erreurs).toEqual([]);
    const dossier = dossierTemporaire();
    const resultat = await exporterExtrait(base, dossier, { structure: code, annee: 2017 });
    expect(Object.fromEntries(resultat.fichiers.map((f) => [f.fichier, f.lignes]))).toMatchObject({ 'structures.csv': 1, 'jeunes.csv': 1, 'evenements.csv': 0 });
    expect(contenu(dossier)['jeunes.csv']).toContain(`${code};J'1;1996-01-01;F;`);
    expect(await base.query('SELECT count(*)::int AS n FROM jeune')).toEqual([{ n: 4 }]);
    const audit = await base.query(`SELECT action, code_structure FROM journal_audit WHERE action LIKE 'export%'`);
    expect(audit).toEqual([{ action: 'export_extrait_nominatif', code_structure: code }]);
  });
});
