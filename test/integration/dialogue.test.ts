// Une campagne de dialogue de gestion menée par l'API, sur les deux moteurs : chaque pas permis, des
// pas refusés qui ne changent rien, la règle des 10 %, l'avenant PDF (texte extrait par pdftotext,
// document identique à chaque génération), les signatures confirmées et l'avenant signé, l'immuabilité
// après signature, le bilan intermédiaire.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { AUTODIAGNOSTIC, CONVENTION, JUSTIFICATION, MONTANTS, objectifs as objectifsPour, OUVERTURE, preparerCampagne, type Campagne, type Qui } from '../outils/campagne.ts';
import { dateEnFrancais } from '../../src/domaine/temps/dates.ts';

/**
 * Le texte d'un PDF (pdftotext) : dans l'ordre du document (une colonne après l'autre), espaces et retours
 * à la ligne ramenés à un seul espace ; ou `miseEnPage`, tel qu'il est disposé. `page` : une seule page.
 */
function texteDuPdf(fichier: string, options: { page?: number; miseEnPage?: boolean } = {}) {
  const pages = options.page ? ['-f', String(options.page), '-l', String(options.page)] : [];
  const brut = execFileSync('pdftotext', [options.miseEnPage ? '-layout' : '-raw', ...pages, fichier, '-'], { encoding: 'utf8' }).replace(/\u00a0/g, ' ');
  return options.miseEnPage ? brut : brut.replace(/\s+/g, ' ');
}

