// Tests de l'implémentation de référence sur de petits extraits écrits à la main, un par cas de bord,
// et du générateur d'extraits aléatoires (reproductible, valide, et qui touche bien les bords).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dossierTemporaire } from '../outils/extraits.ts';
import { ecrireExtraitAleatoire } from './extraitAleatoire.ts';
import { ajouterMois, analyserCsv, calculerReference, lireFichier, sommeEnCentimes, veille, type Ligne } from './indicateursReference.ts';

/** Écrit un extrait dans un dossier temporaire ; une ML « ML1 » par défaut. */
function extrait(fichiers: Record<string, string>): string {
  const dossier = dossierTemporaire('reference');
  const tout = { 'structures.csv': 'code_structure;nom;code_departement;code_region\nML1;Mission locale 1;35;53\n', ...fichiers };
  for (const [nom, contenu] of Object.entries(tout)) writeFileSync(join(dossier, nom), contenu);
  return dossier;
}

/** Les indicateurs (et ratios) d'une ML pour une année. */
function ml(dossier: string, annee: number, code = 'ML1') {
  const s = calculerReference(dossier, annee).structures.find((x) => x.code_structure === code);
  if (!s) throw new Error(`structure absente : ${code}`);
  return { ...s.indicateurs, ...s.ratios };
}

const JEUNES = (...ids: string[]) =>
  'code_structure;id_jeune;date_naissance;sexe;date_premier_accueil\n' + ids.map((id) => `ML1;${id};1996-05-10;F;2014-01-01\n`).join('');

const evenements = (lignes: [id: string, date: string, type: string][]) =>
  'code_structure;id_evenement;id_jeune;date;type\n' + lignes.map(([j, d, t], k) => `ML1;E${k};${j};${d};${t}\n`).join('');

const situations = (lignes: [id: string, categorie: string, contrat: string, debut: string, finPrevue: string][]) =>
  'code_structure;id_situation;id_jeune;categorie;type_contrat;date_debut;date_fin_prevue\n' +
  lignes.map(([j, c, t, d, f], k) => `ML1;S${k};${j};${c};${t};${d};${f}\n`).join('');

const dispositifs = (lignes: [id: string, type: string, debut: string, fin: string][]) =>
  'code_structure;id_dispositif;id_jeune;type;date_debut;date_fin\n' + lignes.map(([j, t, d, f], k) => `ML1;D${k};${j};${t};${d};${f}\n`).join('');

describe('lecture des fichiers', () => {
  it('lit guillemets, "" et séparateur entre guillemets, BOM, CRLF, virgule, colonnes dans le désordre', () => {
    const lignes = analyserCsv('\ufeff"id","nom",date\r\n1,"Dupont, ""Jo""",2016-01-01\r\n2,"a;b\nc",\r\n\r\n');
    expect(lignes).toEqual([
      { id: '1', nom: 'Dupont, "Jo"', date: '2016-01-01' },
      { id: '2', nom: 'a;b\nc', date: null },
    ]);
    expect(analyserCsv('a;b\n1,5;2\n')).toEqual([{ a: '1,5', b: '2' }]);
  });

  it('un fichier absent ne donne aucune ligne ; une colonne absente vaut null', () => {
    const dossier = extrait({ 'jeunes.csv': 'id_jeune,code_structure\nJ1,ML1\n' });
    expect(lireFichier(dossier, 'evenements.csv')).toEqual([]);
    expect(lireFichier(dossier, 'jeunes.csv')[0].date_premier_accueil).toBeUndefined();
    expect(ml(dossier, 2016).premiers_accueils).toBe(0);
  });

  it('une ligne par structure, même sans activité, triées par code ; les lignes des autres structures sont ignorées', () => {
    const dossier = extrait({
      'structures.csv': 'code_structure;nom;code_departement;code_region\nML2;B;35;53\nML10;C;35;53\nML1;A;35;53\n',
      'evenements.csv': 'code_structure;id_evenement;id_jeune;date;type\nML2;E1;J1;2016-03-01;ATELIER\nINCONNUE;E1;J1;2016-03-01;ATELIER\n',
    });
    const r = calculerReference(dossier, 2016);
    expect(r.annee).toBe(2016);
    expect(r.structures.map((s) => s.code_structure)).toEqual(['ML1', 'ML10', 'ML2']);
    expect(r.structures.map((s) => s.indicateurs.jeunes_accompagnes)).toEqual([0, 0, 1]);
  });
});

