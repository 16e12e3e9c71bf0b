// `agir` sans base : le dépôt des dialogues et le rendu PDF sont des jumeaux en mémoire, l'heure est
// fixe. Le noyau de décision est vérifié sur toute la table dans decider.test.ts ; ici, ce que le cas
// d'usage en fait : ce qu'il écrit quand le pas est permis, et qu'il n'écrit rien quand il est refusé.
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { uneCampagne, uneConvention, unDialogue, unInstantane, uneML, unUtilisateur } from '../../../test/outils/constructeurs.ts';
import { DepotDialoguesMemoire, type DialogueStocke } from '../../../test/outils/depotDialoguesMemoire.ts';
import { HorlogeFixe } from '../../../test/outils/horloge.ts';
import { RenduPdfMemoire } from '../../../test/outils/pdfMemoire.ts';
import { chargerCatalogue } from '../indicateurs/catalogueEnVigueur.ts';
import { agir } from './agir.ts';
import { chargerCadre } from './cadreEnVigueur.ts';
import { pdfAvenant } from './pdfAvenant.ts';

const cadre = chargerCadre();
const catalogue = chargerCatalogue();
const ORIGINE = '10.0.0.7';
const direction = unUtilisateur({ role: 'direction_ml' });
const ud = unUtilisateur({ role: 'agent_ud' });
const direccte = unUtilisateur({ role: 'agent_direccte' });
const AUTODIAGNOSTIC = { commentaires: {}, contexte: 'Fermeture d’une usine', planPropose: 'Renforcer la prospection', ciblesProposees: {} };

let horloge: HorlogeFixe;
let pdf: RenduPdfMemoire;
beforeEach(() => {
  horloge = new HorlogeFixe('2018-03-20T10:15:00+01:00');
  pdf = new RenduPdfMemoire();
});

const unDepot = (dialogue: DialogueStocke, autres: Parameters<DepotDialoguesMemoire['avec']>[0] = {}) =>
  new DepotDialoguesMemoire(horloge).avec({ mls: [uneML()], campagnes: [uneCampagne()], instantanes: [unInstantane()], conventions: [uneConvention()], dialogues: [dialogue], ...autres });

const faire = (depot: DepotDialoguesMemoire, utilisateur: Utilisateur, action: string, contenu: unknown = {}, id = 1) =>
  agir(depot, cadre, catalogue, utilisateur, id, action, contenu, ORIGINE, horloge, pdf);

