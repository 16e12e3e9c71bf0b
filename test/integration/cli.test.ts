// La ligne de commande telle qu'un utilisateur la lance : processus, codes de sortie, messages.
import { existsSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import { cpo } from '../outils/cli.ts';
import { csv, dossierTemporaire, ecrireExtrait } from '../outils/extraits.ts';

const dossier = () => dossierTemporaire('cli');

const EXTRAIT = {
  'structures.csv': csv([['code_structure', 'nom', 'code_departement', 'code_region'], ['ML03501', 'Mission locale de Rennes', '35', '53']]),
  'jeunes.csv': csv([['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil'], ['ML03501', 'J1', '1998-04-02', 'F', '2016-09-12']]),
  'evenements.csv': csv([['code_structure', 'id_evenement', 'id_jeune', 'date', 'type'], ['ML03501', 'E1', 'J1', '2016-09-12', 'ENTRETIEN_INDIVIDUEL']]),
};

describe('ligne de commande cpo', () => {
  it("affiche son aide en français", () => {
    const r = cpo(['--aide']);
    expect(r.code).toBe(0);
    expect(r.sortie).toContain('Utilisation : cpo');
    expect(r.sortie).toContain('Commandes :');
    for (const commande of ['import', 'export', 'demo', 'serve']) expect(r.sortie).toContain(commande);
    const aideImport = cpo(['import', '--aide']);
    expect(aideImport.sortie).toContain('--tolerant');
  });

  it("refuse une option inconnue ou une valeur hors liste, en français, avec un code d'erreur", () => {
    const inconnue = cpo(['import', '--vite', 'x']);
    expect(inconnue.code).not.toBe(0);
    expect(inconnue.erreurs).toContain('option inconnue : --vite');
    const echelle = cpo(['demo', '--echelle', 'canton']);
    expect(echelle.code).not.toBe(0);
    expect(echelle.erreurs).toContain('valeurs admises : ml, departement, region, national');
    const annee = cpo(['export', dossier(), '--annee', 'deux-mille']);
    expect(annee.erreurs).toContain('--annee attend un nombre entier');
  });

  it("importe (code 0), refuse un extrait fautif (code 1, une ligne par erreur), puis exporte", () => {
    const base = dossier();
    const ok = cpo(['import', ecrireExtrait(EXTRAIT)], base);
    expect(ok.erreurs).toContain('Import terminé');
    expect(ok.code).toBe(0);

    const fautif = cpo(['import', ecrireExtrait({ ...EXTRAIT, 'evenements.csv': EXTRAIT['evenements.csv'] + 'ML03501;E2;J9;2016-13-01;SMS\n' })], base);
    expect(fautif.code).toBe(1);
    expect(fautif.erreurs).toContain('Import refusé : rien n’a été écrit');
    expect(fautif.erreurs).toContain('evenements.csv, ligne 3, colonne id_jeune (valeur « J9 ») : jeune inconnu');
    expect(fautif.erreurs).toContain('evenements.csv, ligne 3, colonne date (valeur « 2016-13-01 ») : date impossible');

    const sortie = dossier();
    const exporte = cpo(['export', sortie], base);
    expect(exporte.code).toBe(0);
    expect(readFileSync(join(sortie, 'evenements.csv'), 'utf8')).toBe('code_structure;id_evenement;id_jeune;date;type;id_conseiller\nML03501;E1;J1;2016-09-12;ENTRETIEN_INDIVIDUEL;\n');
  });

  it('calcule les indicateurs en JSON (le format attendu par les contrôles externes), CSV et tableau, et fige un instantané', () => {
    const base = dossier();
    expect(cpo(['import', ecrireExtrait(EXTRAIT)], base).code).toBe(0);
    const json = cpo(['indicateurs', '--annee', '2016', '--format', 'json'], base);
    expect(json.code).toBe(0);
    const sortie = JSON.parse(json.sortie);
    expect(sortie).toMatchObject({ annee: 2016, catalogue: 'cpo-2015-2018/v2' });
    const [ml] = sortie.structures;
    expect(ml.code_structure).toBe('ML03501');
    expect(ml.indicateurs).toMatchObject({ jeunes_en_contact: 1, premiers_accueils: 1, jeunes_accompagnes: 1, entretiens_individuels: 1, etp_conseillers: null });
    expect(Object.keys(ml.ratios)).toHaveLength(13);
    expect(ml.ratios).toMatchObject({ ratio_02: 1, ratio_05: 1, ratio_01: null, ratio_06: null });

    const csvSortie = cpo(['indicateurs', '--annee', '2016', '--format', 'csv'], base).sortie.split('\n');
    expect(csvSortie[0].startsWith('annee;code_structure;pop_16_25;')).toBe(true);
    expect(csvSortie[1].startsWith('2016;ML03501;')).toBe(true);
    const tableau = cpo(['indicateurs', '--annee', '2016', '--structure', 'ML03501'], base).sortie;
    expect(tableau).toContain('Jeunes en contact');
    expect(tableau).toMatch(/ratio_06 Jeunes accompagnés par conseiller \(ETP\) +n\.d\./);

    const fige = cpo(['figer', '--annee', '2016'], base);
    expect(fige.code).toBe(0);
    expect(fige.erreurs).toMatch(/Instantané n° 1 figé : année 2016, national/);
    const relu = JSON.parse(cpo(['instantanes', '--id', '1'], base).sortie);
    expect(relu).toMatchObject({ id: 1, integre: true });
    expect(relu.contenu.structures[0].indicateurs.jeunes_en_contact).toBe(1);
    const inconnue = cpo(['indicateurs', '--annee', '2016', '--structure', 'ML99'], base);
    expect(inconnue.code).toBe(1);
    expect(inconnue.erreurs).toContain('structure inconnue : ML99');
  }, 300_000); // sept processus cpo, chacun ouvre la base embarquée et la migre : lent sur une machine chargée

  it("calcule les indicateurs à date (--au) dans le même JSON, et refuse une date hors de l'année ou invalide, en français", () => {
    const base = dossier();
    expect(cpo(['import', ecrireExtrait(EXTRAIT)], base).code).toBe(0);
    // J1 : premier accueil et entretien le 12 septembre 2016.
    const veille = JSON.parse(cpo(['indicateurs', '--annee', '2016', '--au', '2016-09-11', '--format', 'json'], base).sortie);
    expect(veille).toMatchObject({ annee: 2016, au: '2016-09-11', catalogue: 'cpo-2015-2018/v2' });
    expect(veille.structures[0].indicateurs).toMatchObject({ jeunes_en_contact: 0, premiers_accueils: 0, jeunes_accompagnes: 0 });
    const jour = cpo(['indicateurs', '--annee', '2016', '--au', '2016-09-12', '--structure', 'ML03501', '--format', 'csv'], base).sortie.split('\n');
    expect(jour[0].startsWith('annee;au;code_structure;pop_16_25;')).toBe(true);
    expect(jour[1]).toMatch(/^2016;2016-09-12;ML03501;/);
    const horsAnnee = cpo(['indicateurs', '--annee', '2016', '--au', '2017-01-31'], base);
    expect(horsAnnee.code).toBe(1);
    expect(horsAnnee.erreurs).toContain("--au : la date de coupure 2017-01-31 n'est pas dans l'année 2016");
    const invalide = cpo(['indicateurs', '--annee', '2016', '--au', '2016-02-30'], base);
    expect(invalide.code).toBe(1);
    expect(invalide.erreurs).toContain('--au : date de coupure invalide : « 2016-02-30 »');
  }, 300_000);

  it('donne la qualité des données en nombres : chaque ML, puis les constats d’une seule', () => {
    const base = dossier();
    expect(cpo(['import', ecrireExtrait(EXTRAIT)], base).code).toBe(0);
    // J1 est en contact en 2016 sans niveau de formation, sans QPV, ZRR ni commune ; contexte et moyens manquent.
    const tableau = cpo(['qualite', '--annee', '2016'], base);
    expect(tableau.code).toBe(0);
    expect(tableau.sortie).toMatch(/ML03501 +Mission locale de Rennes +\d+\/100, niveau de confiance faible/);
    const json = JSON.parse(cpo(['qualite', '--annee', '2016', '--structure', 'ML03501', '--format', 'json'], base).sortie);
    expect(json.constats.find((c: any) => c.regle === 'completude_niveau_formation')).toMatchObject({ nombre: 1, base: 1, respectee: false });
    expect(json.jeunes).toBeUndefined();
    expect(cpo(['qualite', '--annee', '2016', '--structure', 'ML03501'], base).sortie).toMatch(/à corriger +Niveau de formation non renseigné +1 sur 1 \(100,0\s%\)/);
    const inconnue = cpo(['qualite', '--annee', '2016', '--structure', 'ML99'], base);
    expect([inconnue.code, inconnue.erreurs]).toEqual([1, 'cpo : structure inconnue : ML99\n']);
  }, 300_000);

  it("dit qu'une source n'existe pas", () => {
    const r = cpo(['import', '/nulle/part']);
    expect(r.code).toBe(1);
    expect(r.erreurs).toContain('source introuvable : /nulle/part');
  });

  it("génère la démonstration d'une ML dans un dossier, qui s'importe en mode strict", () => {
    const sortie = dossier();
    const gen = cpo(['demo', '--echelle', 'ml', '--graine', '7', '--sortie', sortie]);
    expect(gen.code).toBe(0);
    expect(existsSync(join(sortie, 'evenements.csv'))).toBe(true);
    const r = cpo(['import', sortie, '--json']);
    expect(r.code).toBe(0);
    const rapport = JSON.parse(r.sortie);
    expect(rapport.statut).toBe('importe');
    expect(rapport.fichiers.find((f: any) => f.fichier === 'evenements.csv').crees).toBeGreaterThan(10_000);
  });

  it("chaque commande qui écrit nomme dans le journal l'utilisateur système et la machine, pas seulement « cli »", async () => {
    const donnees = dossier();
    for (const args of [
      ['demo', '--echelle', 'ml', '--graine', '7'],
      ['import', '/nulle/part'],
      ['export', dossier()],
      ['figer', '--annee', '2016'],
      ['retention', '--simulation'],
    ]) {
      expect(cpo(args, donnees).code, args.join(' ')).toBeLessThanOrEqual(1);
    }
    const base = await ouvrirBase({ url: '', dossier: donnees });
    try {
      const lignes = await base.query<{ acteur: string; action: string; origine: string }>('SELECT acteur, action, origine FROM journal_audit ORDER BY id');
      expect(lignes.map((l) => l.action)).toEqual(['import_extrait', 'import_refuse', 'export_extrait_nominatif', 'figer_instantane', 'retention_simulee']);
      for (const l of lignes) expect(l, l.action).toEqual({ acteur: `cli:${userInfo().username}@${hostname()}`, action: l.action, origine: 'cli' });
    } finally {
      await base.fermer();
    }
  }, 600_000);
});