surChaqueMoteur('Dialogue de gestion', (moteur) => {
  let base: Base;
  let campagne: Campagne;
  let dialogueId = 0;
  let ratios: string[] = [];
  const appel = (qui: Qui, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => campagne.appel(qui, method, url, payload);
  let avenantGenere: Buffer;
  const resultats = join(process.cwd(), 'test-resultats');
  const COLONNES_AVENANT = 'donnees, empreinte_pdf, signature_ml, signature_etat, empreinte_signatures, empreinte_pdf_signe';
  const pas = (qui: Qui, action: string, corps: unknown = {}) => appel(qui, 'POST', `/api/dialogues/${dialogueId}/actions/${action}`, corps);
  /** Un pas refusé : le bon statut, un message français, et rien n'a changé (dialogue, historique, journal hors refus tracés). */
  async function refuse(reponse: Promise<{ statusCode: number; json: () => any }>, statut: number, message: RegExp) {
    const etat = () =>
      Promise.all([
        base.query('SELECT etat, autodiagnostic, entretien, objectifs, decision, modifie_le FROM dialogue WHERE id = $1', [dialogueId]),
        base.query('SELECT count(*)::int AS n FROM dialogue_evenement'),
        base.query(`SELECT count(*)::int AS n FROM journal_audit WHERE action NOT IN ('acces_refuse', 'requete_refusee')`),
      ]);
    const avant = await etat();
    const r = await reponse;
    expect(r.statusCode, JSON.stringify(r.json())).toBe(statut);
    expect(r.json().message).toMatch(message);
    expect(await etat()).toEqual(avant);
  }

  beforeAll(async () => {
    base = await moteur.ouvrir();
    campagne = await preparerCampagne(base);
    ratios = campagne.ratios;
  });
  afterAll(async () => {
    await campagne.app.close();
    await base.fermer();
  });

  it('la DIRECCTE enregistre les conventions, une à une ou par CSV (tout ou rien, erreurs situées)', async () => {
    const convention = CONVENTION;
    expect((await appel('ud', 'POST', '/api/conventions', convention)).statusCode).toBe(403);
    expect((await appel('direccte', 'POST', '/api/conventions', { ...convention, code_structure: 'RA03' })).statusCode).toBe(403);
    const invalide = await appel('direccte', 'POST', '/api/conventions', { ...convention, date_signature: '2015-02-30' });
    expect(invalide.json().message).toBe('Convention invalide — date_signature : date de signature AAAA-MM-JJ attendue');
    expect((await appel('direccte', 'POST', '/api/conventions', convention)).statusCode).toBe(201);
    const fautif = 'code_structure;numero;annee_debut;annee_fin;date_signature;montant_reference\nRA02;CPO-53-002;2015;2018;2015-04-15;80000\nRA02;CPO-53-003;2015;deux;2015-04-15;-5\n';
    const refus = await appel('direccte', 'POST', '/api/conventions/import', { nom: 'conventions.csv', contenu: fautif });
    expect(refus.statusCode).toBe(400);
    expect(refus.json().message).toBe(
      "Fichier refusé, rien n'a été écrit — conventions.csv, ligne 3, annee_fin : année entière attendue ; conventions.csv, ligne 3, montant_reference : montant négatif",
    );
    expect(await base.query(`SELECT 1 FROM convention WHERE code_structure = 'RA02'`)).toEqual([]);
    const ok = await appel('direccte', 'POST', '/api/conventions/import', { nom: 'conventions.csv', contenu: fautif.split('\n').slice(0, 2).join('\n') });
    expect(ok.json()).toEqual({ conventions: 1 });
    // Lu par l'analyseur CSV de l'import : un fichier aux champs entre guillemets (tableur) se lit aussi.
    const guillemets = fautif.split('\n').slice(0, 2).map((l) => l.split(';').map((c) => `"${c}"`).join(';')).join('\n');
    expect((await appel('direccte', 'POST', '/api/conventions/import', { nom: 'conventions.csv', contenu: guillemets })).json()).toEqual({ conventions: 1 });
    expect((await appel('ml', 'GET', '/api/conventions')).json().conventions.map((c: any) => c.numero)).toEqual(['CPO-53-001']);
  });

  it("la DIRECCTE ouvre la campagne de sa région : l'instantané N-1 est figé et chaque ML a son dialogue", async () => {
    const ouverture = OUVERTURE;
    expect((await appel('ud', 'POST', '/api/campagnes', ouverture)).statusCode).toBe(403);
    expect((await appel('direccte', 'POST', '/api/campagnes', { ...ouverture, region: '11' })).statusCode).toBe(403);
    const desordre = await appel('direccte', 'POST', '/api/campagnes', { ...ouverture, echeanceSignature: '2018-01-01' });
    expect(desordre.json().message).toBe('Campagne invalide — les échéances doivent se suivre : autodiagnostic, puis entretien, puis signature');
    const ouverte = await appel('direccte', 'POST', '/api/campagnes', ouverture);
    expect(ouverte.statusCode).toBe(201);
    expect(ouverte.json()).toMatchObject({ annee: 2018, code_region: '53', dialogues: 2 });
    expect((await appel('direccte', 'POST', '/api/campagnes', ouverture)).json().message).toMatch(/^La campagne 2018 de cette région est déjà ouverte/);
    const [instantane] = await base.query('SELECT annee, code_region FROM instantane WHERE id = $1', [ouverte.json().instantane_id]);
    expect(instantane).toEqual({ annee: 2017, code_region: '53' });
    [{ id: dialogueId }] = await base.query<{ id: number }>(`SELECT id FROM dialogue WHERE code_structure = 'RA01' AND annee = 2018`);
    expect((await appel('ml', 'GET', '/api/dialogues/a-faire')).json().dialogues.map((d: any) => d.code_structure)).toEqual(['RA01']);
    expect((await appel('ud', 'GET', '/api/dialogues/a-faire')).json().dialogues).toEqual([]);
    const lu = (await appel('ml', 'GET', `/api/dialogues/${dialogueId}`)).json();
    expect(lu.etat).toBe('ouvert');
    expect(lu.chiffresFiges.annee).toBe(2017);
    expect(lu.actions.map((a: any) => a.action)).toEqual(['soumettre_autodiagnostic']);
    expect((await appel('ml2', 'GET', `/api/dialogues/${dialogueId}`)).statusCode).toBe(403);
  });

  it("l'autodiagnostic : brouillon, soumission complète seulement, par la direction de la ML", async () => {
    await refuse(pas('ud', 'soumettre_autodiagnostic'), 403, /réservé à : Direction \/ présidence de ML/);
    await refuse(pas('ml2', 'soumettre_autodiagnostic'), 403, /^Hors de votre périmètre/);
    await refuse(pas('ml', 'soumettre_autodiagnostic'), 400, /^Autodiagnostic incomplet : il manque le contexte et le plan d'action proposé/);
    const brouillon = AUTODIAGNOSTIC;
    // Une cible illisible ou hors bornes n'est jamais abandonnée en silence : refusée, avec le champ.
    const brouillonAvec = (v: unknown) => appel('ml', 'PUT', `/api/dialogues/${dialogueId}/autodiagnostic`, { ...brouillon, ciblesProposees: { ratio_07: v } });
    await refuse(
      brouillonAvec('abc'),
      400,
      /^Autodiagnostic invalide — ciblesProposees\.ratio_07 \(Taux d'accès à l'emploi des jeunes accompagnés\) : un nombre est attendu \(chiffres, virgule pour les décimales\), reçu « abc »$/,
    );
    await refuse(brouillonAvec(1.2), 400, /^Autodiagnostic invalide — ciblesProposees\.ratio_07 \(Taux d'accès à l'emploi des jeunes accompagnés\) : une part entre 0 et 100 % est attendue, reçu 120,0\u00a0%$/);
    await refuse(appel('ml', 'PUT', `/api/dialogues/${dialogueId}/autodiagnostic`, { ...brouillon, ciblesProposees: { ratio_99: 0.1 } }), 400, /ciblesProposees\.ratio_99 : ratio inconnu du catalogue/);
    expect((await appel('ml', 'PUT', `/api/dialogues/${dialogueId}/autodiagnostic`, brouillon)).statusCode).toBe(200);
    expect((await pas('ml', 'soumettre_autodiagnostic')).json()).toEqual({ etat: 'autodiagnostic_soumis' });
    await refuse(pas('ml', 'soumettre_autodiagnostic'), 409, /n'est pas possible quand le dialogue est « Autodiagnostic soumis »/);
    await refuse(appel('ml', 'PUT', `/api/dialogues/${dialogueId}/autodiagnostic`, brouillon), 409, /n'est pas possible/);
    expect((await appel('ud', 'GET', '/api/dialogues/a-faire')).json().dialogues.map((d: any) => d.code_structure)).toEqual(['RA01']);
  });

  it("les échéances passées à la date du serveur sont en retard ; l'UD de chaque département reçoit les dialogues de ses ML", async () => {
    const [{ id: brest }] = await base.query<{ id: number }>(`SELECT id FROM dialogue WHERE code_structure = 'RA02' AND annee = 2018`);
    const idCampagne = (await appel('ml', 'GET', `/api/dialogues/${dialogueId}`)).json().campagne.id;
    const ligneDe = async (qui: Qui, code: string) => (await appel(qui, 'GET', '/api/dialogues/a-faire')).json().dialogues.find((d: any) => d.code_structure === code);
    const suiviDe = async (code: string) => (await appel('direccte', 'GET', `/api/campagnes/${idCampagne}`)).json().dialogues.find((d: any) => d.code_structure === code);
    campagne.horloge.fixer('2018-02-15T23:30:00+01:00');
    expect(await ligneDe('ml2', 'RA02')).toMatchObject({ echeance: '2018-02-15', en_retard: false, jours_de_retard: 0 });
    // Minuit passé à Paris (23 h UTC) : un jour de retard ; cinq jours plus tard, cinq.
    campagne.horloge.avancer(30 * 60_000);
    expect(await ligneDe('ml2', 'RA02')).toMatchObject({ echeance: '2018-02-15', en_retard: true, jours_de_retard: 1 });
    campagne.horloge.avancer(4 * 86_400_000);
    expect(await ligneDe('ml2', 'RA02')).toMatchObject({ echeance: '2018-02-15', en_retard: true, jours_de_retard: 5 });
    expect(await suiviDe('RA02')).toMatchObject({ echeance: '2018-02-15', en_retard: true, jours_de_retard: 5 });
    expect(await suiviDe('RA01')).toMatchObject({ echeance: '2018-03-15', en_retard: false, jours_de_retard: 0 });
    // Brest (29) : sa direction soumet, l'UD du Finistère reçoit le dialogue, pas celle d'Ille-et-Vilaine.
    const autodiagnostic = { commentaires: {}, contexte: 'Port en reconversion', planPropose: 'Alternance dans la réparation navale', ciblesProposees: {} };
    expect((await appel('ml2', 'PUT', `/api/dialogues/${brest}/autodiagnostic`, autodiagnostic)).statusCode).toBe(200);
    expect((await appel('ml2', 'POST', `/api/dialogues/${brest}/actions/soumettre_autodiagnostic`, {})).json()).toEqual({ etat: 'autodiagnostic_soumis' });
    expect(await ligneDe('ud29', 'RA02')).toMatchObject({ id: brest, actions: ['Renvoyer à la ML', "Enregistrer l'entretien"] });
    expect(await ligneDe('ud', 'RA02')).toBeUndefined();
    expect((await appel('ud', 'POST', `/api/dialogues/${brest}/actions/renvoyer`, { motif: 'x' })).statusCode).toBe(403);
  });

  it("l'UD renvoie avec un motif, puis enregistre l'entretien et arrête une cible par ratio", async () => {
    await refuse(pas('ud', 'renvoyer', {}), 400, /^Motif du renvoi : à remplir/);
    await refuse(pas('ud', 'renvoyer', { motif: '   ' }), 400, /^Motif du renvoi : à remplir/);
    expect((await pas('ud', 'renvoyer', { motif: 'Plan trop vague' })).json()).toEqual({ etat: 'ouvert' });
    expect((await pas('ml', 'soumettre_autodiagnostic')).json()).toEqual({ etat: 'autodiagnostic_soumis' });
    await refuse(
      pas('ud', 'enregistrer_entretien', { date: '2018-03-32', participants: 'x', regionPresente: false, compteRendu: 'x' }),
      400,
      /^Saisie invalide — Date de l'entretien : date attendue au format JJ\/MM\/AAAA \(par exemple 14\/03\/2017\), reçu « 2018-03-32 »$/,
    );
    await refuse(pas('ud', 'enregistrer_entretien', { date: '2018-03-12', participants: ' ', regionPresente: false, compteRendu: 'x' }), 400, /^Entretien incomplet : il manque les participants\.$/);
    // La date se lit aussi à la française ; elle est gardée AAAA-MM-JJ.
    const entretien = { date: '12/03/2018', participants: 'UD 35, direction de la ML, Conseil régional', regionPresente: true, compteRendu: 'Échange sur les résultats 2017.' };
    expect((await pas('ud', 'enregistrer_entretien', entretien)).json()).toEqual({ etat: 'entretien_realise' });
    expect((await base.query<{ date: string }>(`SELECT entretien->>'date' AS date FROM dialogue WHERE id = $1`, [dialogueId]))[0].date).toBe('2018-03-12');
    const objectifs = objectifsPour(ratios);
    const cibles = objectifs.cibles;
    const { ratio_05: _, ...incompletes } = cibles;
    await refuse(pas('ud', 'arreter_objectifs', { cibles: incompletes, plan: [], qualitatifs: '' }), 400, /il en manque pour : « Entretiens individuels par jeune accompagné »\.$/);
    const action = { titre: 'Prospection des employeurs', description: 'Deux conseillers dédiés', echeance: '2018-09-30', indicateur: 'inconnu' };
    await refuse(pas('ud', 'arreter_objectifs', { cibles, plan: [action], qualitatifs: '' }), 400, /^Indicateur suivi inconnu du catalogue : inconnu \(action « Prospection des employeurs »\)\.$/);
    const avec = (changees: Record<string, unknown>) => pas('ud', 'arreter_objectifs', { cibles: { ...cibles, ...changees }, plan: [], qualitatifs: '' });
    await refuse(avec({ ratio_07: 'abc' }), 400, /^Saisie invalide — cibles\.ratio_07 \(Taux d'accès à l'emploi des jeunes accompagnés\) : un nombre est attendu \(chiffres, virgule pour les décimales\), reçu « abc »$/);
    await refuse(avec({ ratio_07: 1.2 }), 400, /^Saisie invalide — cibles\.ratio_07 \(Taux d'accès à l'emploi des jeunes accompagnés\) : une part entre 0 et 100 % est attendue, reçu 120,0\u00a0%$/);
    await refuse(avec({ ratio_12: -5 }), 400, /cibles\.ratio_12 \(Coût par jeune accompagné \(€ par jeune\)\) : une cible ne peut pas être négative, reçu -5\u00a0€/);
    await refuse(
      pas('ud', 'arreter_objectifs', { cibles, plan: [{ titre: 'x', description: '', echeance: '31/09/2018', indicateur: null }], qualitatifs: '' }),
      400,
      /Échéance de l'action : date attendue au format JJ\/MM\/AAAA/,
    );
    expect((await pas('ud', 'arreter_objectifs', objectifs)).json()).toEqual({ etat: 'objectifs_arretes' });
  });

  it('la décision financière : au-delà de 10 % sur la convention, une justification est exigée et signalée', async () => {
    await refuse(pas('ud', 'decider_financement', { montants: { fonctionnement_cpo: 100000 } }), 403, /réservé à : Agent DIRECCTE/);
    const montants = MONTANTS;
    await refuse(
      pas('direccte', 'decider_financement', { montants }),
      400,
      /^La variation sur la convention atteint \+15,0\u00a0%, soit 5\u00a0000\u00a0€ au-delà de la borne de \+10\u00a0% : une justification écrite est obligatoire\.$/,
    );
    // Affichée « 10,0 % », la variation d'un euro de trop se voit en euros.
    await refuse(pas('direccte', 'decider_financement', { montants: { ...montants, fonctionnement_cpo: 110_001 } }), 400, /atteint \+10,0\u00a0%, soit 1\u00a0€ au-delà de la borne de \+10\u00a0%/);
    await refuse(pas('direccte', 'decider_financement', { montants: { ...montants, parrainage: 'abc' } }), 400, /^Saisie invalide — montants\.parrainage : un montant en euros entiers est attendu, reçu « abc »$/);
    await refuse(pas('direccte', 'decider_financement', { montants: { ...montants, inconnue: 3 } }), 400, /Lignes de financement inconnues : inconnue/);
    const decide = await pas('direccte', 'decider_financement', { montants, justification: JUSTIFICATION });
    expect(decide.json()).toEqual({ etat: 'decision_financiere' });
    const lu = (await appel('direccte', 'GET', `/api/dialogues/${dialogueId}`)).json();
    expect(lu.decision.enveloppe).toMatchObject({ reference: 100000, decide: 115000, borne: 10000, depassement: 5000, depasse: true });
    const suivi = (await appel('direccte', 'GET', `/api/campagnes/${lu.campagne.id}`)).json();
    expect(suivi.dialogues.find((d: any) => d.code_structure === 'RA01')).toMatchObject({ etat: 'decision_financiere', total: 160000, depasse: true });
    expect(suivi.dialogues.find((d: any) => d.code_structure === 'RA02')).toMatchObject({ etat: 'autodiagnostic_soumis', total: null, echeance: '2018-03-15' });
  });

  it("l'avenant : généré par la DIRECCTE, en français, identique à chaque génération, avec les noms, montants et cibles", async () => {
    await refuse(pas('ml', 'generer_avenant'), 403, /réservé à : Agent DIRECCTE/);
    expect((await pas('direccte', 'generer_avenant')).json()).toEqual({ etat: 'avenant_genere' });
    const premier = await appel('ml', 'GET', `/api/dialogues/${dialogueId}/avenant.pdf`);
    expect(premier.statusCode).toBe(200);
    expect(premier.headers['content-type']).toBe('application/pdf');
    expect(premier.headers['content-disposition']).toBe('attachment; filename="avenant-4-2018-RA01.pdf"');
    const second = await appel('direccte', 'GET', `/api/dialogues/${dialogueId}/avenant.pdf`);
    expect(Buffer.compare(premier.rawPayload, second.rawPayload)).toBe(0);
    const [stocke] = await base.query<{ empreinte_pdf: string; empreinte_donnees: string }>('SELECT empreinte_pdf, empreinte_donnees FROM avenant WHERE dialogue_id = $1', [dialogueId]);
    expect(createHash('sha256').update(premier.rawPayload).digest('hex')).toBe(stocke.empreinte_pdf);
    avenantGenere = premier.rawPayload;
    mkdirSync(resultats, { recursive: true });
    const fichier = join(resultats, `avenant-${moteur.nom}.pdf`);
    writeFileSync(fichier, premier.rawPayload);
    const miseEnPage = texteDuPdf(fichier, { miseEnPage: true });
    const texte = miseEnPage.replace(/\s+/g, ' ');
    writeFileSync(join(resultats, `avenant-${moteur.nom}.txt`), texte);
    const [ml] = await base.query<{ nom: string; siret: string }>(`SELECT nom, siret FROM mission_locale WHERE code_structure = 'RA01'`);
    const titre = `Avenant n° 4 pour l'année 2018 à la convention pluriannuelle d'objectifs 2015-2018 entre l'État et la ${ml.nom}`;
    expect(texte).toContain(titre);
    expect(texte).toContain('Convention n° CPO-53-001');
    expect(texte).toContain(`SIRET ${ml.siret}`);
    expect(texte).toContain('signée le 15 avril 2015');
    expect(texte).toContain('tenu le 12 mars 2018');
    expect(texte).toMatch(/Crédit de fonctionnement CPO\s+115 000 €/);
    expect(texte).toMatch(/Total\s+160 000 €/);
    expect(texte).toContain('Justification : Ouverture d’une antenne en zone rurale.');
    // Le tableau annexé : sur la ligne de chaque ratio, sa valeur N-1 puis sa cible.
    expect(miseEnPage).toMatch(/Taux d'accès à l'emploi des jeunes +[\d,]+ % +36,0 %/);
    expect(miseEnPage).toMatch(/Coût par jeune accompagné \(€ par +[\d ]+ € +1 500 €/);
    expect(texte).toContain('programme 102');
    expect(texte.replace(/\s+/g, '')).toContain(stocke.empreinte_donnees);
    // En français : l'indicateur suivi par son libellé, aucun identifiant interne (« etp_total », « signe_ml »…).
    expect(texte).toContain('Prospection des employeurs — échéance : 30 septembre 2018 — indicateur suivi : Jeunes entrés en emploi.');
    expect(texte.match(/\b[a-z0-9]+(_[a-z0-9]+)+\b/g)).toBeNull();
    // Page 1 : le bloc-marque de l'État, puis le titre, et le numéro de l'avenant expliqué.
    expect(texteDuPdf(fichier, { page: 1 })).toMatch(/^RÉPUBLIQUE FRANÇAISE Liberté Égalité Fraternité Préfet de la région Bretagne /);
    expect(texte).toContain('Convention n° CPO-53-001 Avenant n° 4 : année 4 de la convention 2015-2018');
    // Les références régionale et nationale ne portent que sur les ML chargées : l'avenant le dit.
    expect(texte).toContain('Références calculées sur les seules ML dont les données sont chargées : Bretagne — données chargées : 2 ML sur 17 ; France — données chargées : 3 ML sur 445.');
    // Titre et langue dans le document, pour les lecteurs d'écran.
    expect(execFileSync('pdfinfo', [fichier], { encoding: 'utf8' })).toMatch(new RegExp(`^Title: +${titre.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(premier.rawPayload.toString('latin1')).toContain('/Lang (fr-FR)');
    expect(premier.rawPayload.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
  });

  it('les signatures dans l’ordre (ML, puis DIRECCTE), chacune confirmant l’empreinte de l’avenant en vigueur ; signé, le dialogue ne change plus', async () => {
    const [{ empreinte_pdf: empreinte }] = await base.query<{ empreinte_pdf: string }>('SELECT empreinte_pdf FROM avenant WHERE dialogue_id = $1', [dialogueId]);
    const signature = { empreinte, qualite: 'Présidente de l’association', lieu: 'Rennes' };
    const avenantEnBase = () => base.query(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [dialogueId]);
    await refuse(pas('direccte', 'signer_etat', signature), 409, /il faut : « Signé par la ML, à signer par l'État »/);
    await refuse(pas('ud', 'signer_ml', signature), 403, /réservé à : Direction \/ présidence de ML/);
    await refuse(
      pas('ml', 'signer_ml', {}),
      400,
      /^Saisie invalide — Empreinte de l'avenant : à confirmer ; Qualité du signataire : à remplir ; Lieu de signature : à remplir$/,
    );
    // Une empreinte qui n'est pas celle de l'avenant en vigueur : 409, rien n'est signé.
    const avant = await avenantEnBase();
    await refuse(
      pas('ml', 'signer_ml', { ...signature, empreinte: '0'.repeat(64) }),
      409,
      new RegExp(`^L'empreinte confirmée \\(0000000000000000…\\) n'est pas celle de l'avenant n° 4 en vigueur \\(${empreinte.slice(0, 16)}…\\) : rechargez la page, relisez l'avenant, puis signez\\.$`),
    );
    expect(await avenantEnBase()).toEqual(avant);
    expect((await pas('ml', 'signer_ml', signature)).json()).toEqual({ etat: 'signe_ml' });
    // Une seule signature : pas encore d'avenant signé ; la signature de la ML ne se réécrit pas.
    const pasEncore = await appel('ml', 'GET', `/api/dialogues/${dialogueId}/avenant-signe.pdf`);
    expect(pasEncore.statusCode).toBe(404);
    expect(pasEncore.json().message).toBe(`L'avenant du dialogue ${dialogueId} n'est pas encore signé par les deux parties`);
    await expect(base.query(`UPDATE avenant SET signature_ml = 'x' WHERE dialogue_id = $1`, [dialogueId])).rejects.toThrow(/une signature de l'avenant du dialogue \d+ ne se modifie plus/);
    await refuse(pas('direccte', 'signer_etat', { ...signature, empreinte: 'f'.repeat(64) }), 409, /^L'empreinte confirmée \(ffffffffffffffff…\)/);
    expect((await pas('direccte', 'signer_etat', { ...signature, qualite: 'Directrice régionale, par délégation du préfet de région' })).json()).toEqual({ etat: 'signe' });
    await refuse(pas('direccte', 'signer_etat', signature), 409, /n'est pas possible quand le dialogue est « Signé »/);
    // Le déclencheur lit `definitif`, posé par l'application à la signature de l'État, et le garde.
    expect(await base.query(`SELECT definitif FROM dialogue WHERE id = $1`, [dialogueId])).toEqual([{ definitif: true }]);
    await expect(base.query(`UPDATE dialogue SET decision = NULL WHERE id = $1`, [dialogueId])).rejects.toThrow(/est signé : il ne se modifie plus/);
    await expect(base.query(`UPDATE dialogue SET definitif = false WHERE id = $1`, [dialogueId])).rejects.toThrow(/est signé : il ne se modifie plus/);
    await expect(base.query(`DELETE FROM avenant WHERE dialogue_id = $1`, [dialogueId])).rejects.toThrow(/ajout seul/);
    await expect(base.query(`UPDATE avenant SET donnees = '{}' WHERE dialogue_id = $1`, [dialogueId])).rejects.toThrow(/l'avenant généré du dialogue \d+ ne se modifie pas/);
    await expect(base.query(`UPDATE avenant SET empreinte_pdf_signe = NULL WHERE dialogue_id = $1`, [dialogueId])).rejects.toThrow(/ne se modifie plus/);
    const lu = (await appel('ml', 'GET', `/api/dialogues/${dialogueId}`)).json();
    expect(lu.historique.map((h: any) => `${h.de ?? '-'}>${h.vers}:${h.role}`)).toEqual([
      '->ouvert:agent_direccte',
      'ouvert>autodiagnostic_soumis:direction_ml',
      'autodiagnostic_soumis>ouvert:agent_ud',
      'ouvert>autodiagnostic_soumis:direction_ml',
      'autodiagnostic_soumis>entretien_realise:agent_ud',
      'entretien_realise>objectifs_arretes:agent_ud',
      'objectifs_arretes>decision_financiere:agent_direccte',
      'decision_financiere>avenant_genere:agent_direccte',
      'avenant_genere>signe_ml:direction_ml',
      'signe_ml>signe:agent_direccte',
    ]);
    expect(lu.historique[2].motif).toBe('Plan trop vague');
    expect(lu.actions).toEqual([]);
  });

  it("l'avenant signé : qui a signé, en quelle qualité, où et quand ; reconstruit et vérifié comme l'original, qui reste téléchargeable", async () => {
    const lu = (await appel('ml', 'GET', `/api/dialogues/${dialogueId}`)).json();
    const moi = async (qui: Qui) => (await appel(qui, 'GET', '/api/moi')).json().utilisateur;
    const [ml, etat] = [await moi('ml'), await moi('direccte')];
    const { ml: signatureMl, etat: signatureEtat } = lu.avenant.signatures;
    expect(signatureMl).toMatchObject({ nom: ml.nom, organisation: ml.organisation.nom, qualite: 'Présidente de l’association', lieu: 'Rennes' });
    expect(signatureEtat).toMatchObject({ nom: etat.nom, organisation: etat.organisation.nom, qualite: 'Directrice régionale, par délégation du préfet de région' });
    expect(signatureMl.signeLe).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(lu.avenant.explicationNumero).toBe('Avenant n° 4 : année 4 de la convention 2015-2018 (un avenant par année, numéroté à partir de 2015).');

    // L'original ne bouge pas.
    const original = await appel('ud', 'GET', `/api/dialogues/${dialogueId}/avenant.pdf`);
    expect(Buffer.compare(original.rawPayload, avenantGenere)).toBe(0);
    const signe = await appel('ml', 'GET', `/api/dialogues/${dialogueId}/avenant-signe.pdf`);
    expect(signe.statusCode).toBe(200);
    expect(signe.headers['content-disposition']).toBe('attachment; filename="avenant-4-2018-RA01-signe.pdf"');
    expect(Buffer.compare(signe.rawPayload, avenantGenere)).not.toBe(0);
    expect(Buffer.compare(signe.rawPayload, (await appel('direccte', 'GET', `/api/dialogues/${dialogueId}/avenant-signe.pdf`)).rawPayload)).toBe(0);
    const [stocke] = await base.query<{ empreinte_pdf: string; empreinte_pdf_signe: string; empreinte_signatures: string }>(
      'SELECT empreinte_pdf, empreinte_pdf_signe, empreinte_signatures FROM avenant WHERE dialogue_id = $1',
      [dialogueId],
    );
    expect(createHash('sha256').update(signe.rawPayload).digest('hex')).toBe(stocke.empreinte_pdf_signe);
    expect(lu.avenant.empreinte_pdf_signe).toBe(stocke.empreinte_pdf_signe);

    const fichier = join(resultats, `avenant-signe-${moteur.nom}.pdf`);
    writeFileSync(fichier, signe.rawPayload);
    const texte = texteDuPdf(fichier);
    writeFileSync(join(resultats, `avenant-signe-${moteur.nom}.txt`), texte);
    const jour = (s: { signeLe: string }) => dateEnFrancais(s.signeLe.slice(0, 10));
    const heure = (s: { signeLe: string }) => `${s.signeLe.slice(11, 13)} h ${s.signeLe.slice(14, 16)}`;
    expect(texte).not.toContain('……');
    expect(texte).toContain(`Fait à Rennes, le ${jour(signatureMl)}`);
    expect(texte).toContain(`Signé par ${ml.nom} (${ml.organisation.nom}), Présidente de l’association, le ${jour(signatureMl)} à ${heure(signatureMl)}.`);
    expect(texte).toContain(`Signé par ${etat.nom} (${etat.organisation.nom}), Directrice régionale, par délégation du préfet de région, le ${jour(signatureEtat)} à ${heure(signatureEtat)}.`);
    expect(texte.replace(/\s+/g, '')).toContain(`dontlePDFapourempreinteSHA-256${stocke.empreinte_pdf}.Signaturesfigées:SHA-256${stocke.empreinte_signatures}.`);
    expect(texte).toContain('Avenant signé — Données figées');
    expect(execFileSync('pdfinfo', [fichier], { encoding: 'utf8' })).toMatch(/^Subject: +Avenant n° 4 pour l'année 2018 — convention n° CPO-53-001 — signé$/m);

    // Une signature altérée en base (déclencheur levé pour l'essai) : le téléchargement le dit, rien ne sort.
    await base.query('ALTER TABLE avenant DISABLE TRIGGER avenant_ajout_seul');
    const [{ signature_etat: vraie }] = await base.query<{ signature_etat: string }>('SELECT signature_etat FROM avenant WHERE dialogue_id = $1', [dialogueId]);
    await base.query('UPDATE avenant SET signature_etat = $2 WHERE dialogue_id = $1', [dialogueId, vraie.replace(etat.nom, 'Quelqu’un d’autre')]);
    const altere = await appel('ml', 'GET', `/api/dialogues/${dialogueId}/avenant-signe.pdf`);
    await base.query('UPDATE avenant SET signature_etat = $2 WHERE dialogue_id = $1', [dialogueId, vraie]);
    await base.query('ALTER TABLE avenant ENABLE ALWAYS TRIGGER avenant_ajout_seul');
    expect(altere.statusCode).toBe(500);
    expect(altere.json().code).toBe('integrite');
    expect(altere.json().message).toBe(`Intégrité compromise : les signatures de l'avenant du dialogue ${dialogueId} ne correspondent plus à leur empreinte`);
    expect((await appel('ml', 'GET', `/api/dialogues/${dialogueId}/avenant-signe.pdf`)).statusCode).toBe(200);
  });

  it('le bilan intermédiaire met les chiffres du moment face aux cibles', async () => {
    const lu = (await appel('ud', 'GET', `/api/dialogues/${dialogueId}`)).json();
    const ligne = lu.bilanEnCours.ratios.find((r: any) => r.ratio === 'ratio_07');
    expect(ligne.cible).toBeCloseTo(0.36, 10);
    if (ligne.valeur !== null) expect(ligne.atteinte).toBeCloseTo(ligne.valeur / ligne.cible, 10);
    expect((await appel('region', 'POST', `/api/dialogues/${dialogueId}/bilans`, { commentaire: 'x' })).statusCode).toBe(403);
    expect((await appel('ud', 'POST', `/api/dialogues/${dialogueId}/bilans`, { commentaire: '' })).json().message).toBe('Bilan invalide — Commentaire du bilan : à remplir');
    expect((await appel('ud', 'POST', `/api/dialogues/${dialogueId}/bilans`, { commentaire: 'Emploi en avance sur la cible.' })).statusCode).toBe(201);
    expect((await appel('ml', 'GET', `/api/dialogues/${dialogueId}`)).json().bilans[0]).toMatchObject({ commentaire: 'Emploi en avance sur la cible.' });
    const traces = await base.query<{ action: string }>(`SELECT DISTINCT action FROM journal_audit WHERE objet = $1 ORDER BY action`, [`dialogues/${dialogueId}`]);
    expect(traces.map((t) => t.action)).toContain('dialogue_signer_etat');
  });

  it('chaque refus porte son code, le statut en découle ; un dialogue inconnu est un 404 « introuvable » sur chaque route', async () => {
    const refus = async (r: Promise<{ statusCode: number; json: () => any }>) => {
      const { statusCode, json } = await r;
      return [statusCode, json().code];
    };
    expect(await refus(pas('ml', 'soumettre_autodiagnostic'))).toEqual([409, 'etat_incompatible']);
    expect(await refus(pas('ud', 'soumettre_autodiagnostic'))).toEqual([403, 'droit_insuffisant']);
    expect(await refus(appel('ml2', 'GET', `/api/dialogues/${dialogueId}`))).toEqual([403, 'hors_perimetre']);
    expect(await refus(appel('ud', 'POST', `/api/dialogues/${dialogueId}/bilans`, { commentaire: '' }))).toEqual([400, 'saisie_invalide']);
    expect(await refus(pas('ml', 'inventee'))).toEqual([400, 'saisie_invalide']);

    const inconnu = 999_999;
    const routes: [Qui, 'GET' | 'POST' | 'PUT', string, unknown?][] = [
      ['ml', 'GET', `/api/dialogues/${inconnu}`],
      ['ml', 'PUT', `/api/dialogues/${inconnu}/autodiagnostic`, AUTODIAGNOSTIC],
      ['ml', 'POST', `/api/dialogues/${inconnu}/actions/soumettre_autodiagnostic`, {}],
      ['ml', 'GET', `/api/dialogues/${inconnu}/avenant.pdf`],
      ['ml', 'GET', `/api/dialogues/${inconnu}/avenant-signe.pdf`],
      ['ud', 'POST', `/api/dialogues/${inconnu}/bilans`, { commentaire: 'Emploi en avance sur la cible.' }],
      ['ud', 'GET', `/api/campagnes/${inconnu}`],
    ];
    for (const [qui, methode, url, corps] of routes) {
      const r = await appel(qui, methode, url, corps);
      expect([r.statusCode, r.json()], url).toEqual([404, { code: 'introuvable', message: expect.stringMatching(/inconnu/) }]);
    }
  });
});