describe('agir : un pas permis', () => {
  it("écrit le nouvel état, l'événement et la ligne d'audit, datés par l'horloge", async () => {
    const depot = unDepot(unDialogue({ autodiagnostic: AUTODIAGNOSTIC }));
    expect(await faire(depot, direction, 'soumettre_autodiagnostic')).toEqual({ etat: 'autodiagnostic_soumis' });
    expect(depot.tables.dialogues.get(1)).toMatchObject({ etat: 'autodiagnostic_soumis', definitif: false, modifie_le: '2018-03-20T10:15:00' });
    expect(depot.tables.evenements).toEqual([
      { dialogue: 1, action: 'soumettre_autodiagnostic', de: 'ouvert', vers: 'autodiagnostic_soumis', acteur: direction.courriel, role: 'direction_ml', motif: null, horodatage: '2018-03-20T10:15:00' },
    ]);
    expect(depot.tables.audit).toEqual([
      {
        acteur: direction.courriel,
        action: 'dialogue_soumettre_autodiagnostic',
        objet: 'dialogues/1',
        codeStructure: 'RA01',
        origine: ORIGINE,
        details: { de: 'ouvert', vers: 'autodiagnostic_soumis' },
        horodatage: '2018-03-20T10:15:00',
      },
    ]);
  });

  it("écrit ce que le pas apporte (l'entretien) dans le dialogue et dans l'audit ; le motif d'un renvoi dans l'événement", async () => {
    const depot = unDepot(unDialogue({ etat: 'autodiagnostic_soumis' }));
    const entretien = { date: '12/03/2018', participants: 'UD 35, direction', regionPresente: false, compteRendu: 'Bilan 2017 partagé.' };
    await faire(depot, ud, 'enregistrer_entretien', entretien);
    const ecrit = { ...entretien, date: '2018-03-12' };
    expect(depot.tables.dialogues.get(1)).toMatchObject({ etat: 'entretien_realise', entretien: ecrit });
    expect(depot.tables.audit.at(-1)!.details).toEqual({ de: 'autodiagnostic_soumis', vers: 'entretien_realise', entretien: ecrit });

    const renvoi = unDepot(unDialogue({ etat: 'autodiagnostic_soumis' }));
    await faire(renvoi, ud, 'renvoyer', { motif: "  Il manque l'objectif 3. " });
    expect(renvoi.tables.evenements.map((e) => [e.vers, e.motif])).toEqual([['ouvert', "Il manque l'objectif 3."]]);
  });

  it("génère l'avenant daté du jour de l'horloge, le fait signer par la ML puis par l'État, et le PDF signé se reconstruit", async () => {
    const depot = unDepot(unDialogue({ etat: 'decision_financiere' }, catalogue));
    await faire(depot, direccte, 'generer_avenant');
    const genere = depot.tables.avenants.get(1)!;
    expect(genere).toMatchObject({ numero: 4, genere_par: direccte.courriel, genere_le: '2018-03-20T10:15:00', signature_ml: null });
    expect(JSON.parse(genere.donnees)).toMatchObject({ numero: 4, annee: 2018, genereLe: '2018-03-20', ml: { code: 'RA01', nom: 'Mission locale de Rennes' } });
    expect(genere.empreinte_pdf).toBe(createHash('sha256').update(JSON.stringify(pdf.rendus[0])).digest('hex'));

    horloge.fixer('2018-04-02T16:30:00+02:00');
    await faire(depot, direction, 'signer_ml', { empreinte: genere.empreinte_pdf, qualite: 'Président', lieu: 'Rennes' });
    expect(JSON.parse(depot.tables.avenants.get(1)!.signature_ml!)).toEqual({ nom: direction.nom, qualite: 'Président', organisation: direction.organisation.nom, lieu: 'Rennes', signeLe: '2018-04-02T16:30:00' });

    await faire(depot, direccte, 'signer_etat', { empreinte: genere.empreinte_pdf, qualite: 'Directeur régional', lieu: 'Rennes' });
    expect(depot.tables.dialogues.get(1)).toMatchObject({ etat: 'signe', definitif: true });
    expect(depot.tables.audit.map((l) => l.action)).toEqual(['dialogue_generer_avenant', 'dialogue_signer_ml', 'dialogue_signer_etat']);
    const signe = await pdfAvenant(depot, cadre, direction, 1, 'signe', pdf);
    expect(signe!.nom).toBe('avenant-4-2018-RA01-signe.pdf');
    expect(createHash('sha256').update(signe!.pdf).digest('hex')).toBe(depot.tables.avenants.get(1)!.empreinte_pdf_signe);
  });
});

