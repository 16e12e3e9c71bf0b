import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { recalculerActivite } from '../../src/application/indicateurs/activiteAnnuelle.ts';
import { rapportEnJson, rapportEnTexte, type RapportImport } from '../../src/application/echange/rapport.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';
import { ecrireZip } from '../outils/zip.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

const TABLES = ['mission_locale', 'jeune', 'jeune_identite', 'evenement', 'dispositif', 'situation', 'aide', 'offre', 'contexte', 'moyens'];

/** L'état complet des tables de données, pour vérifier qu'un import n'a rien changé. */
async function etat(base: Base) {
  const tout: Record<string, unknown[]> = {};
  for (const t of TABLES) tout[t] = await base.query(`SELECT * FROM ${t} ORDER BY 1, 2`);
  return tout;
}

const compte = (r: RapportImport, fichier: string) => r.fichiers.find((f) => f.fichier === fichier)!;
const lignesAudit = (base: Base) => base.query<{ acteur: string; action: string; objet: string; details: any }>(`SELECT acteur, action, objet, details FROM journal_audit ORDER BY id`);
/** Aucun caractère de contrôle brut, hors tabulation et saut de ligne. */
const CONTROLE_BRUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Un extrait valide de quelques centaines de lignes par fichier, écrit à la main, sans le générateur. */
function extraitValide() {
  const jeunes: (string | number)[][] = [['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'niveau_formation', 'qpv', 'date_premier_accueil', 'nom', 'prenom']];
  const evenements: (string | number)[][] = [['code_structure', 'id_evenement', 'id_jeune', 'date', 'type']];
  const dispositifs: (string | number)[][] = [['code_structure', 'id_dispositif', 'id_jeune', 'type', 'date_debut', 'date_fin', 'motif_fin']];
  const situations: (string | number)[][] = [['code_structure', 'id_situation', 'id_jeune', 'categorie', 'type_contrat', 'date_debut', 'date_fin_prevue']];
  const aides: (string | number)[][] = [['code_structure', 'id_aide', 'id_jeune', 'type', 'date', 'montant']];
  const types = ['ENTRETIEN_INDIVIDUEL', 'ATELIER', 'TELEPHONE', 'SMS'];
  for (const ml of ['ML03501', 'ML02901']) {
    for (let i = 1; i <= 150; i++) {
      const id = `J${i}`;
      const mois = String((i % 12) + 1).padStart(2, '0');
      jeunes.push([ml, id, `${1992 + (i % 8)}-${mois}-15`, i % 2 ? 'F' : 'H', ['V', 'IV', 'VI', ''][i % 4], i % 7 === 0 ? 1 : 0, `2016-${mois}-01`, `Nom${i}`, i === 3 ? '"Zoé; dite ""Zo"""' : `Prénom${i}`]);
      for (let k = 0; k < 3; k++) evenements.push([ml, `E${i}-${k}`, id, `2017-${String(((i + k) % 12) + 1).padStart(2, '0')}-10`, types[(i + k) % 4]]);
      if (i % 3 === 0) dispositifs.push([ml, `D${i}`, id, 'CIVIS', `2016-${mois}-20`, `2016-12-31`, 'EMPLOI']);
      if (i % 3 === 0) dispositifs.push([ml, `P${i}`, id, 'PACEA', '2017-01-01', '', '']);
      if (i % 5 === 0) dispositifs.push([ml, `G${i}`, id, 'GARANTIE_JEUNES', '2017-06-01', '2018-05-31', 'FIN_DE_DROITS']);
      situations.push([ml, `S${i}`, id, i % 4 ? 'EMPLOI' : 'FORMATION', i % 4 ? 'CDD' : '', `2017-${mois}-01`, `2018-${mois}-01`]);
      if (i % 2) aides.push([ml, `A${i}`, id, 'FIPJ', `2017-${mois}-05`, `${i * 3},50`]);
    }
  }
  return {
    'structures.csv': csv([
      ['code_structure', 'nom', 'siret', 'code_departement', 'code_region', 'communes', 'adresse'],
      ['ML03501', 'Mission locale de Rennes', '12345678901234', '35', '53', '35238|35047', '"3 rue de l\'Alma; Rennes"'],
      ['ML02901', 'Mission locale de Brest', '', '29', '53', '29019', ''],
    ]),
    'jeunes.csv': csv(jeunes, ','),
    'evenements.csv': csv(evenements),
    'dispositifs.csv': csv(dispositifs),
    'situations.csv': csv(situations, ','),
    'aides.csv': csv(aides),
    'offres.csv': csv([['code_structure', 'id_offre', 'date_collecte', 'intitule'], ['ML03501', 'O1', '2017-02-01', 'Serveur (H/F)']]),
    'contexte.csv': csv([['code_structure', 'annee', 'pop_16_25', 'actifs_non_occupes_16_25', 'taux_chomage_15_24'], ['ML03501', 2017, 40000, 6000, '21,4']]),
    'moyens.csv': csv([
      ['code_structure', 'annee', 'etp_total', 'etp_conseillers', 'produits_total', 'etat_cpo', 'region', 'communes_epci'],
      ['ML03501', 2017, '42.5', 30, 1000000, 460000, 160000, 380000],
    ]),
  };
}

/** Le jour des imports : après toutes les dates des extraits de test. */
const horloge = new HorlogeFixe('2020-01-01');

surChaqueMoteur('import', (moteur) => {
  let base: Base;
  beforeEach(async () => {
    base = await moteur.ouvrir();
  });
  afterEach(async () => {
    await base.fermer();
  });

  it('importe en mode strict un extrait valide, `;` et `,` mêlés, colonnes facultatives absentes', async () => {
    const r = await importerExtrait(base, ecrireExtrait(extraitValide()), { fichiers: lecteurFichiers, horloge });
    expect(r.erreurs).toEqual([]);
    expect(r.statut).toBe('importe');
    expect(compte(r, 'jeunes.csv')).toMatchObject({ lignes: 300, crees: 300, misAJour: 0, inchanges: 0, rejetes: 0, separateur: ',' });
    expect(compte(r, 'evenements.csv')).toMatchObject({ lignes: 900, crees: 900 });
    expect(compte(r, 'dispositifs.csv').crees).toBe(260);
    const [zoe] = await base.query(`SELECT prenom FROM jeune_identite WHERE id_jeune = 'J3' AND code_structure = 'ML03501'`);
    expect(zoe.prenom).toBe('Zoé; dite "Zo"');
    const [ml] = await base.query(`SELECT adresse, communes FROM mission_locale WHERE code_structure = 'ML03501'`);
    expect(ml).toEqual({ adresse: "3 rue de l'Alma; Rennes", communes: ['35238', '35047'] });
  });

  it('réimporter le même extrait ne change rien', async () => {
    const dossier = ecrireExtrait(extraitValide());
    await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge });
    const avant = await etat(base);
    const r = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge });
    expect(r.statut).toBe('importe');
    for (const f of r.fichiers) expect(f, f.fichier).toMatchObject({ crees: 0, misAJour: 0, inchanges: f.lignes });
    expect(await etat(base)).toEqual(avant);
  });

  it("un dépôt ne recalcule l'activité que des jeunes qu'il touche : celle des autres n'est pas réécrite", async () => {
    await importerExtrait(base, ecrireExtrait(extraitValide()), { fichiers: lecteurFichiers, horloge });
    // L'activité de J2, qu'aucune ligne du dépôt ne touche, faussée à la main : un recalcul la rétablirait.
    await base.query(`UPDATE activite_jeune_annee SET nb_ei = 99 WHERE code_structure = 'ML03501' AND id_jeune = 'J2'`);
    await base.query(`UPDATE activite_jeune_mois SET nb_ei_12 = 99 WHERE code_structure = 'ML03501' AND id_jeune = 'J2'`);
    const activite = async () => ({
      annee: await base.query(`SELECT * FROM activite_jeune_annee ORDER BY code_structure, id_jeune, annee`),
      mois: await base.query(`SELECT * FROM activite_jeune_mois ORDER BY code_structure, id_jeune, annee`),
    });
    const deJ2 = (l: any) => l.code_structure === 'ML03501' && l.id_jeune === 'J2';
    const faussees = (await activite()).mois.filter(deJ2);
    expect(faussees.length).toBeGreaterThan(0);
    // Un entretien de plus pour J1 ; l'entretien E3-1 passe de J3 à J4 : J3 perd son seul fait de mai.
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        'evenements.csv': csv([
          ['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'],
          ['ML03501', 'N1', 'J1', '2017-05-10', 'ENTRETIEN_INDIVIDUEL'],
          ['ML03501', 'E3-1', 'J4', '2017-05-10', 'ENTRETIEN_INDIVIDUEL'],
        ]),
      }),
      { fichiers: lecteurFichiers, horloge, structure: 'ML03501' },
    );
    expect(compte(r, 'evenements.csv')).toMatchObject({ crees: 1, misAJour: 1 });
    const apres = await activite();
    expect(apres.mois.filter(deJ2)).toEqual(faussees);
    expect(apres.annee.filter(deJ2).map((l: any) => l.nb_ei)).toEqual([99]);
    // Recalculer J2 seul le rétablit ; l'activité entière est alors celle d'un recalcul complet des deux ML.
    await base.transaction((tx) => recalculerActivite(tx, ['ML03501'], [{ code_structure: 'ML03501', id_jeune: 'J2' }]));
    const retablie = await activite();
    expect(retablie.mois.filter(deJ2)).not.toEqual(faussees);
    await base.transaction((tx) => recalculerActivite(tx, ['ML03501', 'ML02901']));
    expect(await activite()).toEqual(retablie);
    const enMai = (id: string) => apres.mois.find((l: any) => l.code_structure === 'ML03501' && l.id_jeune === id && l.annee === 2017)!.nb_ei_05;
    expect([enMai('J3'), enMai('J4')]).toEqual([null, 2]);
  });

  it('met à jour une ligne de même clé, la dernière importée gagne, sans toucher aux colonnes absentes', async () => {
    await importerExtrait(base, ecrireExtrait(extraitValide()), { fichiers: lecteurFichiers, horloge });
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        'jeunes.csv': csv([
          ['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil'],
          ['ML03501', 'J1', '1993-02-16', 'F', '2016-02-01'],
          ['ML03501', 'J2', '1994-03-15', 'H', '2016-03-01'],
        ]),
      }),
      { fichiers: lecteurFichiers, horloge },
    );
    expect(compte(r, 'jeunes.csv')).toMatchObject({ crees: 0, misAJour: 1, inchanges: 1 });
    const [j1] = await base.query(`SELECT j.date_naissance, j.niveau_formation, i.nom FROM jeune j JOIN jeune_identite i USING (code_structure, id_jeune)
      WHERE code_structure = 'ML03501' AND id_jeune = 'J1'`);
    expect(j1).toEqual({ date_naissance: '1993-02-16', niveau_formation: 'IV', nom: 'Nom1' });
  });

  it('refuse en entier un extrait avec un jeune inconnu, une date impossible et un dispositif après 26 ans', async () => {
    const fichiers = extraitValide();
    fichiers['evenements.csv'] += 'ML03501;E-X;J999;2017-05-02;ATELIER\n';
    fichiers['aides.csv'] += 'ML03501;A-X;J2;FIPJ;2017-02-30;10\n';
    // J1 est né le 1993-02-15 : 26 ans le 2019-02-15.
    fichiers['dispositifs.csv'] += 'ML03501;G-X;J1;GARANTIE_JEUNES;2019-02-15;;\n';
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(r.statut).toBe('refuse');
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.valeur])).toEqual([
      ['evenements.csv', 902, 'id_jeune', 'J999'],
      ['dispositifs.csv', 262, 'date_debut', '2019-02-15'],
      ['aides.csv', 152, 'date', '2017-02-30'],
    ]);
    expect(r.erreurs[0].message).toBe("jeune inconnu dans la structure ML03501 (ni en base, ni dans l'extrait)");
    expect(r.erreurs[1].message).toMatch(/^le jeune a 26 ans à l'entrée dans le dispositif \(né le 15\/02\/1993\)/);
    expect(r.erreurs[2].message).toMatch(/date impossible/);
    for (const t of TABLES) expect((await base.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n, t).toBe(0);
    const [audit] = await base.query(`SELECT action FROM journal_audit`);
    expect(audit.action).toBe('import_refuse');
  });

  it('accepte un dispositif la veille des 26 ans et le jour des 16 ans', async () => {
    const fichiers = extraitValide();
    fichiers['dispositifs.csv'] += 'ML03501;G-X;J1;GARANTIE_JEUNES;2019-02-14;;\nML03501;PP-X;J2;PPAE;2010-03-15;2010-06-01;\n';
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(r.erreurs).toEqual([]);
  });

  it('refuse deux CIVIS/PACEA qui se chevauchent, y compris avec un contrat déjà en base', async () => {
    await importerExtrait(base, ecrireExtrait(extraitValide()), { fichiers: lecteurFichiers, horloge });
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        'dispositifs.csv': csv([
          ['code_structure', 'id_dispositif', 'id_jeune', 'type', 'date_debut', 'date_fin'],
          // P3 (PACEA ouvert depuis le 2017-01-01) est en base.
          ['ML03501', 'P3-bis', 'J3', 'PACEA', '2018-01-01', ''],
          // Deux contrats nouveaux d'un même jeune, le second chevauche le premier d'un jour.
          ['ML03501', 'C1', 'J1', 'CIVIS', '2015-01-01', '2015-06-30'],
          ['ML03501', 'C2', 'J1', 'CIVIS', '2015-06-30', '2015-12-31'],
          // Bout à bout : permis.
          ['ML03501', 'C3', 'J2', 'CIVIS', '2015-01-01', '2015-06-30'],
          ['ML03501', 'C4', 'J2', 'CIVIS', '2015-07-01', '2015-12-31'],
        ]),
      }),
      { fichiers: lecteurFichiers, horloge },
    );
    expect(r.erreurs.map((e) => [e.ligne, e.message])).toEqual([
      [2, 'chevauche le contrat PACEA P3 du même jeune (du 01/01/2017, sans date de fin)'],
      [4, 'chevauche le contrat CIVIS C1 du même jeune (du 01/01/2015 au 30/06/2015)'],
    ]);
  });

  it('mode tolérant : écrit les lignes valides, écarte les fautives et celles qui en dépendent, et les rend dans un fichier de rejets', async () => {
    const fichiers = extraitValide();
    fichiers['jeunes.csv'] += 'ML03501,J-X,1999-13-01,F,,0,2016-01-01,Nom,Prénom\n';
    fichiers['evenements.csv'] += 'ML03501;E-X1;J-X;2017-05-02;ATELIER\nML03501;E-X2;J1;2017-05-02;RENDEZ_VOUS\n';
    const dossier = ecrireExtrait(fichiers);
    const r = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge, tolerant: true });
    expect(r.statut).toBe('importe_avec_rejets');
    expect(compte(r, 'jeunes.csv')).toMatchObject({ lignes: 301, crees: 300, rejetes: 1 });
    expect(compte(r, 'evenements.csv')).toMatchObject({ lignes: 902, crees: 900, rejetes: 2 });
    const [{ n }] = await base.query(`SELECT count(*)::int AS n FROM evenement`);
    expect(n).toBe(900);
    const rejets = readFileSync(join(r.dossierRejets!, 'evenements.csv'), 'utf8').trim().split('\n');
    expect(rejets[0]).toBe('code_structure;id_evenement;id_jeune;date;type;motif_rejet');
    expect(rejets.slice(1)).toEqual([
      `ML03501;E-X1;J-X;2017-05-02;ATELIER;ligne 902 : id_jeune : jeune inconnu dans la structure ML03501 (ni en base, ni dans l'extrait)`,
      'ML03501;E-X2;J1;2017-05-02;RENDEZ_VOUS;"ligne 903 : type : valeur inconnue ; valeurs admises : ENTRETIEN_INDIVIDUEL, ATELIER, INFORMATION_COLLECTIVE, TELEPHONE, COURRIEL, COURRIER, SMS, VISITE"',
    ]);
    expect(readdirSync(r.dossierRejets!).sort()).toEqual(['evenements.csv', 'jeunes.csv']);
    // Les rejets corrigés se réimportent : la colonne motif_rejet est ignorée.
    expect(existsSync(join(r.dossierRejets!, 'jeunes.csv'))).toBe(true);
  });

  it("refuse un fichier sans colonne obligatoire, un CSV mal formé, une ligne au mauvais nombre de champs", async () => {
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        'structures.csv': csv([['code_structure', 'nom', 'code_region'], ['ML03501', 'ML', '53']]),
        'offres.csv': 'code_structure;id_offre;date_collecte\nML03501;O1;2017-01-01;en trop\nML03501;"O2;2017-01-01\n',
      }),
      { fichiers: lecteurFichiers, horloge },
    );
    expect(r.statut).toBe('refuse');
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.message])).toEqual([
      ['structures.csv', 1, 'code_departement', 'colonne obligatoire absente de l’en-tête'],
      ['offres.csv', 2, '', "la ligne a 4 champ(s) alors que l'en-tête en a 3"],
      ['offres.csv', 3, '', 'CSV mal formé : guillemet ouvrant sans guillemet fermant'],
    ]);
  });

  it('lit un fichier en Windows-1252 et signale les colonnes inconnues et le déséquilibre des financements', async () => {
    const fichiers: Record<string, string | Buffer> = extraitValide();
    fichiers['structures.csv'] = Buffer.concat([
      Buffer.from('code_structure;nom;code_departement;code_region;commentaire;\nML03501;Mission locale de Saint-'),
      Buffer.from([0xc9]),
      Buffer.from('tienne;35;53;x;\nML02901;Brest;29;53;y;\n'),
    ]);
    fichiers['moyens.csv'] = csv([
      ['code_structure', 'annee', 'produits_total', 'etat_cpo', 'region'],
      ['ML03501', 2017, 1000, 500, 480],
      ['ML02901', 2017, 1000, 500, '499,5'],
    ]);
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(r.statut).toBe('importe');
    expect(compte(r, 'structures.csv')).toMatchObject({ encodage: 'windows-1252', colonnesIgnorees: ['commentaire'] });
    const [ml] = await base.query(`SELECT nom FROM mission_locale WHERE code_structure = 'ML03501'`);
    expect(ml.nom).toBe('Mission locale de Saint-Étienne');
    expect(r.avertissements.map((a) => [a.ligne, a.colonne])).toEqual([[2, 'produits_total']]);
    expect(r.avertissements[0].message).toMatch(/^les financements font 980,00 €, soit -20,00 € d'écart/);
  });

  it('signale une clé en double dans un fichier : refus en mode strict, ligne écartée en mode tolérant', async () => {
    const fichiers = extraitValide();
    fichiers['evenements.csv'] += 'ML03501;E1-0;J1;2017-05-02;ATELIER\n';
    const strict = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(strict.statut).toBe('refuse');
    expect(strict.erreurs).toEqual([
      { fichier: 'evenements.csv', ligne: 902, colonne: 'id_evenement', valeur: 'E1-0', message: 'clé en double dans le fichier : déjà présente ligne 2' },
    ]);
    expect((await base.query(`SELECT count(*)::int AS n FROM evenement`))[0].n).toBe(0);
    const tolerant = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge, tolerant: true });
    expect(compte(tolerant, 'evenements.csv')).toMatchObject({ crees: 900, rejetes: 1 });
    // Une seconde fois, par le chemin ON CONFLICT : même diagnostic.
    const encore = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(encore.erreurs.map((e) => e.ligne)).toEqual([902]);
  });

  it('importe une archive .zip du dossier', async () => {
    const dossier = ecrireExtrait(extraitValide());
    const zip = `${dossier}.zip`;
    execFileSync('python3', ['-c', `import shutil; shutil.make_archive('${dossier}', 'zip', '${dossier}/..', '${dossier.split('/').pop()}')`]);
    const r = await importerExtrait(base, zip, { fichiers: lecteurFichiers, horloge });
    expect(r.erreurs).toEqual([]);
    expect(compte(r, 'jeunes.csv').crees).toBe(300);
  });

  it('refuse les références géographiques incohérentes et les structures inconnues', async () => {
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        'structures.csv': csv([
          ['code_structure', 'nom', 'code_departement', 'code_region', 'code_structure_absorbante'],
          ['ML1', 'A', '35', '11', ''],
          ['ML2', 'B', '99', '53', 'ML3'],
        ]),
        'offres.csv': csv([['code_structure', 'id_offre', 'date_collecte'], ['ML9', 'O1', '2017-01-01']]),
      }),
      { fichiers: lecteurFichiers, horloge },
    );
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.colonne])).toEqual([
      ['structures.csv', 2, 'code_departement'],
      ['structures.csv', 3, 'code_departement'],
      ['structures.csv', 3, 'code_structure_absorbante'],
      ['offres.csv', 2, 'code_structure'],
    ]);
    expect(r.erreurs[0].message).toBe('le département appartient à la région 53, pas à la région 11');
  });

  it("arrête une bombe zip à la limite par fichier, le dit en français et le trace", async () => {
    const { 'structures.csv': structures } = extraitValide();
    const zip = `${dossierTemporaire('bombe')}/extrait.zip`;
    ecrireZip(zip, [
      { nom: 'structures.csv', contenu: structures },
      { nom: 'jeunes.csv', contenu: Buffer.alloc(20 * 1024 * 1024, 'x') },
    ]);
    const r = await importerExtrait(base, zip, { fichiers: lecteurFichiers, horloge, limites: { octets: 1024 * 1024 } });
    expect(r.statut).toBe('refuse');
    const motif = 'jeunes.csv : plus de 1 Mo une fois décompressé, au-delà de la limite par fichier (CPO_IMPORT_TAILLE_MAX_MO) : archive refusée';
    expect(r.erreurs.map((e) => [e.fichier, e.message])).toEqual([['extrait.zip', motif]]);
    expect(await lignesAudit(base)).toMatchObject([{ action: 'import_refuse', objet: 'extrait.zip', details: { statut: 'refuse', motif } }]);
  });

  it("trace chaque refus au niveau de l'archive : source introuvable, zip illisible, aucun fichier du format", async () => {
    const faux = `${dossierTemporaire('faux')}/faux.zip`;
    writeFileSync(faux, 'pas une archive');
    const sansFormat = ecrireExtrait({ 'autre.csv': 'a;b\n1;2\n' });
    const attendus: [string, string][] = [
      ['/nulle/part', 'source introuvable : /nulle/part'],
      [faux, `archive zip illisible : ${faux} (fichier abîmé, ou qui n'est pas une archive zip)`],
      [sansFormat, expect.stringMatching(/^aucun fichier du format d'échange dans .* \(attendus : structures\.csv, jeunes\.csv/) as unknown as string],
    ];
    for (const [source, message] of attendus) {
      const r = await importerExtrait(base, source, { fichiers: lecteurFichiers, horloge });
      expect(r.statut, source).toBe('refuse');
      expect(r.erreurs.map((e) => e.message), source).toEqual([message]);
    }
    expect(await lignesAudit(base)).toMatchObject(
      attendus.map(([source, motif]) => ({ acteur: 'cli', action: 'import_refuse', objet: source.split('/').pop(), details: { motif } })),
    );
  });

  it("un import qui plante laisse une ligne import_echoue hors de la transaction annulée, puis l'erreur remonte", async () => {
    const panne = { etape: (libelle: string) => { if (libelle === 'Écriture en base') throw new Error('panne du disque'); }, avancer() {}, terminer() {} };
    await expect(importerExtrait(base, ecrireExtrait(extraitValide()), { fichiers: lecteurFichiers, horloge, progression: panne, acteur: 'test' })).rejects.toThrow('panne du disque');
    for (const t of TABLES) expect((await base.query(`SELECT count(*)::int AS n FROM ${t}`))[0].n, t).toBe(0);
    expect(await lignesAudit(base)).toMatchObject([{ acteur: 'test', action: 'import_echoue', details: { motif: 'panne du disque' } }]);
  });

  it("borne la longueur d'une ligne et d'un champ (fichier, ligne, message français) et abrège les valeurs citées", async () => {
    const fichiers = extraitValide();
    // Une ligne sans fin, de 3 Mo : la lecture s'arrête à la limite.
    fichiers['evenements.csv'] = 'code_structure;id_evenement;id_jeune;date;type\n' + 'x'.repeat(3_000_000);
    fichiers['offres.csv'] = csv([['code_structure', 'id_offre', 'date_collecte', 'intitule'], ['ML03501', 'O1', '2017-02-01', 'y'.repeat(20_000)]]);
    fichiers['structures.csv'] = fichiers['structures.csv'].replace('Mission locale de Brest', 'z'.repeat(5000));
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge, limites: { longueurLigne: 50_000 } });
    expect(r.statut).toBe('refuse');
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.valeur, e.message])).toEqual([
      ['structures.csv', 3, 'nom', 'z'.repeat(100) + '…', 'texte trop long (200 caractères au plus)'],
      ['evenements.csv', 2, '', '', "ligne de plus de 50000 caractères (limite CPO_IMPORT_LONGUEUR_LIGNE_MAX) : fin de ligne manquante, ou fichier qui n'est pas un CSV"],
      ['offres.csv', 2, 'intitule', '', 'champ de plus de 10000 caractères (limite CPO_IMPORT_LONGUEUR_CHAMP_MAX)'],
    ]);
    expect(compte(r, 'evenements.csv').lignes).toBe(0);
  });

  it("refuse un fichier qui mêle deux encodages au lieu de le relire en entier en Windows-1252", async () => {
    const fichiers: Record<string, string | Buffer> = extraitValide();
    fichiers['structures.csv'] = Buffer.concat([
      Buffer.from('code_structure;nom;code_departement;code_region\nML03501;Mission locale de Saint-Étienne;35;53\n'),
      Buffer.from('ML02901;Mission locale de Ploërmel;29;53\n', 'latin1'),
    ]);
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(r.statut).toBe('refuse');
    // Le fichier n'est pas lu : les jeunes qui renvoient à ses structures sont signalés ensuite.
    expect(r.erreurs.filter((e) => e.fichier === 'structures.csv').map((e) => [e.ligne, e.message])).toEqual([
      [3, "encodage mêlé : la ligne 3 n'est pas en UTF-8, alors que la ligne 2 l'est : enregistrez le fichier entier en UTF-8"],
    ]);
    expect((await base.query(`SELECT count(*)::int AS n FROM mission_locale`))[0].n).toBe(0);
  });

  it("refuse les caractères de contrôle dans les textes (fichier, ligne, colonne) ; le rapport n'en imprime aucun brut", async () => {
    const fichiers: Record<string, string | Buffer> = extraitValide();
    fichiers['jeunes.csv'] = (fichiers['jeunes.csv'] as string)
      .replace('Nom2,', 'Nom2\u001b[2J\u001b[31m,')
      .replace('code_structure,', 'code_structure,colonne\u009b31m,')
      .replace(/\n(ML\d+,)/g, '\n$1x,');
    fichiers['notes\u001b]0;titre\u0007.csv'] = 'a;b\n';
    const r = await importerExtrait(base, ecrireExtrait(fichiers), { fichiers: lecteurFichiers, horloge });
    expect(r.statut).toBe('refuse');
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.valeur, e.message])).toEqual([
      ['jeunes.csv', 3, 'nom', 'Nom2\u001b[2J\u001b[31m', "caractère de contrôle interdit (\\x1b) : séquence d'échappement de terminal, ou fichier abîmé"],
    ]);
    const texte = rapportEnTexte(r);
    expect(texte).not.toMatch(CONTROLE_BRUT);
    expect(texte).toContain('jeunes.csv, ligne 3, colonne nom (valeur « Nom2\\x1b[2J\\x1b[31m ») : caractère de contrôle interdit');
    expect(texte).toContain('colonnes inconnues ignorées : colonne\\x9b31m');
    expect(texte).toContain('fichier ignoré (hors du format d\'échange) : notes\\x1b]0;titre\\x07.csv');
    expect(rapportEnJson(r)).not.toMatch(CONTROLE_BRUT);
    expect(JSON.parse(rapportEnJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
  });

  it("refuse un fichier aux fins de ligne CR seules plutôt que d'y lire zéro ligne", async () => {
    const r = await importerExtrait(
      base,
      ecrireExtrait({
        ...extraitValide(),
        'evenements.csv': 'code_structure;id_evenement;id_jeune;date;type;id_conseiller\rML03501;E1;J1;2017-01-10;ATELIER;\r',
      }),
      { fichiers: lecteurFichiers, horloge },
    );
    expect(r.statut).toBe('refuse');
    expect(r.erreurs.map((e) => [e.fichier, e.ligne, e.message])).toEqual([
      ['evenements.csv', 1, 'fins de ligne CR seules (format des anciens Mac) : enregistrez le fichier avec des fins de ligne LF ou CRLF'],
    ]);
  });
});
