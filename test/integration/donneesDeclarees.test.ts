// Les données annuelles déclarées par l'API, sur les deux moteurs : une saisie change aussitôt les
// chiffres qui en dépendent ; une saisie invalide est refusée avec le message de l'import et rien n'est
// écrit ; hors périmètre, 403 tracé ; le fichier CSV est tout ou rien ; chaque changement est gardé.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { fichierDeclare } from '../../src/domaine/declarees/declaration.ts';
import { lireValeur } from '../../src/domaine/echange/valeurs.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

// RA01 Rennes (35, Bretagne 53), RA02 Brest (29, 53), RA03 Paris (75, Île-de-France 11).
type Qui = 'direction_ra01' | 'direccte_53' | 'dgefp' | 'conseiller';

/** Le message de l'import pour une valeur d'une colonne : le formulaire doit dire le même. */
const messageImport = (nature: 'moyens' | 'contexte', colonne: string, valeur: string) =>
  lireValeur(fichierDeclare(nature).colonnes.find((c) => c.nom === colonne)!, valeur, '2018-12-31').erreur!;

surChaqueMoteur('Données déclarées', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  const sessions = new Map<Qui, Record<string, string>>();
  const appel = async (qui: Qui, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) => {
    const r = await app.inject({ method, url, payload: payload as any, headers: sessions.get(qui) });
    return { statut: r.statusCode, corps: r.json() };
  };
  /** Tout ce qu'une écriture refusée ne doit pas changer. */
  const etat = () =>
    Promise.all([
      base.query('SELECT * FROM moyens ORDER BY code_structure, annee'),
      base.query('SELECT * FROM contexte ORDER BY code_structure, annee'),
      base.query('SELECT * FROM declaration_historique ORDER BY id'),
      base.query('SELECT version FROM etat_donnees'),
    ]);
  const ratio12 = async (code: string) => (await appel('dgefp', 'GET', `/api/annees/2017/structures/${code}`)).corps;

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('declarees');
    ecrireExtraitAleatoire(dossier, 5, { structures: 3, jeunesParStructure: 40 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2018-12-31') });
    const comptes = await comptesDemo(app);
    sessions.set('direction_ra01', await connecter(app, compte(comptes, 'direction_ml', 'RA01')));
    sessions.set('conseiller', await connecter(app, compte(comptes, 'conseiller', 'RA01')));
    sessions.set('direccte_53', await connecter(app, compte(comptes, 'agent_direccte', '53')));
    sessions.set('dgefp', await connecter(app, compte(comptes, 'agent_dgefp')));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it('la direction déclare ses produits : le coût par jeune change aussitôt, la saisie est gardée dans l’historique', async () => {
    const avant = await ratio12('RA01'); // les chiffres sont en cache : la déclaration doit les périmer
    const jeunes = avant.indicateurs.jeunes_accompagnes;
    expect(jeunes).toBeGreaterThan(0);
    const r = await appel('direction_ra01', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { produits_total: '987654,5', etp_total: '12.25' } });
    expect(r.statut, JSON.stringify(r.corps)).toBe(200);
    expect(r.corps.changements.map((c: { champ: string }) => c.champ).sort()).toEqual(['etp_total', 'produits_total']);
    const apres = await ratio12('RA01');
    expect(apres.indicateurs.produits_total).toBe(987654.5);
    expect(apres.ratios.ratio_12).toBeCloseTo(987654.5 / jeunes, 6);
    expect(apres.ratios.ratio_12).not.toBeCloseTo(avant.ratios.ratio_12, 6);

    const lues = (await appel('direction_ra01', 'GET', '/api/structures/RA01/donnees-declarees')).corps;
    expect(lues.annees.find((a: { annee: number }) => a.annee === 2017).moyens).toMatchObject({ produits_total: '987654.5', etp_total: '12.25' });
    expect(lues.peut).toEqual({ moyens: true, contexte: false });
    const produits = lues.historique.find((h: { champ: string }) => h.champ === 'produits_total');
    expect(produits).toMatchObject({ nature: 'moyens', annee: 2017, nouvelle: '987654.5', acteur: expect.stringContaining('@') });
    expect(produits.ancienne).toBe(String(Number(avant.indicateurs.produits_total)));
    const [audit] = await base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'declarer_moyens' ORDER BY id DESC LIMIT 1`);
    expect(audit.details.changements).toContainEqual({ champ: 'produits_total', ancienne: produits.ancienne, nouvelle: '987654.5' });

    // La même saisie une seconde fois : rien ne change, rien de nouveau dans l'historique.
    const n = lues.historique.length;
    expect((await appel('direction_ra01', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { produits_total: '987654.50' } })).corps.changements).toEqual([]);
    expect((await appel('direction_ra01', 'GET', '/api/structures/RA01/donnees-declarees')).corps.historique).toHaveLength(n);
  });

  it('une saisie invalide est refusée avec le message de l’import, qui nomme le champ, et rien n’est écrit', async () => {
    const avant = await etat();
    const r = await appel('direction_ra01', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { etp_conseillers: '8', etp_total: 'douze', nb_sites: '-1' } });
    expect(r.statut).toBe(400);
    expect(r.corps.code).toBe('saisie_invalide');
    expect(r.corps.message).toContain(`etp_total (Effectif total (ETP)) : ${messageImport('moyens', 'etp_total', 'douze')}, reçu « douze »`);
    expect(r.corps.message).toContain(`nb_sites (Lieux d'accueil) : ${messageImport('moyens', 'nb_sites', '-1')}`);
    expect(r.corps.message).toMatch(/rien n'a été écrit/);
    // Un champ inconnu n'est pas ignoré en silence.
    const inconnu = await appel('direction_ra01', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { etp_totaux: '3' } });
    expect(inconnu.statut).toBe(400);
    expect(inconnu.corps.message).toMatch(/etp_totaux : champ inconnu/);
    expect(await etat()).toEqual(avant);
  });

  it('hors du périmètre ou du rôle : 403 en français, tracé, rien d’écrit', async () => {
    const avant = await etat();
    const autreML = await appel('direction_ra01', 'PUT', '/api/structures/RA02/moyens/2017', { valeurs: { etp_total: '3' } });
    expect(autreML.statut).toBe(403);
    expect(autreML.corps).toEqual({ code: 'hors_perimetre', message: 'Hors de votre périmètre : la déclaration des moyens de la Mission locale RA02.' });
    const autreRegion = await appel('direccte_53', 'PUT', '/api/structures/RA03/contexte/2017', { valeurs: { pop_16_25: '1000' } });
    expect(autreRegion.statut).toBe(403);
    expect((await appel('direccte_53', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { etp_total: '3' } })).corps.code).toBe('droit_insuffisant');
    expect((await appel('conseiller', 'PUT', '/api/structures/RA01/moyens/2017', { valeurs: { etp_total: '3' } })).statut).toBe(403);
    expect(await etat()).toEqual(avant);
    const refus = await base.query<{ action: string; objet: string }>(`SELECT action, objet FROM journal_audit WHERE action IN ('acces_refuse', 'declaration_refusee') ORDER BY id`);
    expect(refus).toEqual(
      expect.arrayContaining([
        { action: 'declaration_refusee', objet: 'structures/RA02/moyens/2017' },
        { action: 'acces_refuse', objet: 'PUT /api/structures/RA02/moyens/2017' },
        { action: 'declaration_refusee', objet: 'structures/RA03/contexte/2017' },
        { action: 'acces_refuse', objet: 'PUT /api/structures/RA03/contexte/2017' },
      ]),
    );
    // La DGEFP déclare le contexte de toute ML ; la ML le lit sans pouvoir le changer.
    expect((await appel('dgefp', 'PUT', '/api/structures/RA03/contexte/2017', { valeurs: { taux_chomage_15_24: '23,4' } })).statut).toBe(200);
  });

  it('le fichier CSV de contexte : tout ou rien, limité au périmètre, chaque erreur située', async () => {
    const entete = 'code_structure;annee;pop_16_25;taux_chomage_15_24';
    const bon = await appel('direccte_53', 'POST', '/api/contexte/import', { nom: 'contexte.csv', contenu: `${entete}\nRA01;2017;41000;18,5\nRA02;2017;30500;\n` });
    expect(bon.statut, JSON.stringify(bon.corps)).toBe(200);
    expect(bon.corps).toMatchObject({ statut: 'accepte', lignes: 2, erreurs: [] });
    const [ra01] = await base.query<{ pop: number; taux: number; }>(`SELECT pop_16_25 AS pop, taux_chomage_15_24::float8 AS taux FROM contexte WHERE code_structure = 'RA01' AND annee = 2017`);
    expect(ra01).toEqual({ pop: 41000, taux: 18.5 });
    expect((await ratio12('RA01')).indicateurs.pop_16_25).toBe(41000);

    const avant = await etat();
    // Une ligne hors de la région refuse tout le fichier, en nommant la ligne.
    const horsPerimetre = await appel('direccte_53', 'POST', '/api/contexte/import', { nom: 'contexte.csv', contenu: `${entete}\nRA01;2017;1;1\nRA03;2017;2;2\n` });
    expect(horsPerimetre.statut).toBe(403);
    expect(horsPerimetre.corps.message).toBe("Hors de votre périmètre : fichier contexte.csv refusé, rien n'a été écrit (ligne 3).");
    expect(horsPerimetre.corps.erreurs).toEqual([
      { fichier: 'contexte.csv', ligne: 3, colonne: 'code_structure', valeur: 'RA03', message: 'hors de votre périmètre : vous ne pouvez pas déclarer le contexte de cette Mission locale' },
    ]);
    // Une valeur fausse : le message de l'import, à sa ligne et sa colonne ; une clé en double ; une ML inconnue.
    const fautif = await appel('direccte_53', 'POST', '/api/contexte/import', {
      nom: 'ctx.csv',
      contenu: `${entete}\nRA01;2017;beaucoup;1\nRA02;2017;1;1\nRA02;2017;2;2\n`,
    });
    expect(fautif.statut).toBe(400);
    expect(fautif.corps.message).toBe("Fichier ctx.csv refusé, rien n'a été écrit : 2 erreurs.");
    expect(fautif.corps.erreurs).toEqual([
      { fichier: 'ctx.csv', ligne: 2, colonne: 'pop_16_25', valeur: 'beaucoup', message: messageImport('contexte', 'pop_16_25', 'beaucoup') },
      { fichier: 'ctx.csv', ligne: 4, colonne: 'annee', valeur: '2017', message: 'RA02 2017 déjà déclaré ligne 3 du fichier' },
    ]);
    const inconnue = await appel('dgefp', 'POST', '/api/contexte/import', { nom: 'c.csv', contenu: `${entete}\nZZ99;2017;1;1\n` });
    expect(inconnue.corps.erreurs).toEqual([{ fichier: 'c.csv', ligne: 2, colonne: 'code_structure', valeur: 'ZZ99', message: 'Mission locale inconnue' }]);
    const sansCle = await appel('dgefp', 'POST', '/api/contexte/import', { nom: 'c.csv', contenu: 'code_structure;pop_16_25\nRA01;1\n' });
    expect(sansCle.corps.erreurs).toEqual([{ fichier: 'c.csv', ligne: 1, colonne: 'annee', valeur: '', message: 'colonne obligatoire absente de l’en-tête' }]);
    expect(await etat()).toEqual(avant);
    const traces = await base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'televersement_refuse' ORDER BY id`);
    expect(traces[0].details).toMatchObject({ nature: 'contexte', erreurs: 1, motif: 'ligne 3, code_structure : hors de votre périmètre : vous ne pouvez pas déclarer le contexte de cette Mission locale' });
  });

  it('le fichier de moyens d’une direction ne porte que sa ML', async () => {
    const r = await appel('direction_ra01', 'POST', '/api/moyens/import', { nom: 'moyens.csv', contenu: 'code_structure;annee;nb_sites\nRA01;2016;4\nRA02;2016;5\n' });
    expect(r.statut).toBe(403);
    expect(r.corps.erreurs.map((e: { ligne: number }) => e.ligne)).toEqual([3]);
    const ok = await appel('direction_ra01', 'POST', '/api/moyens/import', { nom: 'moyens.csv', contenu: 'code_structure;annee;nb_sites\nRA01;2016;4\nRA01;2015;3\n' });
    expect(ok.corps).toMatchObject({ statut: 'accepte', lignes: 2 });
    const historique = (await appel('direction_ra01', 'GET', '/api/structures/RA01/donnees-declarees')).corps.historique;
    expect(historique.slice(0, 2).map((h: any) => `${h.annee} ${h.champ} ${h.nouvelle}`)).toEqual(['2015 nb_sites 3', '2016 nb_sites 4']);
  });
});