describe('agir : un pas refusé ne change rien et dit pourquoi', () => {
  const autreML = unUtilisateur({ role: 'direction_ml', portee: { niveau: 'structure', code: 'RA02', code_departement: '35', code_region: '53' } });
  const autreRegion = unUtilisateur({ role: 'agent_ud', portee: { niveau: 'departement', code: '29', code_region: '53' } });
  const cas: { nom: string; dialogue: DialogueStocke; utilisateur: Utilisateur; action: string; contenu?: unknown; code: string; message: RegExp; id?: number }[] = [
    { nom: 'mauvais rôle', dialogue: unDialogue({ autodiagnostic: AUTODIAGNOSTIC }), utilisateur: unUtilisateur({ role: 'conseiller' }), action: 'soumettre_autodiagnostic', code: 'droit_insuffisant', message: /./ },
    { nom: 'mauvais état', dialogue: unDialogue({ etat: 'entretien_realise' }), utilisateur: direction, action: 'soumettre_autodiagnostic', code: 'etat_incompatible', message: /./ },
    { nom: 'hors périmètre (une autre ML)', dialogue: unDialogue({ autodiagnostic: AUTODIAGNOSTIC }), utilisateur: autreML, action: 'soumettre_autodiagnostic', code: 'hors_perimetre', message: /Hors de votre périmètre : le dialogue 1/ },
    { nom: 'hors périmètre (un autre département)', dialogue: unDialogue({ etat: 'autodiagnostic_soumis' }), utilisateur: autreRegion, action: 'renvoyer', contenu: { motif: 'x' }, code: 'hors_perimetre', message: /Hors de votre périmètre/ },
    { nom: 'dialogue inconnu', dialogue: unDialogue(), utilisateur: direction, action: 'soumettre_autodiagnostic', id: 99, code: 'introuvable', message: /Dialogue inconnu : 99/ },
    { nom: 'action inconnue', dialogue: unDialogue(), utilisateur: direction, action: 'abandonner', code: 'saisie_invalide', message: /Action inconnue : abandonner/ },
    {
      nom: 'contenu invalide (date illisible)',
      dialogue: unDialogue({ etat: 'autodiagnostic_soumis' }),
      utilisateur: ud,
      action: 'enregistrer_entretien',
      contenu: { date: 'demain', participants: 'UD', regionPresente: true, compteRendu: 'x' },
      code: 'saisie_invalide',
      message: /Date de l'entretien : date attendue/,
    },
    { nom: 'règle du cadre (renvoi sans motif)', dialogue: unDialogue({ etat: 'autodiagnostic_soumis' }), utilisateur: ud, action: 'renvoyer', contenu: { motif: '  ' }, code: 'saisie_invalide', message: /Motif du renvoi : à remplir/ },
    { nom: 'autodiagnostic incomplet', dialogue: unDialogue(), utilisateur: direction, action: 'soumettre_autodiagnostic', code: 'saisie_invalide', message: /Autodiagnostic incomplet/ },
    { nom: 'signature sans avenant', dialogue: unDialogue({ etat: 'avenant_genere' }, catalogue), utilisateur: direction, action: 'signer_ml', contenu: { empreinte: 'a'.repeat(64), qualite: 'Président', lieu: 'Rennes' }, code: 'etat_incompatible', message: /pas d'avenant à signer/ },
  ];
  for (const c of cas) {
    it(`${c.nom} : ${c.code}`, async () => {
      const depot = unDepot(c.dialogue);
      const avant = depot.photo();
      await expect(faire(depot, c.utilisateur, c.action, c.contenu ?? {}, c.id)).rejects.toMatchObject({ code: c.code, message: expect.stringMatching(c.message) });
      expect(depot.tables).toEqual(avant);
      expect(depot.tables.audit).toEqual([]);
    });
  }

  it('sans convention, la décision de financement est refusée', async () => {
    const depot = unDepot(unDialogue({ etat: 'objectifs_arretes' }, catalogue), { conventions: [] });
    await expect(faire(depot, direccte, 'decider_financement', { montants: { fonctionnement_cpo: 100_000 } })).rejects.toMatchObject({ code: 'saisie_invalide', message: expect.stringMatching(/pas de convention/) });
    expect(depot.tables.dialogues.get(1)!.etat).toBe('objectifs_arretes');
  });

  it("une signature sur un avenant altéré est refusée (intégrité) et n'écrit rien", async () => {
    const depot = unDepot(unDialogue({ etat: 'decision_financiere' }, catalogue));
    await faire(depot, direccte, 'generer_avenant');
    const avenant = depot.tables.avenants.get(1)!;
    avenant.donnees = avenant.donnees.replace('"numero":4', '"numero":5');
    const avant = depot.photo();
    await expect(faire(depot, direction, 'signer_ml', { empreinte: avenant.empreinte_pdf, qualite: 'Président', lieu: 'Rennes' })).rejects.toMatchObject({ code: 'integrite' });
    expect(depot.tables).toEqual(avant);
  });

  it("si la ligne d'audit ne s'écrit pas, le pas ne s'écrit pas non plus (même transaction)", async () => {
    const depot = unDepot(unDialogue({ autodiagnostic: AUTODIAGNOSTIC }));
    depot.pannes.add('auditer');
    const avant = depot.photo();
    await expect(faire(depot, direction, 'soumettre_autodiagnostic')).rejects.toThrow('panne simulée : auditer');
    expect(depot.tables).toEqual(avant);
    expect(depot.tables.evenements).toEqual([]);
  });
});