describe('bornes de l’année et de la période JDI', () => {
  it('événements du 31 décembre et du 1er janvier', () => {
    const dossier = extrait({
      'jeunes.csv': JEUNES('J1', 'J2'),
      'evenements.csv': evenements([
        ['J1', '2016-12-31', 'ENTRETIEN_INDIVIDUEL'],
        ['J1', '2017-01-01', 'ATELIER'],
        ['J2', '2017-01-01', 'INFORMATION_COLLECTIVE'],
        ['J2', '2017-12-31', 'SMS'],
      ]),
    });
    const a2016 = ml(dossier, 2016);
    expect([a2016.jeunes_en_contact, a2016.jeunes_accompagnes, a2016.entretiens_individuels, a2016.participations_collectives, a2016.jdi]).toEqual([1, 1, 1, 0, 1]);
    const a2017 = ml(dossier, 2017);
    expect([a2017.jeunes_en_contact, a2017.jeunes_accompagnes, a2017.entretiens_individuels, a2017.participations_collectives, a2017.jdi]).toEqual([2, 2, 0, 2, 0]);
    expect(a2017.jeunes_recus_entretien_individuel).toBe(0);
  });

  it('premiers accueils, offres et FIPJ du 31 décembre et du 1er janvier', () => {
    const dossier = extrait({
      'jeunes.csv': 'code_structure;id_jeune;date_naissance;sexe;date_premier_accueil\nML1;J1;1996-05-10;F;2016-12-31\nML1;J2;1996-05-10;H;2017-01-01\n',
      'offres.csv': 'code_structure;id_offre;date_collecte\nML1;O1;2016-12-31\nML1;O2;2017-01-01\nML1;O3;2017-12-31\n',
      'aides.csv': 'code_structure;id_aide;id_jeune;type;date;montant\nML1;A1;J1;FIPJ;2016-12-31;10\nML1;A2;J2;FIPJ;2017-01-01;20\n',
    });
    expect([ml(dossier, 2016).premiers_accueils, ml(dossier, 2017).premiers_accueils]).toEqual([1, 1]);
    expect([ml(dossier, 2016).offres_collectees, ml(dossier, 2017).offres_collectees]).toEqual([1, 2]);
    expect([ml(dossier, 2016).montant_fipj, ml(dossier, 2017).montant_fipj]).toEqual([10, 20]);
  });

  it('JDI : le 31 juillet ne compte pas, le 1er août compte, les contacts à distance non plus', () => {
    const dossier = extrait({
      'evenements.csv': evenements([
        ['J1', '2016-07-31', 'ENTRETIEN_INDIVIDUEL'],
        ['J2', '2016-08-01', 'ATELIER'],
        ['J3', '2016-12-31', 'INFORMATION_COLLECTIVE'],
        ['J4', '2016-09-01', 'TELEPHONE'],
        ['J5', '2017-08-01', 'ATELIER'],
      ]),
    });
    const a = ml(dossier, 2016);
    expect([a.jdi, a.jeunes_accompagnes, a.jeunes_en_contact]).toEqual([2, 3, 4]);
  });

  it('entrées en dispositif et situations qui commencent le 31 décembre ou le 1er janvier', () => {
    const dossier = extrait({
      'dispositifs.csv': dispositifs([
        ['J1', 'CIVIS', '2016-12-31', ''],
        ['J2', 'PACEA', '2017-01-01', ''],
        ['J3', 'GARANTIE_JEUNES', '2016-12-31', '2017-12-30'],
        ['J4', 'PPAE', '2017-01-01', ''],
      ]),
      'situations.csv': situations([
        ['J1', 'EMPLOI', 'EMPLOI_AVENIR', '2016-12-31', '2019-12-30'],
        ['J2', 'IMMERSION', 'PMSMP', '2017-01-01', '2017-01-10'],
      ]),
    });
    const a = ml(dossier, 2016);
    expect([a.entrees_parcours_contractualise, a.entrees_garantie_jeunes, a.entrees_ppae, a.entrees_emploi_avenir, a.immersions_pmsmp]).toEqual([1, 1, 0, 1, 0]);
    const b = ml(dossier, 2017);
    expect([b.entrees_parcours_contractualise, b.entrees_garantie_jeunes, b.entrees_ppae, b.entrees_emploi_avenir, b.immersions_pmsmp]).toEqual([1, 0, 1, 0, 1]);
  });
});

