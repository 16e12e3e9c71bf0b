// Les dépôts d'extraits par l'API : par la direction d'une ML (session) ou par son système (jeton), le
// suivi de l'État, un dépôt coupé par un arrêt du serveur ; sur les deux moteurs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { empreinteSecret } from '../../src/application/acces/secrets.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { csv, dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireZip } from '../outils/zip.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

const TABLES = ['mission_locale', 'jeune', 'jeune_identite', 'evenement', 'dispositif', 'situation', 'aide', 'offre', 'contexte', 'moyens', 'activite_jeune_annee', 'etat_donnees'];

/** Les données du parcours, pour vérifier qu'un dépôt refusé n'a rien changé. */
async function donnees(base: Base) {
  const tout: Record<string, unknown[]> = {};
  for (const t of TABLES) tout[t] = await base.query(`SELECT * FROM ${t} ORDER BY 1, 2`);
  return tout;
}

/** Un zip de jeunes et de leurs entretiens de 2018 ; `lignes` : des lignes de jeunes.csv en plus. */
function zipDe(ml: string, nombre: number, lignes: string[][] = []): Buffer {
  const jeunes = [['code_structure', 'id_jeune', 'date_naissance', 'sexe', 'date_premier_accueil']];
  const evenements = [['code_structure', 'id_evenement', 'id_jeune', 'date', 'type']];
  for (let i = 1; i <= nombre; i++) {
    jeunes.push([ml, `D${i}`, '2000-03-04', i % 2 ? 'F' : 'H', '2018-02-01']);
    evenements.push([ml, `DE${i}`, `D${i}`, '2018-03-05', 'ENTRETIEN_INDIVIDUEL']);
  }
  jeunes.push(...lignes);
  const chemin = join(dossierTemporaire('depot'), 'extrait.zip');
  ecrireZip(chemin, [
    { nom: 'jeunes.csv', contenu: csv(jeunes) },
    { nom: 'evenements.csv', contenu: csv(evenements) },
  ]);
  return readFileSync(chemin);
}

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms));

