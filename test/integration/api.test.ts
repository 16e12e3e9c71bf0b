// L'API HTTP des chiffres, appelée comme un client (injection Fastify), sur les deux moteurs.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../../src/application/indicateurs/moteur.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { CODES_ERREUR } from '../../src/domaine/erreurs.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

surChaqueMoteur('API des chiffres', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let dgefp: Record<string, string>;
  const get = (url: string) => app.inject({ url, headers: dgefp });
  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('api');
    ecrireExtraitAleatoire(dossier, 5, { structures: 3, jeunesParStructure: 80 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { prechauffer: true, connexionDemo: true });
    dgefp = await connecter(app, compte(await comptesDemo(app), 'agent_dgefp'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it("rend les chiffres d'une ML avec l'année précédente et ses références, les mêmes que le moteur", async () => {
    const [premiere] = await chiffresParML(base, chargerCatalogue(), 2017);
    const reponse = await get(`/api/annees/2017/structures/${premiere.code_structure}`);
    expect(reponse.statusCode).toBe(200);
    const corps = reponse.json();
    expect(corps.indicateurs).toEqual(premiere.indicateurs);
    expect(corps.ratios).toEqual(premiere.ratios);
    const [avant] = await chiffresParML(base, chargerCatalogue(), 2016, [premiere.code_structure]);
    expect(corps.precedent.indicateurs).toEqual(avant.indicateurs);
    expect(Object.keys(corps.references)).toEqual(['departement', 'region', 'national', 'distributions']);
    expect(corps.references.national.structures).toBe(3);
    expect(corps.references.distributions.national.ratio_03.effectif).toBeGreaterThan(0);
  });

  it('rend un département, une région, la nation', async () => {
    const national = (await get('/api/annees/2017/national')).json();
    expect(national.structures).toHaveLength(3);
    const somme = national.structures.reduce((s: number, m: any) => s + m.indicateurs.jeunes_en_contact, 0);
    expect(national.territoire.indicateurs.jeunes_en_contact).toBe(somme);
    const region = (await get(`/api/annees/2017/regions/${national.structures[0].code_region}`)).json();
    expect(region.niveau).toBe('region');
    const departement = await get(`/api/annees/2017/departements/${national.structures[0].code_departement}`);
    expect(departement.statusCode).toBe(200);
  });

  it("rend les chiffres à date (?au=) d'une ML, d'un département, d'une région et de la nation, avec N-1 au même jour", async () => {
    const catalogue = chargerCatalogue();
    const [premiere] = await chiffresParML(base, catalogue, 2016, undefined, '2016-02-29');
    const ml = (await get(`/api/annees/2016/structures/${premiere.code_structure}?au=2016-02-29`)).json();
    expect([ml.annee, ml.au, ml.auPrecedent]).toEqual([2016, '2016-02-29', '2015-02-28']);
    expect(ml.indicateurs).toEqual(premiere.indicateurs);
    expect(ml.ratios).toEqual(premiere.ratios);
    const [avant] = await chiffresParML(base, catalogue, 2015, [premiere.code_structure], '2015-02-28');
    expect(ml.precedent.indicateurs).toEqual(avant.indicateurs);
    const somme = (chiffres: { indicateurs: Record<string, number | null> }[]) => chiffres.reduce((s, m) => s + m.indicateurs.jeunes_en_contact!, 0);
    const national = (await get('/api/annees/2017/national?au=2017-07-31')).json();
    expect(national).toMatchObject({ annee: 2017, au: '2017-07-31', auPrecedent: '2016-07-31' });
    expect(national.territoire.indicateurs.jeunes_en_contact).toBe(somme(await chiffresParML(base, catalogue, 2017, undefined, '2017-07-31')));
    expect(national.precedent.indicateurs.jeunes_en_contact).toBe(somme(await chiffresParML(base, catalogue, 2016, undefined, '2016-07-31')));
    // Chaque date a sa réponse gardée : une autre date, ou l'année entière, ne la reprend pas.
    const entiere = (await get('/api/annees/2017/national')).json();
    expect(entiere.au).toBeUndefined();
    expect(entiere.territoire.indicateurs.jeunes_en_contact).toBe(somme(await chiffresParML(base, catalogue, 2017)));
    expect(entiere.territoire.indicateurs.jeunes_en_contact).toBeGreaterThan(national.territoire.indicateurs.jeunes_en_contact);
    expect((await get('/api/annees/2017/national?au=2017-07-31')).json()).toEqual(national);
    const [region, departement] = await Promise.all([
      get(`/api/annees/2017/regions/${national.structures[0].code_region}?au=2017-08-01`),
      get(`/api/annees/2017/departements/${national.structures[0].code_departement}?au=2017-08-01`),
    ]);
    expect([region.statusCode, region.json().au, departement.statusCode, departement.json().auPrecedent]).toEqual([200, '2017-08-01', 200, '2016-08-01']);
    const horsAnnee = await get('/api/annees/2017/national?au=2016-12-31');
    expect([horsAnnee.statusCode, horsAnnee.json()]).toEqual([400, { code: 'saisie_invalide', message: expect.stringContaining("la date de coupure 2016-12-31 n'est pas dans l'année 2017") }]);
    const invalide = await get(`/api/annees/2017/structures/${premiere.code_structure}?au=2017-02-29`);
    expect([invalide.statusCode, invalide.json().message]).toEqual([400, 'date de coupure invalide : « 2017-02-29 » ; une date AAAA-MM-JJ qui existe est attendue.']);
    const illisible = await get('/api/annees/2017/regions/53?au=demain');
    expect([illisible.statusCode, illisible.json().message]).toEqual([400, expect.stringContaining('date de coupure AAAA-MM-JJ attendue')]);
  });

  it('dit ce que couvre chaque référence : ML en base et ML du réseau, par région et pour la nation', async () => {
    // L'extrait compte RA01 et RA02 en Bretagne (17 ML au réseau), RA03 en Île-de-France (77) : 3 ML sur 445.
    const ml = (await get('/api/annees/2017/structures/RA01')).json();
    expect(ml.references.national).toMatchObject({ nom: 'France', structures: 3, attendues: 445 });
    expect(ml.references.region).toMatchObject({ code: '53', structures: 2, attendues: 17 });
    expect(ml.references.departement).toMatchObject({ structures: 1, attendues: null });
    const national = (await get('/api/annees/2017/national')).json();
    expect(national.territoire).toMatchObject({ structures: 3, attendues: 445 });
    const regions = national.couvertureRegions;
    expect(regions).toHaveLength(18);
    expect(regions.reduce((s: number, r: any) => s + r.attendues, 0)).toBe(445);
    expect(regions[0]).toEqual({ code: '11', nom: 'Île-de-France', structures: 1, attendues: 77 });
    expect(regions.find((r: any) => r.code === '53')).toEqual({ code: '53', nom: 'Bretagne', structures: 2, attendues: 17 });
    expect(regions.find((r: any) => r.code === '84')).toEqual({ code: '84', nom: 'Auvergne-Rhône-Alpes', structures: 0, attendues: 61 });
    expect((await get('/api/annees/2017/regions/53')).json().territoire).toMatchObject({ structures: 2, attendues: 17 });
    expect((await get('/api/annees/2017/regions/53')).json().couvertureRegions).toBeUndefined();
    const evolution = (await get('/api/evolution/structure/RA01')).json();
    expect(evolution.series.map((s: any) => s.couverture ?? null)).toEqual([null, { structures: 1, attendues: null }, { structures: 2, attendues: 17 }, { structures: 3, attendues: 445 }]);
  });

  it('répond en français : 404 pour une ML inconnue, 400 pour une année invalide', async () => {
    const inconnue = await get('/api/annees/2017/structures/ML99999');
    expect(inconnue.statusCode).toBe(404);
    expect(inconnue.json()).toEqual({ code: 'introuvable', message: 'Mission locale inconnue : ML99999' });
    const invalide = await get('/api/annees/deux-mille/national');
    expect(invalide.statusCode).toBe(400);
    expect(invalide.json()).toEqual({ code: 'saisie_invalide', message: expect.stringMatching(/^Requête invalide — annee : /) });
    const rien = await get('/api/rien');
    expect([rien.statusCode, rien.json()]).toEqual([404, { code: 'introuvable', message: 'Adresse inconnue : GET /api/rien' }]);
    const region = await connecter(app, compte(await comptesDemo(app), 'agent_direccte'));
    const national = await app.inject({ url: '/api/annees/2017/national', headers: region });
    expect([national.statusCode, national.json().code]).toEqual([403, 'hors_perimetre']);
  });

  it('dit le jour du dernier import qui a écrit : les chiffres sont « données au » ce jour', async () => {
    const jour = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect((await get('/api/moi')).json().donnees_au).toBe(jour);
    await base.query(`UPDATE etat_donnees SET mise_a_jour = '2017-03-14 23:30:00+00'`);
    expect((await get('/api/moi')).json().donnees_au).toBe('2017-03-15');
    // Un import qui n'écrit rien ne change pas la date.
    const dossier = dossierTemporaire('api-rien');
    ecrireExtraitAleatoire(dossier, 5, { structures: 3, jeunesParStructure: 80 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    expect((await get('/api/moi')).json().donnees_au).toBe('2017-03-15');
  });

  it("rend l'évolution d'une ML et de ses références sur les années en base", async () => {
    const [premiere] = await chiffresParML(base, chargerCatalogue(), 2016);
    const evolution = (await get(`/api/evolution/structure/${premiere.code_structure}`)).json();
    expect(evolution.annees).toEqual([2015, 2016, 2017, 2018]);
    expect(evolution.series.map((s: any) => s.niveau)).toEqual(['structure', 'departement', 'region', 'national']);
    expect(evolution.series[0].valeurs[1].indicateurs).toEqual(premiere.indicateurs);
  });

  it('fige, liste et relit un instantané ; documente son API en OpenAPI', async () => {
    const cree = await app.inject({ method: 'POST', url: '/api/instantanes', payload: { annee: 2016 }, headers: dgefp });
    expect(cree.statusCode).toBe(201);
    const { id, empreinte } = cree.json();
    expect((await get('/api/instantanes?annee=2016')).json().instantanes.map((i: any) => i.id)).toContain(id);
    const lu = (await get(`/api/instantanes/${id}`)).json();
    expect(lu).toMatchObject({ id, empreinte, integre: true, annee: 2016 });
    expect(lu.contenu.structures).toHaveLength(3);
    // La ligne du journal dit qui l'a figé, et d'où.
    const [trace] = await base.query(`SELECT acteur, origine FROM journal_audit WHERE action = 'figer_instantane' AND objet = $1`, [`instantane/${id}`]);
    expect(trace).toEqual({ acteur: compte(await comptesDemo(app), 'agent_dgefp').courriel, origine: '127.0.0.1' });
    expect(lu.contenu.national).toMatchObject({ structures: 3, attendues: 445 });
    const page = await app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<!DOCTYPE html>');
    const docs = await app.inject({ url: '/api/docs/json' });
    expect(Object.keys(docs.json().paths)).toContain('/api/annees/{annee}/structures/{code}');
    // Chaque route documente ses erreurs : { code, message }, le code parmi ceux de la taxonomie.
    const reponses = docs.json().paths['/api/dialogues/{id}'].get.responses;
    const schema = reponses['4XX'].content['application/json'].schema;
    expect(schema.required).toEqual(['code', 'message']);
    expect(schema.properties.code.enum).toEqual([...CODES_ERREUR]);
    expect(reponses['5XX']).toBeDefined();
  });

  it("ne garde où sont les ML que pour la version des données : une ML importée après un 404 est servie", async () => {
    expect((await get('/api/annees/2017/structures/RA04')).statusCode).toBe(404);
    expect((await get('/api/annees/2017/departements/13')).statusCode).toBe(404);
    const dossier = dossierTemporaire('api-quatre');
    ecrireExtraitAleatoire(dossier, 5, { structures: 4, jeunesParStructure: 80 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    const ml = await get('/api/annees/2017/structures/RA04');
    expect(ml.statusCode).toBe(200);
    const departement = await get('/api/annees/2017/departements/13');
    expect([departement.statusCode, departement.json().structures.map((s: any) => s.code)]).toEqual([200, ['RA04']]);
  });
});