describe('à date : du 1er janvier au jour de coupure inclus', () => {
  /** Les indicateurs (et ratios) de ML1 pour l'année, au jour donné. */
  const auJour = (dossier: string, au: string) => {
    const s = calculerReference(dossier, Number(au.slice(0, 4)), au).structures[0];
    return { ...s.indicateurs, ...s.ratios };
  };

  it('événements, JDI, situations, dispositifs et aides comptent jusqu’au jour inclus ; les données déclarées de l’année restent', () => {
    const dossier = extrait({
      'jeunes.csv': 'code_structure;id_jeune;date_naissance;sexe;date_premier_accueil\nML1;J1;1996-05-10;F;2016-02-29\nML1;J2;1996-05-10;H;2016-03-01\n',
      'evenements.csv': evenements([
        ['J1', '2016-02-29', 'ENTRETIEN_INDIVIDUEL'],
        ['J2', '2016-07-31', 'ATELIER'],
        ['J1', '2016-08-01', 'ATELIER'],
      ]),
      'situations.csv': situations([['J1', 'EMPLOI', 'CDD', '2016-03-01', '2016-12-31']]),
      'dispositifs.csv': dispositifs([
        ['J1', 'CIVIS', '2015-03-01', '2016-02-29'],
        ['J2', 'PARRAINAGE', '2016-08-01', ''],
      ]),
      'aides.csv': 'code_structure;id_aide;id_jeune;type;date;montant\nML1;A1;J1;FIPJ;2016-07-31;10\nML1;A2;J2;FIPJ;2016-08-01;20\n',
      'contexte.csv': 'code_structure;annee;actifs_non_occupes_16_25\nML1;2016;400\n',
    });
    const champs = (a: Record<string, number | null>) => [
      a.jeunes_en_contact, a.premiers_accueils, a.jeunes_accompagnes, a.jdi, a.jeunes_entres_emploi, a.sorties_dispositif, a.jeunes_parraines, a.montant_fipj, a.actifs_non_occupes_16_25,
    ];
    expect(champs(auJour(dossier, '2016-02-28'))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 400]);
    expect(champs(auJour(dossier, '2016-02-29'))).toEqual([1, 1, 1, 0, 0, 1, 0, 0, 400]);
    expect(champs(auJour(dossier, '2016-07-31'))).toEqual([2, 2, 2, 0, 1, 1, 0, 10, 400]);
    expect(champs(auJour(dossier, '2016-08-01'))).toEqual([2, 2, 2, 1, 1, 1, 1, 30, 400]);
    expect(auJour(dossier, '2016-12-31')).toEqual(ml(dossier, 2016));
    expect(() => calculerReference(dossier, 2016, '2017-01-31')).toThrow('hors de l’année 2016');
  });
});