surChaqueMoteur('Dépôts', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  const horloge = new HorlogeFixe('2019-01-15');
  const s: Record<string, Record<string, string>> = {};

  const deposer = (ml: string, corps: Buffer, entetes: Record<string, string>, mode = 'strict') =>
    app.inject({ method: 'POST', url: `/api/structures/${ml}/depots?mode=${mode}`, payload: corps, headers: { ...entetes, 'content-type': 'application/zip' } });
  /** Interroge le dépôt jusqu'à ce qu'il s'achève, comme la page ; rend les progressions vues et la fin. */
  async function suivre(id: number, entetes: Record<string, string>) {
    const vues: number[] = [];
    for (;;) {
      const reponse = await app.inject({ url: `/api/depots/${id}`, headers: entetes });
      expect(reponse.statusCode).toBe(200);
      const corps = reponse.json();
      vues.push(corps.progression);
      if (corps.etat !== 'en_cours') return { ...corps, vues };
      await attendre(10);
    }
  }

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('depots');
    ecrireExtraitAleatoire(dossier, 11, { structures: 3, jeunesParStructure: 40 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, horloge });
    const comptes = await comptesDemo(app);
    s.ra01 = await connecter(app, compte(comptes, 'direction_ml', 'RA01'));
    s.ra02 = await connecter(app, compte(comptes, 'direction_ml', 'RA02'));
    s.conseiller = await connecter(app, compte(comptes, 'conseiller', 'RA01'));
    s.ud35 = await connecter(app, compte(comptes, 'agent_ud', '35'));
    s.direccte = await connecter(app, compte(comptes, 'agent_direccte', '53'));
    s.dgefp = await connecter(app, compte(comptes, 'agent_dgefp'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it('accepte le dépôt de la direction (202), le traite en arrière-plan, et les chiffres changent aussitôt', async () => {
    const chiffres = async () => (await app.inject({ url: '/api/annees/2018/structures/RA01', headers: s.ra01 })).json().indicateurs.jeunes_en_contact;
    const avant = await chiffres();
    const reponse = await deposer('RA01', zipDe('RA01', 25), s.ra01);
    expect(reponse.statusCode).toBe(202);
    const { id } = reponse.json();
    expect(id).toEqual(expect.any(Number));
    const fin = await suivre(id, s.ra01);
    expect(fin.etat).toBe('accepte');
    expect(fin.progression).toBe(1);
    expect(fin.vues.every((p: number) => p >= 0 && p <= 1)).toBe(true);
    expect(fin.rapport.fichiers.map((f: any) => [f.fichier, f.lignes, f.crees])).toEqual([
      ['jeunes.csv', 25, 25],
      ['evenements.csv', 25, 25],
    ]);
    expect(fin.rapport.erreurs).toEqual([]);
    // Aucun chemin du serveur dans le rapport.
    expect(JSON.stringify(fin.rapport)).not.toMatch(/cpo-depot-|\/tmp\//);
    expect(fin).toMatchObject({ code_structure: 'RA01', depose_par: compte(await comptesDemo(app), 'direction_ml', 'RA01').courriel, mode: 'strict', lignes: 50, erreurs: 0 });
    expect(fin.taille).toBeGreaterThan(100);
    expect(await chiffres()).toBe(avant + 25);
    const audit = await base.query<{ action: string; code_structure: string }>(`SELECT action, code_structure FROM journal_audit WHERE action IN ('depot_recu', 'import_extrait') ORDER BY id DESC LIMIT 2`);
    expect(audit).toEqual([
      { action: 'import_extrait', code_structure: 'RA01' },
      { action: 'depot_recu', code_structure: 'RA01' },
    ]);
  });

  it('refuse en mode strict un dépôt fautif, avec chaque erreur (fichier, ligne, colonne, valeur, message), sans rien écrire', async () => {
    const avant = await donnees(base);
    const { id } = (await deposer('RA01', zipDe('RA01', 3, [['RA01', 'X1', '2000-13-01', 'F', '2018-02-01']]), s.ra01)).json();
    const fin = await suivre(id, s.ra01);
    expect(fin.etat).toBe('refuse');
    expect(fin.rapport.erreurs).toEqual([{ fichier: 'jeunes.csv', ligne: 5, colonne: 'date_naissance', valeur: '2000-13-01', message: expect.stringMatching(/date/) }]);
    expect(fin.rapport.fichiers.find((f: any) => f.fichier === 'jeunes.csv')).toMatchObject({ lignes: 4, crees: 0, rejetes: 1 });
    expect(await donnees(base)).toEqual(avant);
  });

  it('en mode tolérant, écarte la ligne fautive et rend les lignes rejetées au format d’échange', async () => {
    const { id } = (await deposer('RA01', zipDe('RA01', 2, [['RA01', 'X2', '2000-01-01', 'Z', '2018-02-01']]), s.ra01, 'tolerant')).json();
    const fin = await suivre(id, s.ra01);
    expect(fin.etat).toBe('accepte');
    expect(fin.mode).toBe('tolerant');
    expect(fin.rejets).toEqual(['jeunes.csv']);
    const rejets = await app.inject({ url: `/api/depots/${id}/rejets/jeunes.csv`, headers: s.ra01 });
    expect(rejets.statusCode).toBe(200);
    expect(rejets.body.split('\n')[0]).toBe('code_structure;id_jeune;date_naissance;sexe;date_premier_accueil;motif_rejet');
    expect(rejets.body).toContain('RA01;X2;2000-01-01;Z;2018-02-01;"ligne 4 : sexe : valeur inconnue ; valeurs admises : F, H"');
    expect(rejets.body).not.toContain('D1;');
    expect((await app.inject({ url: `/api/depots/${id}/rejets/jeunes.csv`, headers: s.ra02 })).statusCode).toBe(403);
  });

  it("refuse tout le dépôt, même tolérant, pour une seule ligne d'une autre ML, en la nommant, sans rien écrire", async () => {
    const avant = await donnees(base);
    const { id } = (await deposer('RA01', zipDe('RA01', 5, [['RA02', 'Y1', '2000-01-01', 'F', '2018-02-01']]), s.ra01, 'tolerant')).json();
    const fin = await suivre(id, s.ra01);
    expect(fin.etat).toBe('refuse');
    expect(fin.rapport.erreurs).toEqual([
      { fichier: 'extrait.zip', ligne: 0, colonne: '', valeur: '', message: expect.stringMatching(/refusé en entier, rien n'est écrit/) },
      { fichier: 'jeunes.csv', ligne: 7, colonne: 'code_structure', valeur: 'RA02', message: "ligne d'une autre Mission locale (RA02) : un dépôt de la Mission locale RA01 ne contient que ses propres lignes" },
    ]);
    expect(await donnees(base)).toEqual(avant);
  });

  it('refuse la fiche de la ML qui la déplacerait dans un autre département (son périmètre), sans rien écrire', async () => {
    const avant = await donnees(base);
    const [ml] = await base.query<{ code_region: string }>(`SELECT code_region FROM mission_locale WHERE code_structure = 'RA01'`);
    const chemin = join(dossierTemporaire('fiche'), 'extrait.zip');
    const fiche = csv([
      ['code_structure', 'nom', 'code_departement', 'code_region'],
      ['RA01', 'Mission locale de Rennes', '29', ml.code_region],
    ]);
    ecrireZip(chemin, [{ nom: 'structures.csv', contenu: fiche }]);
    const { id } = (await deposer('RA01', readFileSync(chemin), s.ra01)).json();
    const fin = await suivre(id, s.ra01);
    expect(fin.etat).toBe('refuse');
    expect(fin.rapport.erreurs).toEqual([
      { fichier: 'structures.csv', ligne: 2, colonne: 'code_departement', valeur: '29', message: 'un dépôt ne change pas le département de la Mission locale (35 en base) : demandez-le à la DIRECCTE' },
    ]);
    expect(await donnees(base)).toEqual(avant);
  });

  it('refuse un dépôt hors de son périmètre (403) ou sans droit, et un corps qui n’est pas une archive', async () => {
    const nombre = async () => (await base.query(`SELECT count(*)::int AS n FROM depot`))[0].n;
    const avant = await nombre();
    const autre = await deposer('RA02', zipDe('RA02', 1), s.ra01);
    expect(autre.statusCode).toBe(403);
    expect(autre.json()).toMatchObject({ code: 'hors_perimetre', message: expect.stringMatching(/^Hors de votre périmètre/) });
    expect((await deposer('RA01', zipDe('RA01', 1), s.conseiller)).statusCode).toBe(403);
    expect((await deposer('RA01', zipDe('RA01', 1), s.dgefp)).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/structures/RA01/depots', headers: s.ra02 })).statusCode).toBe(403);
    const casse = await deposer('RA01', Buffer.from('pas une archive'), s.ra01);
    expect(casse.statusCode).toBe(202);
    const fin = await suivre(casse.json().id, s.ra01);
    expect(fin.etat).toBe('refuse');
    expect(fin.rapport.erreurs[0].message).toMatch(/^archive zip illisible : extrait\.zip/);
    expect(await nombre()).toBe(avant + 1);
  });

  it('refuse un second dépôt de la même ML tant que le premier est en cours (409), sans rien enregistrer', async () => {
    const [{ id }] = await base.query<{ id: number }>(`INSERT INTO depot (code_structure, depose_par, taille, mode) VALUES ('RA02', 'x', 1, 'strict') RETURNING id`);
    try {
      const reponse = await deposer('RA02', zipDe('RA02', 1), s.ra02);
      expect(reponse.statusCode).toBe(409);
      expect(reponse.json().message).toBe(`Un dépôt de la Mission locale RA02 est déjà en cours (n° ${id}) : attendez qu'il s'achève.`);
      expect((await base.query(`SELECT id FROM depot WHERE code_structure = 'RA02'`)).length).toBe(1);
    } finally {
      await base.query('DELETE FROM depot WHERE id = $1', [id]);
    }
  });

  it("documente dans l'OpenAPI le dépôt par archive zip et le jeton de dépôt", async () => {
    const doc = (await app.inject({ url: '/api/docs/json' })).json();
    expect(doc.components.securitySchemes.jetonDepot).toMatchObject({ type: 'http', scheme: 'bearer' });
    const depot = doc.paths['/api/structures/{code}/depots'].post;
    expect(depot.security).toEqual([{ jetonDepot: [] }, {}]);
    expect(Object.keys(depot.requestBody?.content ?? {})).toEqual(['application/zip']);
    expect(Object.keys(depot.responses)).toContain('202');
    expect(doc.paths['/api/depots/{id}'].get.security).toEqual([{ jetonDepot: [] }, {}]);
    expect(doc.paths['/api/structures/{code}/jetons'].get.security).toBeUndefined();
  });

  it('liste les dépôts de la ML, du plus récent au plus ancien', async () => {
    const { depots } = (await app.inject({ url: '/api/structures/RA01/depots', headers: s.ra01 })).json();
    expect(depots.length).toBeGreaterThanOrEqual(5);
    const ids = depots.map((d: any) => d.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(depots[0]).toMatchObject({ etat: 'refuse', code_structure: 'RA01' });
  });

  describe('jetons', () => {
    let jeton: string;
    let idJeton: number;
    const avecJeton = (j = jeton) => ({ authorization: `Bearer ${j}` });

    it('la direction crée un jeton, montré une fois, gardé haché', async () => {
      const reponse = await app.inject({ method: 'POST', url: '/api/structures/RA01/jetons', payload: { libelle: 'Logiciel de parcours', expire: '2019-06-30' }, headers: s.ra01 });
      expect(reponse.statusCode).toBe(201);
      ({ jeton, id: idJeton } = reponse.json());
      expect(jeton).toMatch(/^cpo_[A-Za-z0-9_-]{40,}$/);
      const [ligne] = await base.query<{ empreinte: string }>('SELECT empreinte FROM jeton_depot WHERE id = $1', [idJeton]);
      expect(ligne.empreinte).toBe(empreinteSecret(jeton));
      expect(JSON.stringify(await base.query('SELECT * FROM jeton_depot'))).not.toContain(jeton);
      const liste = (await app.inject({ url: '/api/structures/RA01/jetons', headers: s.ra01 })).json().jetons;
      expect(liste[0]).toMatchObject({ id: idJeton, libelle: 'Logiciel de parcours', expire_le: '2019-06-30T23:59:59', derniere_utilisation: null, revoque_le: null });
      expect(JSON.stringify(liste)).not.toContain(jeton);
      expect((await app.inject({ url: '/api/structures/RA01/jetons', headers: s.ra02 })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/structures/RA01/jetons', payload: { libelle: 'x', expire: '2018-01-01' }, headers: s.ra01 })).statusCode).toBe(400);
    });

    it('le système de la ML dépose avec le jeton, sans session ni jeton anti-CSRF ; chaque usage tracé, la dernière utilisation datée', async () => {
      horloge.avancer(60_000);
      const reponse = await deposer('RA01', zipDe('RA01', 2), avecJeton());
      expect(reponse.statusCode).toBe(202);
      const fin = await suivre(reponse.json().id, avecJeton());
      expect(fin).toMatchObject({ etat: 'accepte', depose_par: `jeton:${idJeton}` });
      const [ligne] = await base.query<{ derniere: string }>(`SELECT to_char(derniere_utilisation AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS derniere FROM jeton_depot WHERE id = $1`, [idJeton]);
      expect(ligne.derniere).toBe(horloge.maintenant().toISOString().slice(0, 16));
      const usages = await base.query<{ objet: string }>(`SELECT objet FROM journal_audit WHERE action = 'jeton_utilise' AND acteur = $1 ORDER BY id`, [`jeton:${idJeton}`]);
      expect(usages[0].objet).toBe('POST /api/structures/RA01/depots?mode=strict');
      expect(usages.length).toBeGreaterThanOrEqual(2);
    });

    it("refuse le jeton pour une autre ML et hors des routes des dépôts, sans rien écrire", async () => {
      const nombre = async () => (await base.query(`SELECT count(*)::int AS n FROM depot`))[0].n;
      const avant = await nombre();
      const ligneDuJeton = () => base.query('SELECT * FROM jeton_depot WHERE id = $1', [idJeton]);
      const jetonAvant = await ligneDuJeton();
      horloge.avancer(60_000);
      const autre = await deposer('RA02', zipDe('RA02', 1), avecJeton());
      expect(autre.statusCode).toBe(403);
      // Refusé, l'usage ne compte pas : la dernière utilisation ne bouge pas, le refus seul est tracé.
      expect(await ligneDuJeton()).toEqual(jetonAvant);
      expect(await base.query(`SELECT action, acteur FROM journal_audit WHERE objet LIKE 'POST /api/structures/RA02/%' AND acteur LIKE 'jeton:%'`)).toEqual([{ action: 'acces_refuse', acteur: `jeton:${idJeton}` }]);
      expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: avecJeton() })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/structures/RA01/jetons', headers: avecJeton() })).statusCode).toBe(401);
      expect((await deposer('RA01', zipDe('RA01', 1), avecJeton('cpo_inconnu'))).statusCode).toBe(401);
      expect(await nombre()).toBe(avant);
    });

    it('refuse un jeton expiré, puis un jeton révoqué', async () => {
      const cree = (await app.inject({ method: 'POST', url: '/api/structures/RA01/jetons', payload: { libelle: 'court', expire: '2019-01-15' }, headers: s.ra01 })).json();
      await base.query(`UPDATE jeton_depot SET expire_le = $2::timestamptz WHERE id = $1`, [cree.id, new Date(horloge.ms() - 1000).toISOString()]);
      const expire = await deposer('RA01', zipDe('RA01', 1), avecJeton(cree.jeton));
      expect(expire.statusCode).toBe(401);
      expect(expire.json().message).toMatch(/a expiré/);

      expect((await app.inject({ method: 'POST', url: `/api/jetons/${idJeton}/revocation`, headers: s.ra02 })).statusCode).toBe(403);
      const revocation = await app.inject({ method: 'POST', url: `/api/jetons/${idJeton}/revocation`, headers: s.ra01 });
      expect(revocation.statusCode).toBe(200);
      expect(revocation.json().revoque_le).not.toBeNull();
      const revoque = await deposer('RA01', zipDe('RA01', 1), avecJeton());
      expect(revoque.statusCode).toBe(401);
      expect(revoque.json().message).toMatch(/a été révoqué/);
      const audit = await base.query<{ action: string }>(`SELECT action FROM journal_audit WHERE action IN ('creer_jeton_depot', 'revoquer_jeton_depot') ORDER BY id`);
      expect(audit.map((a) => a.action)).toEqual(['creer_jeton_depot', 'creer_jeton_depot', 'revoquer_jeton_depot']);
      expect((await base.query(`SELECT count(*)::int AS n FROM journal_audit WHERE action = 'acces_refuse' AND objet LIKE 'POST /api/structures/RA01/depots%'`))[0].n).toBeGreaterThanOrEqual(2);
    });
  });

  it("le suivi de l'État : chaque ML de son périmètre, son dernier dépôt, son âge, les ML sans dépôt accepté ce mois-ci", async () => {
    // RA02 a déposé en décembre, refusé.
    await base.query(`INSERT INTO depot (code_structure, depose_par, depose_le, termine_le, taille, mode, etat, lignes, erreurs) VALUES ('RA02', 'x', '2018-12-20T10:00:00+01:00', '2018-12-20T10:01:00+01:00', 10, 'strict', 'refuse', 12, 3)`);
    const suivi = async (qui: string) => (await app.inject({ url: '/api/suivi-depots', headers: s[qui] })).json();
    const dgefp = await suivi('dgefp');
    expect(dgefp.mois).toBe('2019-01');
    expect(dgefp.structures.map((m: any) => m.code)).toEqual(['RA01', 'RA02', 'RA03']);
    const [ra01, ra02, ra03] = dgefp.structures;
    expect(ra01).toMatchObject({ accepte_ce_mois: true, dernier: { age_jours: 0 } });
    expect(ra02).toMatchObject({ accepte_ce_mois: false, dernier_accepte_le: null, dernier: { etat: 'refuse', age_jours: 26, lignes: 12, erreurs: 3, depose_le: '2018-12-20T10:00:00' } });
    expect(ra03).toMatchObject({ accepte_ce_mois: false, dernier: null });
    expect(dgefp.sansDepotCeMois).toBe(2);
    expect((await suivi('direccte')).structures.map((m: any) => m.code)).toEqual(['RA01', 'RA02']);
    expect((await suivi('ud35')).structures.map((m: any) => m.code)).toEqual(['RA01']);
    expect((await app.inject({ url: '/api/suivi-depots', headers: s.ra01 })).statusCode).toBe(403);

    const enCsv = await app.inject({ url: '/api/suivi-depots.csv', headers: s.direccte });
    expect(enCsv.body.split('\r\n')[0]).toBe('\ufeffCode;Mission locale;Département;Région;Dernier dépôt;Résultat;Âge (jours);Lignes;Erreurs;Dernier dépôt accepté;Accepté ce mois-ci');
    expect(enCsv.body).toMatch(/\r\nRA02;[^\r]*;20 décembre 2018;Refusé;26;12;3;;non\r\n/);
    const enXlsx = await app.inject({ url: '/api/suivi-depots.xlsx', headers: s.ud35 });
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(enXlsx.rawPayload as any);
    expect(classeur.worksheets[0].rowCount).toBe(2);
  });
});

surChaqueMoteur('Dépôt coupé par un arrêt du serveur', (moteur) => {
  it('est marqué en échec au redémarrage, tracé, et rien n’a été écrit', async () => {
    const base = await moteur.ouvrir();
    try {
      const dossier = dossierTemporaire('coupe');
      ecrireExtraitAleatoire(dossier, 3, { structures: 1, jeunesParStructure: 5 });
      await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') });
      // Un serveur arrêté pendant l'import : son dépôt est resté en cours, sa transaction annulée.
      await base.query(`INSERT INTO depot (code_structure, depose_par, taille, mode) SELECT code_structure, 'x', 10, 'strict' FROM mission_locale LIMIT 1`);
      const avant = await donnees(base);
      const app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2019-01-15') });
      const [depot] = await base.query<{ etat: string; rapport: { motif: string } }>('SELECT etat, rapport FROM depot');
      expect(depot.etat).toBe('echoue');
      expect(depot.rapport.motif).toMatch(/^dépôt interrompu par un arrêt du serveur : rien n'a été écrit/);
      expect((await base.query(`SELECT action FROM journal_audit WHERE action = 'depot_interrompu'`)).length).toBe(1);
      expect(await donnees(base)).toEqual(avant);
      await app.close();
    } finally {
      await base.fermer();
    }
  });

  it('une panne pendant le traitement : le dépôt est en échec, dit en français, et rien n’est écrit', async () => {
    const base = await moteur.ouvrir();
    try {
      const dossier = dossierTemporaire('panne');
      ecrireExtraitAleatoire(dossier, 3, { structures: 1, jeunesParStructure: 5 });
      await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') });
      const [{ code }] = await base.query<{ code: string }>('SELECT code_structure AS code FROM mission_locale');
      const panne = { ...lecteurFichiers, detecterEncodage: async () => Promise.reject(new Error('EIO: i/o error')) };
      const app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2019-01-15'), fichiers: panne });
      const direction = await connecter(app, compte(await comptesDemo(app), 'direction_ml', code));
      const avant = await donnees(base);
      const reponse = await app.inject({ method: 'POST', url: `/api/structures/${code}/depots`, payload: zipDe(code, 2), headers: { ...direction, 'content-type': 'application/zip' } });
      expect(reponse.statusCode).toBe(202);
      await app.close();
      const [depot] = await base.query<{ etat: string; rapport: { motif: string } }>('SELECT etat, rapport FROM depot');
      expect(depot).toEqual({ etat: 'echoue', rapport: { motif: "le dépôt n'a pas pu être traité (erreur du serveur) : rien n'a été écrit, déposez-le de nouveau" } });
      expect(await donnees(base)).toEqual(avant);
      expect((await base.query(`SELECT details->>'motif' AS motif FROM journal_audit WHERE action = 'import_echoue'`))[0].motif).toBe('EIO: i/o error');
    } finally {
      await base.fermer();
    }
  });
});
