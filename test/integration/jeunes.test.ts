// La liste nominative des jeunes d'une ML, ses exports et le dossier d'un jeune, sur les deux moteurs :
// l'export a toutes les lignes du filtre, dans l'ordre de la liste (à la française), et laisse sa ligne
// d'audit ; hors de la ML, tout est refusé et tracé.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

/** Des noms que l'ordre des octets range mal : accents en tête ou au milieu, minuscules, espaces, apostrophes. */
const NOMS = ['Anthony', 'Aïcha', 'Émile', 'Eric', 'Éric', 'de la Tour', 'Dupont', 'Zoé', 'zack', 'Lefèvre', 'Lefebvre', 'Le Gall', "N'Diaye", '=cmd'];
/** Les jeunes sans identité (effacée) : en dernier. */
const SANS_IDENTITE = 3;

const francais = new Intl.Collator('fr');
const avant = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : francais.compare(a, b));

/** Un CSV de l'application : BOM, `;`, CRLF ; les champs de ces tests ne sont jamais entre guillemets. */
const lignesCsv = (texte: string) => texte.replace(/^\ufeff/, '').trimEnd().split('\r\n').map((l) => l.split(';'));

surChaqueMoteur('Jeunes : liste, exports et dossier', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let conseiller: Record<string, string>;
  let directionRa02: Record<string, string>;
  let direccte: Record<string, string>;
  let courrielConseiller: string;
  let identites: { id_jeune: string; nom: string | null; prenom: string | null }[];

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('jeunes');
    ecrireExtraitAleatoire(dossier, 23, { structures: 2, jeunesParStructure: 130 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    const ids = (await base.query<{ id_jeune: string }>(`SELECT id_jeune FROM jeune WHERE code_structure = 'RA01' ORDER BY id_jeune`)).map((j) => j.id_jeune);
    identites = ids.map((id, i) => (i < SANS_IDENTITE ? { id_jeune: id, nom: null, prenom: null } : { id_jeune: id, nom: NOMS[i % NOMS.length], prenom: `Prénom ${id}` }));
    for (const j of identites.filter((j) => j.nom !== null)) {
      await base.query(`INSERT INTO jeune_identite (code_structure, id_jeune, nom, prenom) VALUES ('RA01', $1, $2, $3)`, [j.id_jeune, j.nom, j.prenom]);
    }
    app = await creerServeur(base, { connexionDemo: true, horloge: new HorlogeFixe('2019-03-01') });
    const comptes = await comptesDemo(app);
    courrielConseiller = compte(comptes, 'conseiller', 'RA01').courriel;
    conseiller = await connecter(app, compte(comptes, 'conseiller', 'RA01'));
    directionRa02 = await connecter(app, compte(comptes, 'direction_ml', 'RA02'));
    direccte = await connecter(app, compte(comptes, 'agent_direccte', '53'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  const liste = async (requete: string) => {
    const r = await app.inject({ url: `/api/structures/RA01/jeunes?${requete}`, headers: conseiller });
    expect(r.statusCode).toBe(200);
    return r.json() as { total: number; jeunes: { id_jeune: string; nom: string | null; date_naissance: string }[] };
  };
  const exporter = (format: 'csv' | 'xlsx', requete = '', headers = conseiller) => app.inject({ url: `/api/structures/RA01/jeunes.${format}${requete ? `?${requete}` : ''}`, headers });
  const exports = async () => base.query<{ acteur: string; objet: string; details: any }>(`SELECT acteur, objet, details FROM journal_audit WHERE action = 'exporter_jeunes' ORDER BY id`);

  it("l'export CSV a toutes les lignes du filtre, pas seulement la page, et laisse sa ligne d'audit", async () => {
    const tous = await liste('');
    expect(tous.total).toBe(130);
    expect(tous.jeunes).toHaveLength(50);
    const reponse = await exporter('csv');
    expect(reponse.statusCode).toBe(200);
    expect(reponse.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(reponse.headers['cache-control']).toBe('no-store');
    expect(reponse.headers['content-disposition']).toBe('attachment; filename="jeunes-RA01-2019-03-01.csv"');
    const [entete, ...rangees] = lignesCsv(reponse.body);
    expect(entete).toEqual(['Nom', 'Prénom', 'Identifiant', 'Date de naissance', 'Sexe', 'Premier accueil', 'Conseiller']);
    expect(rangees).toHaveLength(130);
    // L'ordre de l'export est celui de la liste, page après page.
    const page2 = await liste('page=2');
    expect(rangees.slice(0, 100).map((r) => r[2])).toEqual([...tous.jeunes, ...page2.jeunes].map((j) => j.id_jeune));

    const filtre = await liste('recherche=Le');
    expect(filtre.total).toBeGreaterThan(0);
    expect(filtre.total).toBeLessThan(130);
    expect(lignesCsv((await exporter('csv', 'recherche=Le')).body)).toHaveLength(filtre.total + 1);

    const [complet, filtree] = await exports();
    expect(complet).toEqual({ acteur: courrielConseiller, objet: 'structures/RA01/jeunes.csv', details: { format: 'csv', lignes: 130, recherche: '', tri: 'nom', ordre: 'asc' } });
    expect(filtree.details).toEqual({ format: 'csv', lignes: filtre.total, recherche: 'Le', tri: 'nom', ordre: 'asc' });
  });

  it('trie à la française (« Aïcha » avant « Anthony »), les identités effacées en dernier, sur tout le fichier', async () => {
    const rangees = lignesCsv((await exporter('csv')).body).slice(1);
    const attendu = [...identites]
      .sort((a, b) => avant(a.nom, b.nom) || avant(a.prenom, b.prenom) || (a.id_jeune < b.id_jeune ? -1 : 1))
      .map((j) => j.id_jeune);
    expect(rangees.map((r) => r[2])).toEqual(attendu);
    const noms = [...new Set(rangees.map((r) => r[0]))];
    const rang = (nom: string) => noms.indexOf(nom);
    expect(rang('Aïcha')).toBeLessThan(rang('Anthony'));
    expect(rang('Anthony')).toBeLessThan(rang('de la Tour'));
    expect(rang('de la Tour')).toBeLessThan(rang('Dupont'));
    expect(rang('Émile')).toBeLessThan(rang('Eric'));
    expect(rang('Lefebvre')).toBeLessThan(rang('Lefèvre'));
    expect(rang('zack')).toBeLessThan(rang('Zoé'));
    expect(noms.at(-1)).toBe('(identité effacée)');
    expect(rangees.filter((r) => r[0] === '(identité effacée)')).toHaveLength(SANS_IDENTITE);
    // La liste suit le même ordre : sa première page commence comme le fichier.
    expect((await liste('')).jeunes.map((j) => j.id_jeune)).toEqual(attendu.slice(0, 50));
  });

  it("trie sur toute la liste par la colonne demandée, et l'export suit", async () => {
    const naissances = (await base.query<{ id_jeune: string; date_naissance: string }>(`SELECT id_jeune, date_naissance FROM jeune WHERE code_structure = 'RA01'`))
      .map((j) => j.date_naissance)
      .sort()
      .reverse();
    const pages = [...(await liste('tri=naissance&ordre=desc')).jeunes, ...(await liste('tri=naissance&ordre=desc&page=2')).jeunes, ...(await liste('tri=naissance&ordre=desc&page=3')).jeunes];
    expect(pages.map((j) => j.date_naissance)).toEqual(naissances);
    const rangees = lignesCsv((await exporter('csv', 'tri=naissance&ordre=desc')).body).slice(1);
    expect(rangees.map((r) => r[2])).toEqual(pages.map((j) => j.id_jeune));
    expect((await exports()).at(-1)!.details).toMatchObject({ tri: 'naissance', ordre: 'desc', lignes: 130 });
    const invalide = await app.inject({ url: '/api/structures/RA01/jeunes.csv?tri=courriel', headers: conseiller });
    expect(invalide.statusCode).toBe(400);
    expect(invalide.json().message).toMatch(/^Requête invalide — tri : /);
  });

  it("l'export XLSX a les mêmes lignes, formules neutralisées, et sa ligne d'audit", async () => {
    const reponse = await exporter('xlsx', 'recherche=cmd');
    expect(reponse.statusCode).toBe(200);
    expect(reponse.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(reponse.headers['cache-control']).toBe('no-store');
    expect(reponse.headers['content-disposition']).toBe('attachment; filename="jeunes-RA01-2019-03-01.xlsx"');
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(reponse.rawPayload as any);
    const feuille = classeur.worksheets[0];
    const attendus = identites.filter((j) => j.nom === '=cmd');
    expect(feuille.rowCount).toBe(attendus.length + 1);
    expect(feuille.getRow(1).getCell(1).value).toBe('Nom');
    expect(feuille.getRow(2).getCell(1).value).toBe("'=cmd");
    expect((await exports()).at(-1)).toMatchObject({ objet: 'structures/RA01/jeunes.xlsx', details: { format: 'xlsx', lignes: attendus.length, recherche: 'cmd' } });

    const tout = new ExcelJS.Workbook();
    await tout.xlsx.load((await exporter('xlsx')).rawPayload as any);
    expect(tout.worksheets[0].rowCount).toBe(131);
  });

  it("refuse l'export hors de la ML et trace le refus, sans rien exporter", async () => {
    const compter = async (action: string) => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM journal_audit WHERE action = $1`, [action]))[0].n;
    const exportsAvant = await compter('exporter_jeunes');
    const refusAvant = await compter('acces_refuse');
    for (const [qui, motif] of [
      [directionRa02, /^Les dossiers des jeunes de la Mission locale RA01 ne sont visibles que par ses propres utilisateurs\.$/],
      [direccte, /^Votre rôle \(Agent DIRECCTE\) ne permet pas de consulter les dossiers nominatifs des jeunes\.$/],
    ] as const) {
      for (const format of ['csv', 'xlsx'] as const) {
        const reponse = await exporter(format, '', qui);
        expect(reponse.statusCode).toBe(403);
        expect(reponse.json().message).toMatch(motif);
        expect(reponse.body).not.toMatch(/Prénom J|Aïcha/);
      }
    }
    expect(await compter('exporter_jeunes')).toBe(exportsAvant);
    expect(await compter('acces_refuse')).toBe(refusAvant + 4);
    const traces = await base.query<{ objet: string }>(`SELECT objet FROM journal_audit WHERE action = 'acces_refuse' ORDER BY id DESC LIMIT 4`);
    expect(traces.map((t) => t.objet).sort()).toEqual(['GET /api/structures/RA01/jeunes.csv', 'GET /api/structures/RA01/jeunes.csv', 'GET /api/structures/RA01/jeunes.xlsx', 'GET /api/structures/RA01/jeunes.xlsx']);
  });

  describe("le dossier d'un jeune", () => {
    it('donne son identité et son parcours entier : chaque événement, dispositif, situation et aide', async () => {
      const [choisi] = await base.query<{ id_jeune: string }>(
        `SELECT j.id_jeune FROM jeune j WHERE j.code_structure = 'RA01'
           AND EXISTS (SELECT 1 FROM aide a WHERE a.code_structure = j.code_structure AND a.id_jeune = j.id_jeune)
           AND EXISTS (SELECT 1 FROM dispositif d WHERE d.code_structure = j.code_structure AND d.id_jeune = j.id_jeune)
           AND EXISTS (SELECT 1 FROM situation s WHERE s.code_structure = j.code_structure AND s.id_jeune = j.id_jeune)
           AND EXISTS (SELECT 1 FROM jeune_identite i WHERE i.code_structure = j.code_structure AND i.id_jeune = j.id_jeune)
         ORDER BY j.id_jeune LIMIT 1`,
      );
      expect(choisi).toBeDefined();
      const compter = async (table: string) =>
        (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE code_structure = 'RA01' AND id_jeune = $1`, [choisi.id_jeune]))[0].n;
      const reponse = await app.inject({ url: `/api/structures/RA01/jeunes/${choisi.id_jeune}`, headers: conseiller });
      expect(reponse.statusCode).toBe(200);
      expect(reponse.headers['cache-control']).toBe('no-store');
      const d = reponse.json();
      expect(d.jeune).toMatchObject({ id_jeune: choisi.id_jeune, prenom: `Prénom ${choisi.id_jeune}`, anonymise_le: null });
      expect(d.evenements).toHaveLength(await compter('evenement'));
      expect(d.dispositifs).toHaveLength(await compter('dispositif'));
      expect(d.situations).toHaveLength(await compter('situation'));
      expect(d.aides).toHaveLength(await compter('aide'));
      expect(d.aides[0]).toEqual({ id_aide: expect.any(String), type: expect.any(String), date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), montant: expect.any(Number), origine: 'depot' });
      expect([d.diagnostics, d.phases]).toEqual([[], []]);
      expect(d.evenements.map((e: any) => e.date)).toEqual(d.evenements.map((e: any) => e.date).sort());
    });

    it('répond 404 pour un jeune inconnu, et la lecture est tracée', async () => {
      const reponse = await app.inject({ url: '/api/structures/RA01/jeunes/INCONNU', headers: conseiller });
      expect(reponse.statusCode).toBe(404);
      expect(reponse.json().message).toBe('Jeune inconnu dans cette Mission locale : INCONNU');
      const [trace] = await base.query(`SELECT objet, details FROM journal_audit WHERE action = 'lire_fiche_jeune' ORDER BY id DESC LIMIT 1`);
      expect(trace).toEqual({ objet: 'jeunes/INCONNU', details: { trouve: false } });
    });
  });
});