describe('emploi durable', () => {
  it('arithmétique des mois ramenée au dernier jour du mois', () => {
    expect(ajouterMois('2016-08-31', 6)).toBe('2017-02-28');
    expect(ajouterMois('2015-08-31', 6)).toBe('2016-02-29');
    expect(ajouterMois('2016-12-31', 6)).toBe('2017-06-30');
    expect(veille('2017-03-01')).toBe('2017-02-28');
    expect(veille('2016-03-01')).toBe('2016-02-29');
    expect(veille('2017-01-01')).toBe('2016-12-31');
  });

  /** Chaque jeune est accompagné l'année de sa situation ; rend [emploi, emploi durable] de l'année. */
  function emplois(annee: number, lignes: [categorie: string, contrat: string, debut: string, finPrevue: string][]) {
    const dossier = extrait({
      'evenements.csv': evenements(lignes.map((_, k) => [`J${k}`, `${annee}-01-02`, 'ENTRETIEN_INDIVIDUEL'])),
      'situations.csv': situations(lignes.map(([c, t, d, f], k) => [`J${k}`, c, t, d, f])),
    });
    const a = ml(dossier, annee);
    return [a.jeunes_entres_emploi, a.jeunes_entres_emploi_durable];
  }

  it('contrat de 6 mois pile (début + 6 mois − 1 jour) durable, un jour de moins non', () => {
    expect(emplois(2016, [['EMPLOI', 'CDD', '2016-03-15', '2016-09-14']])).toEqual([1, 1]);
    expect(emplois(2016, [['EMPLOI', 'CDD', '2016-03-15', '2016-09-13']])).toEqual([1, 0]);
  });

  it('départ le 31 août : + 6 mois = fin février (bissextile ou non), moins un jour', () => {
    expect(emplois(2015, [['EMPLOI', 'INTERIM', '2015-08-31', '2016-02-28']])).toEqual([1, 1]);
    expect(emplois(2015, [['EMPLOI', 'INTERIM', '2015-08-31', '2016-02-27']])).toEqual([1, 0]);
    expect(emplois(2016, [['EMPLOI', 'CONTRAT_AIDE', '2016-08-31', '2017-02-27']])).toEqual([1, 1]);
    expect(emplois(2016, [['EMPLOI', 'CONTRAT_AIDE', '2016-08-31', '2017-02-26']])).toEqual([1, 0]);
    // Départ le 31 décembre : + 6 mois = 30 juin, moins un jour.
    expect(emplois(2016, [['EMPLOI', 'CDD', '2016-12-31', '2017-06-29']])).toEqual([1, 1]);
    expect(emplois(2016, [['EMPLOI', 'CDD', '2016-12-31', '2017-06-28']])).toEqual([1, 0]);
  });

  it('sans fin prévue : CDD et intérim non durables, CDI durable ; emploi d’avenir et création d’entreprise durables', () => {
    expect(emplois(2016, [['EMPLOI', 'CDD', '2016-04-01', '']])).toEqual([1, 0]);
    expect(emplois(2016, [['EMPLOI', 'INTERIM', '2016-04-01', '']])).toEqual([1, 0]);
    expect(emplois(2016, [['EMPLOI', 'CDI', '2016-04-01', '']])).toEqual([1, 1]);
    expect(emplois(2016, [['EMPLOI', 'CDI', '2016-04-01', '2016-05-01']])).toEqual([1, 1]);
    expect(emplois(2016, [['EMPLOI', 'EMPLOI_AVENIR', '2016-04-01', '2016-06-30']])).toEqual([1, 1]);
    expect(emplois(2016, [['CREATION_ENTREPRISE', '', '2016-04-01', '']])).toEqual([0, 1]);
    expect(emplois(2016, [['ALTERNANCE', 'APPRENTISSAGE', '2016-04-01', '2018-03-31']])).toEqual([0, 0]);
  });
});

describe('résultats : parmi les jeunes accompagnés de l’année', () => {
  it('un jeune en contact seulement par téléphone ou SMS n’est pas accompagné et ses situations ne comptent pas', () => {
    const dossier = extrait({
      'evenements.csv': evenements([
        ['J1', '2016-03-01', 'TELEPHONE'],
        ['J1', '2016-09-01', 'SMS'],
      ]),
      'situations.csv': situations([['J1', 'EMPLOI', 'CDI', '2016-05-01', '']]),
    });
    const a = ml(dossier, 2016);
    expect([a.jeunes_en_contact, a.jeunes_accompagnes, a.jdi, a.jeunes_entres_emploi, a.jeunes_avec_situation_professionnelle]).toEqual([1, 0, 0, 0, 0]);
    expect(a.ratio_03).toBe(0);
    expect(a.ratio_07).toBeNull();
  });

  it('situations de jeunes non accompagnés cette année-là, ou commencées une autre année', () => {
    const dossier = extrait({
      'evenements.csv': evenements([
        ['J1', '2015-12-31', 'ENTRETIEN_INDIVIDUEL'], // accompagné en 2015 seulement
        ['J2', '2016-01-01', 'ATELIER'], // accompagné en 2016 seulement
        ['J3', '2016-06-01', 'INFORMATION_COLLECTIVE'],
      ]),
      'situations.csv': situations([
        ['J1', 'FORMATION', '', '2016-01-01', '2016-06-30'],
        ['J2', 'EMPLOI', 'CDI', '2015-12-31', ''],
        ['J3', 'EMPLOI', 'CDD', '2016-02-01', '2016-03-31'],
        ['J3', 'EMPLOI', 'CDD', '2016-05-01', '2016-12-31'],
        ['J3', 'ALTERNANCE', 'PROFESSIONNALISATION', '2016-09-01', '2017-08-31'],
        ['J3', 'IMMERSION', 'PMSMP', '2016-01-04', '2016-01-15'],
        ['J3', 'SCOLARITE', '', '2016-09-01', ''],
      ]),
    });
    const a = ml(dossier, 2016);
    expect(a.jeunes_accompagnes).toBe(2);
    expect([a.jeunes_entres_emploi, a.jeunes_entres_emploi_durable, a.jeunes_entres_alternance, a.jeunes_entres_formation, a.jeunes_avec_situation_professionnelle]).toEqual([1, 1, 1, 0, 1]);
    expect(a.immersions_pmsmp).toBe(1);
    const b = ml(dossier, 2015);
    expect([b.jeunes_accompagnes, b.jeunes_entres_emploi, b.jeunes_avec_situation_professionnelle]).toEqual([1, 0, 0]);
  });
});

