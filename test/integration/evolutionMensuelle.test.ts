// L'évolution mois par mois (issue 14, point 1) : chaque fin de mois de N (les mois finis au jour du
// serveur) et de N-1, pour une ML et ses références, par l'API, sur les deux moteurs. Chaque valeur est
// celle du moteur à cette date ; le périmètre est celui de l'évolution année par année.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../../src/application/indicateurs/moteur.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

const FINS_2018 = ['2018-01-31', '2018-02-28', '2018-03-31', '2018-04-30', '2018-05-31', '2018-06-30', '2018-07-31', '2018-08-31', '2018-09-30', '2018-10-31', '2018-11-30'];
const FINS_2017 = [...FINS_2018.map((d) => d.replace('2018', '2017')), '2017-12-31'];

surChaqueMoteur('Évolution mois par mois', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let dgefp: Record<string, string>;
  let ud35: Record<string, string>;
  const catalogue = chargerCatalogue();
  const get = (url: string, session = dgefp) => app.inject({ url, headers: session });

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('mensuel');
    ecrireExtraitAleatoire(dossier, 7, { structures: 3, jeunesParStructure: 60 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    // Le 15 décembre 2018 : le dernier mois complet de 2018 est novembre.
    app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2018-12-15') });
    const comptes = await comptesDemo(app);
    dgefp = await connecter(app, compte(comptes, 'agent_dgefp'));
    ud35 = await connecter(app, compte(comptes, 'agent_ud', '35'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it("rend chaque fin de mois fini de N et chaque fin de mois de N-1 : pour la ML, les chiffres du moteur à cette date ; ses références à côté", async () => {
    const reponse = await get('/api/evolution/structure/RA01/mois/2018');
    expect(reponse.statusCode).toBe(200);
    const e = reponse.json();
    expect(e.mois).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(e.au).toEqual([...FINS_2018, null]);
    expect(e.auPrecedent).toEqual(FINS_2017);
    expect(e.series.map((s: any) => `${s.niveau}:${s.code}`)).toEqual(['structure:RA01', 'departement:35', 'region:53', 'national:FR']);
    const [ml, , region, national] = e.series;
    for (const [i, au] of FINS_2018.entries()) {
      const [attendu] = await chiffresParML(base, catalogue, 2018, ['RA01'], au);
      expect(ml.valeurs[i], au).toEqual({ indicateurs: attendu.indicateurs, ratios: attendu.ratios });
    }
    for (const [i, au] of FINS_2017.entries()) {
      const [attendu] = await chiffresParML(base, catalogue, 2017, ['RA01'], au);
      expect(ml.precedent[i], au).toEqual({ indicateurs: attendu.indicateurs, ratios: attendu.ratios });
    }
    // Décembre 2018 n'est pas fini : pas de valeur, pour aucune série.
    expect(e.series.map((s: any) => s.valeurs[11])).toEqual([null, null, null, null]);
    // La nation et la région (RA01, RA02) sont les sommes de leurs ML à la même date.
    const somme = (chiffres: { indicateurs: Record<string, number | null> }[]) => chiffres.reduce((s, c) => s + c.indicateurs.jeunes_en_contact!, 0);
    expect(national.valeurs[5].indicateurs.jeunes_en_contact).toBe(somme(await chiffresParML(base, catalogue, 2018, undefined, '2018-06-30')));
    expect(region.precedent[1].indicateurs.jeunes_en_contact).toBe(somme(await chiffresParML(base, catalogue, 2017, ['RA01', 'RA02'], '2017-02-28')));
    // Les chiffres montent au fil des mois : une fin de mois n'est pas l'année entière.
    expect(ml.valeurs[0].indicateurs.jeunes_en_contact).toBeLessThan(ml.valeurs[10].indicateurs.jeunes_en_contact);
    expect(ml.precedent[0].indicateurs.jeunes_en_contact).toBeLessThan(ml.precedent[11].indicateurs.jeunes_en_contact);

    // Un seul mois (l'écran les demande un à un pour montrer sa progression) : les mêmes valeurs.
    const mars = (await get('/api/evolution/structure/RA01/mois/2018?mois=3')).json();
    expect([mars.mois, mars.au, mars.auPrecedent]).toEqual([[3], ['2018-03-31'], ['2017-03-31']]);
    expect(mars.series.map((s: any) => [s.valeurs[0], s.precedent[0]])).toEqual(e.series.map((s: any) => [s.valeurs[2], s.precedent[2]]));
  });

  it("pour une année passée, tous les mois ; sans données pour N-1, N-1 est vide ; une année sans données est introuvable", async () => {
    const e = (await get('/api/evolution/departement/35/mois/2015')).json();
    expect(e.au).toEqual(FINS_2017.map((d) => d.replace('2017', '2015')));
    expect(e.auPrecedent[1]).toBe('2014-02-28');
    expect(e.series.map((s: any) => s.niveau)).toEqual(['departement', 'region', 'national']);
    expect(e.series.flatMap((s: any) => s.precedent)).toEqual(Array(36).fill(null));
    const [ml] = await chiffresParML(base, catalogue, 2015, ['RA01'], '2015-09-30');
    expect(e.series[0].valeurs[8].indicateurs).toEqual(ml.indicateurs);
    const bissextile = (await get('/api/evolution/national/FR/mois/2017?mois=2')).json();
    expect([bissextile.au, bissextile.auPrecedent]).toEqual([['2017-02-28'], ['2016-02-29']]);
    const absente = await get('/api/evolution/structure/RA01/mois/2012');
    expect([absente.statusCode, absente.json()]).toEqual([404, { code: 'introuvable', message: 'aucun chiffre pour la Mission locale RA01 en 2012' }]);
    const invalide = await get('/api/evolution/structure/RA01/mois/2018?mois=13');
    expect([invalide.statusCode, invalide.json().code]).toEqual([400, 'saisie_invalide']);
  });

  it("refuse à l'UD une ML ou un territoire hors de son département, et rend son département", async () => {
    for (const [url, sujet] of [
      ['/api/evolution/structure/RA02/mois/2018', 'la Mission locale RA02'],
      ['/api/evolution/departement/29/mois/2018', 'le département 29'],
      ['/api/evolution/region/53/mois/2018?mois=1', 'la région 53'],
      ['/api/evolution/national/FR/mois/2018', 'la nation'],
    ]) {
      const reponse = await get(url, ud35);
      expect([reponse.statusCode, reponse.json()], url).toEqual([403, { code: 'hors_perimetre', message: `Hors de votre périmètre : ${sujet}.` }]);
    }
    const dep = (await get('/api/evolution/departement/35/mois/2018?mois=6', ud35)).json();
    expect(dep.series.map((s: any) => s.code)).toEqual(['35', '53', 'FR']);
  });
});
