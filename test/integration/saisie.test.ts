// La saisie du parcours par le conseiller, sur les deux moteurs : chaque saisie passe par l'import
// (mêmes règles, mêmes messages), les chiffres de la ML changent aussitôt, un refus n'écrit rien, et un
// dépôt ne remplace jamais ce qui a été saisi dans l'application (décision 0030).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exporterExtrait } from '../../src/application/echange/exporterExtrait.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

const horloge = new HorlogeFixe('2018-12-31');

surChaqueMoteur('Saisie du parcours par le conseiller', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let conseiller: Record<string, string>;
  let directionRa02: Record<string, string>;
  let direccte: Record<string, string>;

  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('saisie');
    ecrireExtraitAleatoire(dossier, 7, { structures: 2, jeunesParStructure: 20 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, horloge });
    const comptes = await comptesDemo(app);
    conseiller = await connecter(app, compte(comptes, 'conseiller', 'RA01'));
    directionRa02 = await connecter(app, compte(comptes, 'direction_ml', 'RA02'));
    direccte = await connecter(app, compte(comptes, 'agent_direccte', '53'));
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  const saisir = (chemin: string, valeurs: Record<string, unknown>, methode: 'POST' | 'PATCH' = 'POST', headers = conseiller) =>
    app.inject({ method: methode, url: `/api/structures/RA01/jeunes${chemin}`, headers, payload: { valeurs } });
  const chiffres = async () => (await app.inject({ url: '/api/annees/2018/structures/RA01', headers: conseiller })).json().indicateurs as Record<string, number>;
  const compter = async (table: string) => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE code_structure = 'RA01'`))[0].n;
  const nouveauJeune = async (naissance: string) => {
    const r = await saisir('', { date_naissance: naissance, sexe: 'F', date_premier_accueil: '03/09/2018', nom: 'Martin', prenom: 'Léa', qpv: '1' });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().id_jeune as string;
  };

  it("d'un premier accueil à la sortie : chaque saisie écrite, tracée avec son changement, et les chiffres de la ML changent aussitôt", async () => {
    const avant = await chiffres();
    const id = await nouveauJeune('2000-05-04');
    const diagnostic = await saisir(`/${id}/diagnostics`, { date: '10/09/2018', besoin_emploi: '1', besoin_mobilite: '1', besoin_logement: '0' });
    expect(diagnostic.statusCode, diagnostic.body).toBe(200);
    const pacea = await saisir(`/${id}/dispositifs`, { type: 'PACEA', date_debut: '10/10/2018' });
    expect(pacea.statusCode, pacea.body).toBe(200);
    for (const jour of ['11/10/2018', '25/10/2018', '08/11/2018']) expect((await saisir(`/${id}/evenements`, { date: jour, type: 'ENTRETIEN_INDIVIDUEL' })).statusCode).toBe(200);
    const phase = await saisir(`/${id}/phases`, { objectif: 'Découvrir le métier de soigneur', date_debut: '11/10/2018', id_dispositif: pacea.json().id });
    expect(phase.statusCode, phase.body).toBe(200);
    expect((await saisir(`/${id}/situations`, { categorie: 'IMMERSION', type_contrat: 'PMSMP', date_debut: '12/11/2018', date_fin_prevue: '23/11/2018' })).statusCode).toBe(200);
    expect((await saisir(`/${id}/aides`, { type: 'FIPJ', date: '12/11/2018', montant: '150,50' })).statusCode).toBe(200);
    expect((await saisir(`/${id}/phases/${phase.json().id}`, { date_fin: '23/11/2018', evaluation: 'Projet confirmé' }, 'PATCH')).statusCode).toBe(200);
    const sortie = await saisir(`/${id}/dispositifs/${pacea.json().id}`, { date_fin: '30/11/2018', motif_fin: 'FORMATION' }, 'PATCH');
    expect(sortie.statusCode, sortie.body).toBe(200);
    expect(sortie.json().changements).toEqual([
      { champ: 'date_fin', ancienne: null, nouvelle: '2018-11-30' },
      { champ: 'motif_fin', ancienne: null, nouvelle: 'FORMATION' },
    ]);

    const apres = await chiffres();
    expect(apres.premiers_accueils).toBe(avant.premiers_accueils + 1);
    expect(apres.entretiens_individuels).toBe(avant.entretiens_individuels + 3);
    expect(apres.entrees_parcours_contractualise).toBe(avant.entrees_parcours_contractualise + 1);
    expect(apres.sorties_dispositif).toBe(avant.sorties_dispositif + 1);

    const dossier = (await app.inject({ url: `/api/structures/RA01/jeunes/${id}`, headers: conseiller })).json();
    expect(dossier.jeune).toMatchObject({ nom: 'Martin', qpv: true, origine: 'saisie' });
    expect(dossier.diagnostics[0]).toMatchObject({ besoin_emploi: true, besoin_logement: false, besoin_sante: null, origine: 'saisie' });
    expect(dossier.dispositifs[0]).toMatchObject({ type: 'PACEA', date_fin: '2018-11-30', motif_fin: 'FORMATION', origine: 'saisie' });
    expect(dossier.phases[0]).toMatchObject({ evaluation: 'Projet confirmé', date_fin: '2018-11-23' });
    expect(dossier.situations[0]).toMatchObject({ categorie: 'IMMERSION', type_contrat: 'PMSMP', date_fin_prevue: '2018-11-23' });
    expect(dossier.aides[0].montant).toBe(150.5);
    expect(dossier.evenements).toHaveLength(3);

    // L'export écrit ce qui a été saisi, au format que l'import relit.
    const exporte = dossierTemporaire('export-saisie');
    await exporterExtrait(base, exporte, { structure: 'RA01' });
    const lignesDe = (nom: string) => readFileSync(join(exporte, nom), 'utf8').trim().split('\n');
    expect(lignesDe('diagnostics.csv')[0]).toBe('code_structure;id_diagnostic;id_jeune;date;besoin_emploi;besoin_formation;besoin_sante;besoin_logement;besoin_mobilite;besoin_ressources;id_conseiller');
    expect(lignesDe('diagnostics.csv')).toContain(`RA01;${diagnostic.json().id};${id};2018-09-10;1;;;0;1;;`);
    expect(lignesDe('phases.csv')).toContain(`RA01;${phase.json().id};${id};${pacea.json().id};Découvrir le métier de soigneur;2018-10-11;;2018-11-23;Projet confirmé;`);

    const traces = await base.query<{ objet: string; details: any }>(`SELECT objet, details FROM journal_audit WHERE action = 'saisir_parcours' AND objet LIKE $1 ORDER BY id`, [`%/${pacea.json().id}`]);
    expect(traces.map((t) => t.objet)).toEqual([`structures/RA01/jeunes/${id}/dispositifs/${pacea.json().id}`, `structures/RA01/jeunes/${id}/dispositifs/${pacea.json().id}`]);
    expect(traces.map((t) => t.details)).toEqual([
      { nature: 'dispositifs', changements: [{ champ: 'type', ancienne: null, nouvelle: 'PACEA' }, { champ: 'date_debut', ancienne: null, nouvelle: '2018-10-10' }] },
      { nature: 'dispositifs', changements: sortie.json().changements },
    ]);
  });

  it("refuse un PACEA signé plus d'un mois après le diagnostic, avec le message de l'import, sous le champ, sans rien écrire", async () => {
    const id = await nouveauJeune('2001-02-03');
    expect((await saisir(`/${id}/diagnostics`, { date: '10/09/2018' })).statusCode).toBe(200);
    const dispositifs = await compter('dispositif');
    const r = await saisir(`/${id}/dispositifs`, { type: 'PACEA', date_debut: '11/10/2018' });
    expect(r.statusCode).toBe(400);
    const message = "PACEA signé le 11/10/2018, plus d'un mois après le diagnostic du 10/09/2018 : un PACEA se signe au plus tard le 10/10/2018";
    expect(r.json().erreurs).toEqual([{ champ: 'date_debut', message }]);
    expect(r.json().message).toBe(`Saisie du dispositif refusée, rien n'a été écrit — date_debut : ${message}`);
    expect(await compter('dispositif')).toBe(dispositifs);
    const [refus] = await base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'saisie_refusee' ORDER BY id DESC LIMIT 1`);
    expect(refus.details.refus).toContain(message);

    // L'import applique la même règle, avec le même message, au diagnostic de l'extrait (diagnostics.csv).
    const dossier = dossierTemporaire('pacea-tardif');
    writeFileSync(join(dossier, 'jeunes.csv'), `code_structure;id_jeune;date_naissance;sexe;date_premier_accueil\nRA01;JX1;2001-02-03;H;2018-09-01\n`);
    writeFileSync(join(dossier, 'diagnostics.csv'), `code_structure;id_diagnostic;id_jeune;date;besoin_emploi\nRA01;GX1;JX1;2018-09-10;1\n`);
    writeFileSync(join(dossier, 'dispositifs.csv'), `code_structure;id_dispositif;id_jeune;type;date_debut\nRA01;DX1;JX1;PACEA;2018-10-11\n`);
    const rapport = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge });
    expect(rapport.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.message])).toEqual([['dispositifs.csv', 2, 'date_debut', message]]);
    // Le dernier jour admis passe : le diagnostic, le PACEA, puis la phase qui s'y rattache.
    writeFileSync(join(dossier, 'dispositifs.csv'), `code_structure;id_dispositif;id_jeune;type;date_debut\nRA01;DX1;JX1;PACEA;2018-10-10\n`);
    writeFileSync(join(dossier, 'phases.csv'), `code_structure;id_phase;id_jeune;id_dispositif;objectif;date_debut\nRA01;PX1;JX1;DX1;Se former;2018-10-10\nRA01;PX2;JX1;DX9;Se former;2018-10-10\n`);
    const tolerant = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge, tolerant: true, dossierRejets: join(dossier, 'rejets') });
    expect(tolerant.erreurs.map((e) => [e.fichier, e.ligne, e.colonne, e.message])).toEqual([['phases.csv', 3, 'id_dispositif', "dispositif inconnu pour ce jeune (ni en base, ni dans l'extrait)"]]);
    expect(tolerant.fichiers.map((f) => [f.fichier, f.crees])).toEqual([['jeunes.csv', 1], ['diagnostics.csv', 1], ['dispositifs.csv', 1], ['phases.csv', 1]]);
  });

  it('refuse un dispositif pour un jeune de 26 ans, avec le message de l’import, et rien n’est écrit', async () => {
    const id = await nouveauJeune('1992-06-01');
    const dispositifs = await compter('dispositif');
    const r = await saisir(`/${id}/dispositifs`, { type: 'GARANTIE_JEUNES', date_debut: '01/10/2018' });
    expect(r.statusCode).toBe(400);
    expect(r.json().erreurs).toEqual([
      { champ: 'date_debut', message: "le jeune a 26 ans à l'entrée dans le dispositif (né le 01/06/1992) : un dispositif est ouvert aux jeunes de 16 à 25 ans révolus" },
    ]);
    expect(await compter('dispositif')).toBe(dispositifs);
  });

  it("refuse une valeur fausse champ par champ, et un champ inconnu plutôt que de l'ignorer", async () => {
    const jeunes = await compter('jeune');
    const r = await saisir('', { date_naissance: '31/02/2000', sexe: 'X', date_premier_accueil: '01/09/2018', couleur: 'bleu' });
    expect(r.statusCode).toBe(400);
    expect(r.json().erreurs.map((e: { champ: string }) => e.champ)).toEqual(['couleur']);
    const r2 = await saisir('', { date_naissance: '31/02/2000', sexe: 'X', date_premier_accueil: '01/09/2018' });
    expect(r2.json().erreurs).toEqual([
      { champ: 'date_naissance', message: 'date invalide : format AAAA-MM-JJ attendu (par exemple 2017-03-14)' },
      { champ: 'sexe', message: 'valeur inconnue ; valeurs admises : F, H' },
    ]);
    const malFormee = await app.inject({ method: 'POST', url: '/api/structures/RA01/jeunes', headers: conseiller, payload: { valeurs: { date_naissance: { jour: 1 } } } });
    expect(malFormee.json()).toEqual({
      code: 'saisie_invalide',
      message: 'Saisie du premier accueil refusée : corps { "valeurs": { champ: texte, nombre, booléen ou null } } attendu, chaque texte de 2 000 caractères au plus. Rien n\'a été écrit.',
    });
    expect(await compter('jeune')).toBe(jeunes);
  });

  it("un dépôt ne remplace pas une ligne saisie, ni n'écrit dans le parcours d'un jeune créé dans l'application : strict, tout est refusé ; tolérant, ces lignes seules", async () => {
    const id = await nouveauJeune('2000-01-01');
    const entretien = (await saisir(`/${id}/evenements`, { date: '01/10/2018', type: 'ENTRETIEN_INDIVIDUEL' })).json().id as string;
    const [autre] = await base.query<{ id_jeune: string }>(`SELECT id_jeune FROM jeune WHERE code_structure = 'RA01' AND id_jeune NOT LIKE 'S%' ORDER BY id_jeune LIMIT 1`);
    const dossier = dossierTemporaire('depot-sur-saisie');
    writeFileSync(
      join(dossier, 'evenements.csv'),
      `code_structure;id_evenement;id_jeune;date;type\nRA01;${entretien};${id};2018-10-02;ATELIER\nRA01;EV-NEUF-1;${id};2018-10-03;ATELIER\nRA01;EV-NEUF-2;${autre.id_jeune};2018-10-03;ATELIER\n`,
    );
    const strict = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge, structure: 'RA01' });
    expect(strict.statut).toBe('refuse');
    expect(strict.erreurs.map((e) => [e.ligne, e.colonne, e.message])).toEqual([
      [2, 'id_evenement', "ligne saisie dans l'application le 31/12/2018 : un dépôt ne la remplace pas (corrigez-la dans l'application, ou retirez-la de l'extrait)"],
      [3, 'id_jeune', "jeune créé dans l'application le 31/12/2018 : son parcours se saisit dans l'application, un dépôt n'y écrit pas"],
    ]);
    const tolerant = await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge, structure: 'RA01', tolerant: true, dossierRejets: join(dossier, 'rejets') });
    expect(tolerant.statut).toBe('importe_avec_rejets');
    const lignes = await base.query<{ id_evenement: string; type: string }>(`SELECT id_evenement, type FROM evenement WHERE id_evenement = ANY($1) ORDER BY 1`, [[entretien, 'EV-NEUF-1', 'EV-NEUF-2']]);
    expect(lignes).toEqual([
      { id_evenement: 'EV-NEUF-2', type: 'ATELIER' },
      { id_evenement: entretien, type: 'ENTRETIEN_INDIVIDUEL' },
    ]);
    const dossierJeune = (await app.inject({ url: `/api/structures/RA01/jeunes/${autre.id_jeune}`, headers: conseiller })).json();
    expect(dossierJeune.jeune.origine).toBe('depot');
    expect(dossierJeune.evenements.find((e: { id_evenement: string }) => e.id_evenement === 'EV-NEUF-2').origine).toBe('depot');
  });

  it("refuse le dossier et la saisie à l'État, et à une autre ML, avec leur ligne d'audit", async () => {
    const id = await nouveauJeune('2000-03-03');
    const lecture = await app.inject({ url: `/api/structures/RA01/jeunes/${id}`, headers: direccte });
    expect(lecture.statusCode).toBe(403);
    const [trace] = await base.query<{ objet: string; details: any }>(`SELECT objet, details FROM journal_audit WHERE action = 'acces_refuse' ORDER BY id DESC LIMIT 1`);
    expect(trace.objet).toBe(`GET /api/structures/RA01/jeunes/${id}`);
    expect(trace.details.statut).toBe(403);
    expect((await saisir(`/${id}/evenements`, { date: '01/10/2018', type: 'ATELIER' }, 'POST', direccte)).statusCode).toBe(403);
    const evenements = await compter('evenement');
    const autreMl = await saisir(`/${id}/evenements`, { date: '01/10/2018', type: 'ATELIER' }, 'POST', directionRa02);
    expect(autreMl.statusCode).toBe(403);
    expect(await compter('evenement')).toBe(evenements);
    const [refus] = await base.query<{ details: any }>(`SELECT details FROM journal_audit WHERE action = 'saisie_refusee' ORDER BY id DESC LIMIT 1`);
    expect(refus.details.refus).toContain('ne se saisit que par ses conseillers et sa direction');
  });
});