describe('dispositifs', () => {
  it('parrainage actif au moins un jour de l’année : à cheval, d’un jour, ouvert', () => {
    const dossier = extrait({
      'dispositifs.csv': dispositifs([
        ['J1', 'PARRAINAGE', '2015-10-01', '2016-03-31'],
        ['J2', 'PARRAINAGE', '2015-07-01', '2016-01-01'],
        ['J2', 'PARRAINAGE', '2016-12-31', ''],
        ['J3', 'PARRAINAGE', '2017-01-01', '2017-06-30'],
        ['J4', 'PARRAINAGE', '2014-01-01', '2015-12-31'],
        ['J5', 'PPAE', '2016-01-01', ''],
      ]),
    });
    expect([2014, 2015, 2016, 2017, 2018].map((a) => ml(dossier, a).jeunes_parraines)).toEqual([1, 3, 2, 2, 1]);
  });

  it('sorties : CIVIS, PACEA et Garantie jeunes finissant dans l’année, 31 décembre compris', () => {
    const dossier = extrait({
      'dispositifs.csv': dispositifs([
        ['J1', 'CIVIS', '2015-12-31', '2016-12-31'],
        ['J1', 'PACEA', '2017-01-01', '2017-12-31'],
        ['J2', 'GARANTIE_JEUNES', '2016-01-01', '2016-12-31'],
        ['J3', 'PPAE', '2016-01-01', '2016-12-31'],
        ['J3', 'PARRAINAGE', '2016-01-01', '2016-12-31'],
        ['J4', 'GARANTIE_JEUNES', '2015-06-01', '2017-01-01'],
        ['J5', 'PACEA', '2017-03-01', ''],
      ]),
    });
    expect([2015, 2016, 2017].map((a) => ml(dossier, a).sorties_dispositif)).toEqual([0, 2, 2]);
    expect([2015, 2016, 2017].map((a) => ml(dossier, a).entrees_parcours_contractualise)).toEqual([1, 0, 2]);
    expect([2015, 2016, 2017].map((a) => ml(dossier, a).entrees_garantie_jeunes)).toEqual([1, 1, 0]);
  });
});

describe('FIPJ', () => {
  it('somme des montants de l’année, virgule décimale, au centime près', () => {
    const dossier = extrait({
      'aides.csv':
        'code_structure,id_aide,id_jeune,type,date,montant\n' +
        'ML1,A1,J1,FIPJ,2016-01-01,"0,10"\n' +
        'ML1,A2,J1,FIPJ,2016-06-30,"0,20"\n' +
        'ML1,A3,J2,FIPJ,2016-12-31,"123,45"\n' +
        'ML1,A4,J3,FIPJ,2016-05-05,50\n' +
        'ML1,A5,J3,FIPJ,2016-05-06,0.01\n' +
        'ML1,A6,J4,ALLOCATION_GJ,2016-05-05,"480,02"\n' +
        'ML1,A7,J5,FIPJ,2017-01-01,"9,99"\n' +
        'ML1,A8,J5,FIPJ,2015-12-31,"10,005"\n',
    });
    const a = ml(dossier, 2016);
    expect(a.montant_fipj).toBe(173.76);
    expect(a.jeunes_aides_fipj).toBe(3);
    expect(ml(dossier, 2015).montant_fipj).toBe(10.01);
    expect(ml(dossier, 2014).montant_fipj).toBe(0);
    expect(sommeEnCentimes(['0,1', '0,2'])).toBe(0.3);
    expect(sommeEnCentimes([])).toBe(0);
  });
});

