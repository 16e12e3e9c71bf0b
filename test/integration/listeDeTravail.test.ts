// La liste de travail du conseiller (« Mes jeunes ») sur les deux moteurs : chaque règle au jour de
// l'horloge, à ses bornes ; le filtre par conseiller et par alerte ; la seule ML lue ; la lecture et
// l'export audités ; un agent de l'État et une autre ML refusés, le refus tracé.
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

/** Le jour de l'horloge du serveur : trois mois plus tôt, le 1er décembre 2018 ; trente jours plus tard, le 31 mars 2019. */
const JOUR = '2019-03-01';
const RECENT = '2019-02-20';

/** Les jeunes du conseiller CT1, chacun à une borne d'une règle. */
async function poserJeunes(base: Base) {
  const jeune = (ml: string, id: string) =>
    base.query(`INSERT INTO jeune (code_structure, id_jeune, date_naissance, sexe, date_premier_accueil, id_conseiller) VALUES ($1, $2, '2000-01-01', 'F', '2018-01-02', 'CT1')`, [ml, id]);
  const contact = (ml: string, id: string, date: string) =>
    base.query(`INSERT INTO evenement (code_structure, id_evenement, id_jeune, date, type) VALUES ($1, $2, $3, $4, 'ENTRETIEN_INDIVIDUEL')`, [ml, `E-${id}-${date}`, id, date]);
  const dispositif = (id: string, type: string, debut: string) =>
    base.query(`INSERT INTO dispositif (code_structure, id_dispositif, id_jeune, type, date_debut) VALUES ('RA01', $1, $2, $3, $4)`, [`D-${id}-${debut}`, id, type, debut]);
  const diagnostic = (id: string, date: string) => base.query(`INSERT INTO diagnostic (code_structure, id_diagnostic, id_jeune, date) VALUES ('RA01', $1, $2, $3)`, [`G-${id}`, id, date]);
  for (const id of ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T10']) await jeune('RA01', id);
  // T1 : dernier contact 3 mois pile avant ; T2 : un jour plus tard, rien.
  await contact('RA01', 'T1', '2018-12-01');
  await contact('RA01', 'T2', '2018-12-02');
  for (const id of ['T3', 'T4', 'T5', 'T6', 'T7', 'T8']) await contact('RA01', id, RECENT);
  // T3 : PACEA jusqu'au 14 mars 2019 ; T4 : Garantie jeunes jusqu'au 31 mars (30 jours pile) ; T5 : jusqu'au 1er avril, rien.
  await dispositif('T3', 'PACEA', '2017-03-15');
  await dispositif('T4', 'GARANTIE_JEUNES', '2018-04-01');
  await dispositif('T5', 'GARANTIE_JEUNES', '2018-04-02');
  // T6 : diagnostic du 31 janvier, le contrat attendu au plus tard le 28 février ; T7 : suivi d'un PACEA, rien.
  await diagnostic('T6', '2019-01-31');
  await diagnostic('T7', '2019-01-31');
  await dispositif('T7', 'PACEA', '2019-02-15');
  // T8 : un CDD dont la fin prévue (la veille) est passée, et un autre qui finit ce jour-là, pas encore.
  await base.query(
    `INSERT INTO situation (code_structure, id_situation, id_jeune, categorie, type_contrat, date_debut, date_fin_prevue) VALUES
       ('RA01', 'S-T8-1', 'T8', 'EMPLOI', 'CDD', '2018-06-01', '2019-02-28'), ('RA01', 'S-T8-2', 'T8', 'EMPLOI', 'CDD', '2018-09-01', '2019-03-01')`,
  );
  // T10 : sans contact depuis sa sortie (PACEA fini avec son motif le jour du dernier contact) : plus à relancer.
  await contact('RA01', 'T10', '2018-10-01');
  await base.query(
    `INSERT INTO dispositif (code_structure, id_dispositif, id_jeune, type, date_debut, date_fin, motif_fin) VALUES ('RA01', 'D-T10', 'T10', 'PACEA', '2017-10-02', '2018-10-01', 'EMPLOI_DURABLE')`,
  );
  // Un jeune d'une autre ML, du même identifiant de conseiller, sans contact : jamais dans la liste de RA01.
  await jeune('RA02', 'T9');
  await base.query(`INSERT INTO jeune_identite (code_structure, id_jeune, nom, prenom) VALUES ('RA01', 'T3', 'Ézéchiel', 'Anna'), ('RA01', 'T1', 'Dupont', 'Marc')`);
}

surChaqueMoteur('Liste de travail du conseiller', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let conseiller: Record<string, string>;
  let courriel: string;
  let directionRa02: Record<string, string>;
  let direccte: Record<string, string>;

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('liste-de-travail');
    ecrireExtraitAleatoire(dossier, 31, { structures: 2, jeunesParStructure: 40 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    await poserJeunes(base);
    app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe(JOUR) });
    const comptes = await comptesDemo(app);
    courriel = compte(comptes, 'conseiller', 'RA01').courriel;
    conseiller = await connecter(app, compte(comptes, 'conseiller', 'RA01'));
    directionRa02 = await connecter(app, compte(comptes, 'direction_ml', 'RA02'));
    direccte = await connecter(app, compte(comptes, 'agent_direccte', '53'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  const lire = async (requete: string, headers = conseiller) => {
    const r = await app.inject({ url: `/api/structures/RA01/liste-de-travail?${requete}`, headers });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { jour: string; compteurs: Record<string, number>; conseillers: string[]; jeunes: { id_jeune: string; nom: string | null; alertes: { alerte: string; date: string; detail: string }[] }[] };
  };
  const traces = (action: string) => base.query<{ acteur: string; objet: string; details: any }>(`SELECT acteur, objet, details FROM journal_audit WHERE action = $1 ORDER BY id`, [action]);

  it('chaque règle à sa borne, pour les jeunes du conseiller, dans l’ordre des noms', async () => {
    const l = await lire('conseiller=CT1');
    expect(l.jour).toBe(JOUR);
    expect(l.conseillers).toContain('CT1');
    expect(l.jeunes.map((j) => [j.id_jeune, j.alertes.map((a) => a.alerte)])).toEqual([
      ['T1', ['sans_contact']],
      ['T3', ['echeance_dispositif']],
      ['T4', ['echeance_dispositif']],
      ['T6', ['diagnostic_sans_contrat']],
      ['T8', ['situation_echue']],
    ]);
    expect(l.jeunes[0]).toMatchObject({ nom: 'Dupont', alertes: [{ date: '2018-12-01', detail: 'dernier contact le 1er décembre 2018' }] });
    expect(l.jeunes[1].alertes[0]).toEqual({ alerte: 'echeance_dispositif', date: '2019-03-14', detail: "PACEA : 24 mois au plus, jusqu'au 14 mars 2019 — dans 13 jours" });
    expect(l.jeunes[2].alertes[0].date).toBe('2019-03-31');
    expect(l.jeunes[3].alertes[0].date).toBe('2019-02-28');
    expect(l.jeunes[4].alertes).toHaveLength(1);
    expect(l.compteurs).toEqual({ sans_contact: 1, echeance_dispositif: 2, diagnostic_sans_contrat: 1, situation_echue: 1 });
    const [trace] = (await traces('lire_liste_de_travail')).slice(-1);
    expect(trace).toEqual({
      acteur: courriel,
      objet: 'structures/RA01/liste-de-travail',
      details: { jour: JOUR, conseiller: 'CT1', alerte: null, lus: ['T1', 'T3', 'T4', 'T6', 'T8'] },
    });
  });

  it("filtre par alerte, les compteurs restant ceux du conseiller ; sans filtre, toute la ML et elle seule", async () => {
    const l = await lire('conseiller=CT1&alerte=echeance_dispositif');
    expect(l.jeunes.map((j) => j.id_jeune)).toEqual(['T3', 'T4']);
    expect(l.compteurs.sans_contact).toBe(1);
    const tout = await lire('');
    const ids = tout.jeunes.map((j) => j.id_jeune);
    expect(ids).toEqual(expect.arrayContaining(['T1', 'T3', 'T4', 'T6', 'T8']));
    expect(ids).not.toContain('T2');
    expect(ids).not.toContain('T9');
    // Le jeune T9 de RA02 porte le même identifiant de conseiller ; il n'est pas lu.
    expect((await traces('lire_liste_de_travail')).at(-1)!.details.lus).not.toContain('T9');
    const compteurs = await app.inject({ url: '/api/structures/RA01/liste-de-travail/compteurs', headers: conseiller });
    expect(compteurs.statusCode).toBe(200);
    expect(compteurs.json()).toEqual({ jour: JOUR, compteurs: tout.compteurs, total: tout.jeunes.length });
    // Un identifiant de conseiller est un texte libre de l'extrait : « C. Le Gall » se filtre aussi.
    await base.query(`UPDATE jeune SET id_conseiller = 'C. Le Gall' WHERE code_structure = 'RA01' AND id_jeune = 'T8'`);
    expect((await lire(`conseiller=${encodeURIComponent('C. Le Gall')}`)).jeunes.map((j) => j.id_jeune)).toEqual(['T8']);
    await base.query(`UPDATE jeune SET id_conseiller = 'CT1' WHERE code_structure = 'RA01' AND id_jeune = 'T8'`);
    const invalide = await app.inject({ url: '/api/structures/RA01/liste-de-travail?alerte=oubli', headers: conseiller });
    expect(invalide.statusCode).toBe(400);
    expect(invalide.json().message).toMatch(/^Requête invalide — alerte : /);
  });

  it("s'exporte en CSV et en XLSX avec les lignes du filtre, chaque export audité", async () => {
    const csv = await app.inject({ url: '/api/structures/RA01/liste-de-travail.csv?conseiller=CT1', headers: conseiller });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="liste-de-travail-RA01-${JOUR}.csv"`);
    const lignes = csv.body.replace(/^\ufeff/, '').trimEnd().split('\r\n');
    expect(lignes[0]).toBe('Nom;Prénom;Identifiant;Conseiller;Alertes');
    expect(lignes).toHaveLength(6);
    expect(lignes[1]).toBe('Dupont;Marc;T1;CT1;Sans contact : dernier contact le 1er décembre 2018');
    const xlsx = await app.inject({ url: '/api/structures/RA01/liste-de-travail.xlsx?conseiller=CT1&alerte=situation_echue', headers: conseiller });
    expect(xlsx.statusCode).toBe(200);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(xlsx.rawPayload as any);
    expect(classeur.worksheets[0].rowCount).toBe(2);
    expect(classeur.worksheets[0].getRow(2).getCell(5).value).toBe('Fin prévue passée : Emploi (CDD) : fin prévue le 28 février 2019, sans date de fin');
    expect((await traces('exporter_liste_de_travail')).map((t) => [t.acteur, t.objet, t.details])).toEqual([
      [courriel, 'structures/RA01/liste-de-travail.csv', { format: 'csv', lignes: 5, jour: JOUR, conseiller: 'CT1', alerte: null }],
      [courriel, 'structures/RA01/liste-de-travail.xlsx', { format: 'xlsx', lignes: 1, jour: JOUR, conseiller: 'CT1', alerte: 'situation_echue' }],
    ]);
  });

  it("refuse un agent de l'État et une autre ML, sans rien lire ni exporter, et trace le refus", async () => {
    const compter = async (action: string) => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_audit WHERE action = $1`, [action]))[0].n;
    const avant = { lire: await compter('lire_liste_de_travail'), exporter: await compter('exporter_liste_de_travail'), refus: await compter('acces_refuse') };
    const adresses = ['/api/structures/RA01/liste-de-travail', '/api/structures/RA01/liste-de-travail.csv', '/api/structures/RA01/liste-de-travail/compteurs'];
    for (const [qui, motif] of [
      [direccte, /^Votre rôle \(Agent DIRECCTE\) ne permet pas de consulter les dossiers nominatifs des jeunes\.$/],
      [directionRa02, /^Les dossiers des jeunes de la Mission locale RA01 ne sont visibles que par ses propres utilisateurs\.$/],
    ] as const) {
      for (const url of adresses) {
        const r = await app.inject({ url, headers: qui });
        expect(r.statusCode, url).toBe(403);
        expect(r.json().message).toMatch(motif);
        expect(r.body).not.toMatch(/Dupont|T1/);
      }
    }
    expect(await compter('lire_liste_de_travail')).toBe(avant.lire);
    expect(await compter('exporter_liste_de_travail')).toBe(avant.exporter);
    expect(await compter('acces_refuse')).toBe(avant.refus + 6);
    const refus = await base.query<{ acteur: string; objet: string }>(`SELECT acteur, objet FROM journal_audit WHERE action = 'acces_refuse' ORDER BY id DESC LIMIT 6`);
    expect(refus.map((t) => t.objet).sort()).toEqual([...adresses, ...adresses].map((a) => `GET ${a}`).sort());
  });
});
