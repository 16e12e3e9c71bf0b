// Le journal d'audit lisible, sur les deux moteurs : chaque action en français, chaque acteur par son
// nom et son organisation, chaque changement en une phrase ; l'export CSV garde ses colonnes d'origine.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditer } from '../../src/application/audit.ts';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { compte, comptesDemo, connecter, type CompteDemo } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

surChaqueMoteur("Journal d'audit lisible", (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let dgefp: Record<string, string>;
  let direction: CompteDemo;
  let organisationRA01: string;
  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('audit');
    ecrireExtraitAleatoire(dossier, 7, { structures: 2, jeunesParStructure: 20 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true });
    const comptes = await comptesDemo(app);
    direction = compte(comptes, 'direction_ml', 'RA01');
    [{ nom: organisationRA01 }] = await base.query<{ nom: string }>(`SELECT nom FROM organisation WHERE type = 'ml' AND code = 'RA01'`);
    dgefp = await connecter(app, compte(comptes, 'agent_dgefp'));
    const conseillere = await connecter(app, compte(comptes, 'conseiller', 'RA01'));
    expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: conseillere })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/structures/RA01/jeunes', headers: dgefp })).statusCode).toBe(403);
    // Un renvoi du dialogue, tel que le dialogue l'inscrit (courriel écrit autrement que dans la table des utilisateurs).
    await auditer(base, {
      acteur: direction.courriel.toUpperCase(),
      action: 'dialogue_renvoyer',
      objet: 'dialogues/1',
      codeStructure: 'RA01',
      origine: '127.0.0.1',
      details: { de: 'autodiagnostic_soumis', vers: 'ouvert' },
    });
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it("rend chaque ligne lisible : l'action en français, la personne et son organisation, le changement en une phrase", async () => {
    const { lignes } = (await app.inject({ url: '/api/audit', headers: dgefp })).json();
    const renvoi = lignes.find((l: any) => l.action === 'dialogue_renvoyer');
    expect(renvoi).toMatchObject({
      acteur: direction.courriel.toUpperCase(),
      libelle_action: 'Dialogue de gestion : renvoyé à la Mission locale',
      nom_acteur: 'Paul Lefebvre',
      organisation_acteur: organisationRA01,
      resume: 'état : Autodiagnostic soumis → Ouvert : autodiagnostic de la ML attendu',
      details: { de: 'autodiagnostic_soumis', vers: 'ouvert' },
    });
    const lecture = lignes.find((l: any) => l.action === 'lire_jeunes');
    expect(lecture.nom_acteur).toBe('Claire Martin');
    expect(lecture.resume).toMatch(/^jeunes lus : \d+ ; tri : nom ; page : 1 ; ordre : asc ; recherche : —$/);
    const refus = lignes.find((l: any) => l.action === 'acces_refuse');
    expect(refus).toMatchObject({ libelle_action: 'Accès refusé', nom_acteur: 'Nadia Haddad', organisation_acteur: expect.stringMatching(/DGEFP|emploi/) });
    expect(refus.resume).toMatch(/^motif : Votre rôle/);
    const importe = lignes.find((l: any) => l.action === 'import_extrait');
    expect(importe).toMatchObject({ libelle_action: "Import d'un extrait", nom_acteur: 'Ligne de commande (cpo)', organisation_acteur: null });
    // Aucune action en identifiant, aucun changement en JSON.
    for (const l of lignes) {
      expect(l.libelle_action, l.action).not.toContain('_');
      expect(l.resume, l.action).not.toMatch(/[{}"]/);
    }
  });

  it("exporte en CSV les colonnes d'origine, puis leurs versions lisibles", async () => {
    const csv = await app.inject({ url: '/api/audit.csv?action=dialogue_renvoyer', headers: dgefp });
    const [entete, ligne] = csv.body.replace('\ufeff', '').trim().split('\r\n');
    expect(entete).toBe('horodatage;acteur;action;objet;code_structure;origine;details;action_libelle;acteur_nom;acteur_organisation;changement');
    const details = '"{""de"":""autodiagnostic_soumis"",""vers"":""ouvert""}"';
    expect(ligne).toMatch(new RegExp(`^[\\d-]+T[\\d:]+;${direction.courriel.toUpperCase()};dialogue_renvoyer;dialogues/1;RA01;127\\.0\\.0\\.1;`));
    // L'organisation de la démonstration contient un « ; » et des guillemets : le champ est entre guillemets.
    const lisibles = `;Dialogue de gestion : renvoyé à la Mission locale;Paul Lefebvre;"${organisationRA01.replace(/"/g, '""')}";état : Autodiagnostic soumis → Ouvert : autodiagnostic de la ML attendu`;
    expect(ligne.endsWith(`;${details}${lisibles}`)).toBe(true);
  });
});