describe('données déclarées et ratios', () => {
  const CONTEXTE =
    'code_structure;annee;pop_16_25;actifs_non_occupes_16_25;neet_16_25;taux_chomage_15_24;part_qpv_16_25\n' +
    'ML1;2016;20000;400;2500;"22,5";12.25\n' +
    'ML1;2017;21000;;2600;23;13\n';
  const MOYENS =
    'code_structure,annee,etp_total,etp_conseillers,produits_total,etat_cpo,region,autres\n' +
    'ML1,2016,"12,5",8,"1000000,50","400000,50",300000,300000\n' +
    'ML1,2017,12,0,900000,450000,450000,0\n';

  it('valeurs lues avec virgule décimale, préfixe financement_, cellule ou colonne absente = null', () => {
    const dossier = extrait({ 'contexte.csv': CONTEXTE, 'moyens.csv': MOYENS });
    const a = ml(dossier, 2016);
    expect([a.pop_16_25, a.actifs_non_occupes_16_25, a.taux_chomage_15_24, a.part_qpv_16_25, a.demandeurs_emploi_moins_26, a.nb_communes]).toEqual([20000, 400, 22.5, 12.25, null, null]);
    expect([a.etp_total, a.etp_conseillers, a.etp_relation_entreprise, a.produits_total]).toEqual([12.5, 8, null, 1000000.5]);
    expect([a.financement_etat_cpo, a.financement_region, a.financement_autres, a.financement_fse]).toEqual([400000.5, 300000, 300000, null]);
    expect(ml(dossier, 2017).actifs_non_occupes_16_25).toBeNull();
    expect(ml(dossier, 2018).pop_16_25).toBeNull();
  });

  it('quotients simples ; dénominateur nul ou absent, ou numérateur absent : pas de valeur', () => {
    const dossier = extrait({
      'contexte.csv': CONTEXTE,
      'moyens.csv': MOYENS,
      'jeunes.csv': 'code_structure;id_jeune;date_naissance;sexe;date_premier_accueil\nML1;J1;1996-05-10;F;2016-02-01\n',
      'evenements.csv': evenements([
        ['J1', '2016-02-01', 'ENTRETIEN_INDIVIDUEL'],
        ['J1', '2016-03-01', 'ENTRETIEN_INDIVIDUEL'],
        ['J2', '2016-03-01', 'SMS'],
        ['J3', '2016-03-01', 'ATELIER'],
        ['J1', '2017-03-01', 'ATELIER'],
      ]),
      'situations.csv': situations([['J3', 'IMMERSION', 'PMSMP', '2016-04-01', '2016-04-14']]),
    });
    const a = ml(dossier, 2016);
    expect(a.ratio_01).toBe(3 / 400);
    expect(a.ratio_02).toBe(1 / 3);
    expect(a.ratio_03).toBe(2 / 3);
    expect(a.ratio_04).toBe(2 / 400);
    expect(a.ratio_05).toBe(1);
    expect(a.ratio_06).toBe(2 / 8);
    expect(a.ratio_07).toBe(0);
    expect(a.ratio_12).toBe(1000000.5 / 2);
    expect(a.ratio_13).toBe(1 / 2);
    const b = ml(dossier, 2017);
    expect(b.etp_conseillers).toBe(0);
    expect(b.ratio_06).toBeNull(); // 0 ETP conseiller
    expect(b.ratio_01).toBeNull(); // actifs non occupés absents
    expect(b.ratio_12).toBe(900000);
    const c = ml(dossier, 2018);
    expect([c.ratio_02, c.ratio_05, c.ratio_12]).toEqual([null, null, null]); // aucun jeune
  });

  it('une ML sans données déclarées : contexte et moyens null, ratios 1, 4, 6 et 12 sans valeur', () => {
    const dossier = extrait({
      'structures.csv': 'code_structure;nom;code_departement;code_region\nML1;A;35;53\nML2;B;29;53\n',
      'contexte.csv': CONTEXTE,
      'moyens.csv': MOYENS,
      'evenements.csv': 'code_structure;id_evenement;id_jeune;date;type\nML2;E1;J1;2016-03-01;ENTRETIEN_INDIVIDUEL\n',
    });
    const s = calculerReference(dossier, 2016).structures.find((x) => x.code_structure === 'ML2')!;
    expect(s.indicateurs.jeunes_accompagnes).toBe(1);
    for (const id of ['pop_16_25', 'actifs_non_occupes_16_25', 'nb_communes', 'etp_total', 'etp_conseillers', 'produits_total', 'financement_etat_cpo', 'financement_autres']) {
      expect(s.indicateurs[id]).toBeNull();
    }
    expect([s.ratios.ratio_01, s.ratios.ratio_04, s.ratios.ratio_06, s.ratios.ratio_12]).toEqual([null, null, null, null]);
    expect(s.ratios.ratio_03).toBe(1);
  });
});

describe('extrait aléatoire', () => {
  const ecrire = (graine: number, options?: { structures?: number; jeunesParStructure?: number }) => {
    const dossier = dossierTemporaire('aleatoire');
    ecrireExtraitAleatoire(dossier, graine, options);
    return dossier;
  };
  const contenus = (dossier: string) => Object.fromEntries(readdirSync(dossier).sort().map((f) => [f, readFileSync(join(dossier, f), 'utf8')]));

  it('une graine donne toujours les mêmes fichiers, une autre graine d’autres fichiers', () => {
    const a = contenus(ecrire(7));
    expect(Object.keys(a)).toHaveLength(9);
    expect(contenus(ecrire(7))).toEqual(a);
    expect(contenus(ecrire(8))).not.toEqual(a);
  });

  for (const [graine, options] of [
    [1, undefined],
    [2, undefined],
    [3, { structures: 5, jeunesParStructure: 60 }],
    [4, { structures: 1, jeunesParStructure: 10 }],
  ] as const) {
    it(`graine ${graine} : extrait valide qui touche les cas de bord`, () => {
      const dossier = ecrire(graine, options);
      const lire = (nom: string) => lireFichier(dossier, nom);
      const structures = lire('structures.csv');
      const jeunes = lire('jeunes.csv');
      const evts = lire('evenements.csv');
      const disp = lire('dispositifs.csv');
      const sits = lire('situations.csv');
      const aides = lire('aides.csv');
      const offres = lire('offres.csv');
      const contexte = lire('contexte.csv');
      const moyens = lire('moyens.csv');
      expect(structures).toHaveLength(options?.structures ?? 3);
      if (!options) expect(jeunes.length).toBeGreaterThanOrEqual(600);

      // Séparateurs mêlés.
      const entetes = readdirSync(dossier).map((f) => readFileSync(join(dossier, f), 'utf8').split('\n')[0]);
      expect(entetes.some((e) => e.includes(';'))).toBe(true);
      expect(entetes.some((e) => !e.includes(';'))).toBe(true);

      // Clés uniques, références connues.
      const uniques = (lignes: Ligne[], cle: string[]) => expect(new Set(lignes.map((l) => cle.map((c) => l[c]).join('|'))).size).toBe(lignes.length);
      uniques(structures, ['code_structure']);
      uniques(jeunes, ['code_structure', 'id_jeune']);
      uniques(evts, ['code_structure', 'id_evenement']);
      uniques(disp, ['code_structure', 'id_dispositif']);
      uniques(sits, ['code_structure', 'id_situation']);
      uniques(aides, ['code_structure', 'id_aide']);
      uniques(offres, ['code_structure', 'id_offre']);
      uniques(contexte, ['code_structure', 'annee']);
      uniques(moyens, ['code_structure', 'annee']);
      const naissance = new Map(jeunes.map((j) => [`${j.code_structure}|${j.id_jeune}`, j.date_naissance!]));
      const codes = new Set(structures.map((s) => s.code_structure));
      for (const l of [...jeunes, ...offres, ...contexte, ...moyens]) expect(codes.has(l.code_structure)).toBe(true);
      for (const l of [...evts, ...disp, ...sits, ...aides]) expect(naissance.has(`${l.code_structure}|${l.id_jeune}`)).toBe(true);

      // Règles d'import : les manquements sont collectés, pour un seul expect lisible.
      const manquements: string[] = [];
      const dansPeriode = (d: string | null | undefined) => d == null || (d >= '1990-01-01' && d <= '2018-12-31');
      for (const l of [...jeunes, ...evts, ...disp, ...sits, ...aides, ...offres]) {
        for (const c of ['date_naissance', 'date_premier_accueil', 'date', 'date_debut', 'date_fin', 'date_fin_prevue', 'date_collecte']) {
          if (!dansPeriode(l[c])) manquements.push(`${c} hors période : ${JSON.stringify(l)}`);
        }
      }
      for (const l of [...disp, ...sits]) {
        if ((l.date_fin && l.date_debut! > l.date_fin) || (l.date_fin_prevue && l.date_debut! > l.date_fin_prevue)) manquements.push(`début après fin : ${JSON.stringify(l)}`);
      }
      for (const a of aides) if (!(Number(a.montant!.replace(',', '.')) >= 0)) manquements.push(`montant : ${JSON.stringify(a)}`);

      // Formulé autrement que dans le générateur : 16e anniversaire ≤ début < 26e anniversaire (29/02 → 1/03).
      const anniversaire = (ne: string, ans: number) => {
        const a = Number(ne.slice(0, 4)) + ans;
        const bissextile = (a % 4 === 0 && a % 100 !== 0) || a % 400 === 0;
        return ne.slice(5) === '02-29' && !bissextile ? `${a}-03-01` : `${a}${ne.slice(4)}`;
      };
      for (const d of disp) {
        const ne = naissance.get(`${d.code_structure}|${d.id_jeune}`)!;
        if (!(d.date_debut! >= anniversaire(ne, 16) && d.date_debut! < anniversaire(ne, 26))) manquements.push(`âge : né le ${ne}, ${JSON.stringify(d)}`);
        if ((d.type === 'CIVIS' && d.date_debut! > '2016-12-31') || (d.type === 'PACEA' && d.date_debut! < '2017-01-01')) manquements.push(`CIVIS/PACEA : ${JSON.stringify(d)}`);
      }
      const contrats = disp.filter((d) => d.type === 'CIVIS' || d.type === 'PACEA');
      for (const x of contrats) {
        for (const y of contrats) {
          if (x === y || x.code_structure !== y.code_structure || x.id_jeune !== y.id_jeune) continue;
          if (x.date_debut! <= (y.date_fin ?? '9999-12-31') && y.date_debut! <= (x.date_fin ?? '9999-12-31')) manquements.push(`chevauchement : ${x.id_dispositif} ${y.id_dispositif}`);
        }
      }
      // Les financements présents font le total des produits.
      for (const m of moyens) {
        const n = (v: string | null | undefined) => (v ? Number(v.replace(',', '.')) : 0);
        const somme = ['etat_cpo', 'etat_autres', 'region', 'departement', 'communes_epci', 'fse', 'pole_emploi', 'autres'].reduce((s, c) => s + n(m[c]), 0);
        if (Math.abs(somme - n(m.produits_total)) > 1) manquements.push(`financements : ${JSON.stringify(m)}`);
      }
      expect(manquements).toEqual([]);

      // Les cas de bord sont là.
      const dates = new Set(evts.map((e) => e.date!.slice(5)));
      for (const jour of ['12-31', '01-01', '07-31', '08-01']) expect(dates.has(jour)).toBe(true);
      const emplois = sits.filter((s) => s.categorie === 'EMPLOI');
      expect(emplois.some((s) => s.date_fin_prevue === veille(ajouterMois(s.date_debut!, 6)))).toBe(true);
      expect(emplois.some((s) => s.date_fin_prevue === veille(veille(ajouterMois(s.date_debut!, 6))))).toBe(true);
      expect(emplois.some((s) => s.date_debut!.endsWith('-08-31'))).toBe(true);
      expect(emplois.some((s) => s.type_contrat === 'CDD' && !s.date_fin_prevue)).toBe(true);
      expect(disp.some((d) => d.type === 'PARRAINAGE' && d.date_debut!.slice(0, 4) !== (d.date_fin ?? '9999').slice(0, 4))).toBe(true);
      expect(disp.some((d) => d.date_fin?.endsWith('-12-31'))).toBe(true);
      expect(aides.some((a) => a.type === 'FIPJ' && /,\d\d$/.test(a.montant!))).toBe(true);
      expect(moyens.some((m) => Number(m.etp_conseillers) === 0)).toBe(true);
      expect(contexte.length).toBeLessThan(5 * structures.length);
      const aDistance = new Map<string, boolean>();
      for (const e of evts) {
        const k = `${e.code_structure}|${e.id_jeune}`;
        aDistance.set(k, (aDistance.get(k) ?? true) && (e.type === 'TELEPHONE' || e.type === 'SMS'));
      }
      expect([...aDistance.values()].some(Boolean)).toBe(true);

      // La référence tourne et ses nombres sont cohérents entre eux.
      let ratio06Nul = false;
      for (let annee = 2014; annee <= 2018; annee++) {
        for (const { indicateurs: i, ratios } of calculerReference(dossier, annee).structures) {
          expect(i.jdi!).toBeLessThanOrEqual(i.jeunes_accompagnes!);
          expect(i.jeunes_accompagnes!).toBeLessThanOrEqual(i.jeunes_en_contact!);
          expect(i.jeunes_recus_entretien_individuel!).toBeLessThanOrEqual(i.jeunes_accompagnes!);
          for (const r of ['jeunes_entres_emploi', 'jeunes_entres_emploi_durable', 'jeunes_entres_alternance', 'jeunes_entres_formation']) {
            expect(i[r]!).toBeLessThanOrEqual(i.jeunes_avec_situation_professionnelle!);
          }
          if (i.etp_conseillers === 0) ratio06Nul = ratios.ratio_06 === null;
          for (const v of Object.values(ratios)) expect(v === null || Number.isFinite(v)).toBe(true);
        }
      }
      expect(ratio06Nul).toBe(true);
    });
  }
});
