import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../acces/droits.ts';
import { ACTIONS, ETATS, validerCadre, type ActionDialogue, type CadreDialogue } from './cadre.ts';
import { decider, type ContexteDialogue } from './decider.ts';

const brut = JSON.parse(readFileSync(new URL('../../../catalogues/dialogue-de-gestion-2015-2018.json', import.meta.url), 'utf8'));
const cadre = validerCadre(brut);
const roles = Object.keys(ROLES) as Role[];

// Cadre CPO §5, recopié à la main : (état de départ, action, rôle) permis. Tout le reste est refusé.
const PERMIS = new Set([
  'ouvert|soumettre_autodiagnostic|direction_ml',
  'autodiagnostic_soumis|renvoyer|agent_ud',
  'autodiagnostic_soumis|enregistrer_entretien|agent_ud',
  'entretien_realise|arreter_objectifs|agent_ud',
  'objectifs_arretes|decider_financement|agent_direccte',
  'decision_financiere|generer_avenant|agent_direccte',
  'avenant_genere|signer_ml|direction_ml',
  'signe_ml|signer_etat|agent_direccte',
]);
// Et l'état où chaque pas mène.
const VERS: Record<ActionDialogue, string> = {
  soumettre_autodiagnostic: 'autodiagnostic_soumis',
  renvoyer: 'ouvert',
  enregistrer_entretien: 'entretien_realise',
  arreter_objectifs: 'objectifs_arretes',
  decider_financement: 'decision_financiere',
  generer_avenant: 'avenant_genere',
  signer_ml: 'signe_ml',
  signer_etat: 'signe',
};

const EMPREINTE = 'a'.repeat(64);
const catalogue = {
  ratios: [
    { id: 'ratio_07', libelle: "Taux d'accès à l'emploi" },
    { id: 'ratio_12', libelle: 'Coût par jeune accompagné' },
  ],
  indicateurs: [{ id: 'jeunes_entres_emploi' }],
} as unknown as ContexteDialogue['catalogue'];

const unContexte = (autre: Partial<ContexteDialogue> = {}): ContexteDialogue => ({
  annee: 2018,
  code_structure: 'RA01',
  autodiagnostic: { contexte: 'Fermeture d’une usine', planPropose: 'Renforcer la prospection' },
  convention: { montant_reference: 100_000 },
  decisionsAnterieures: [],
  avenant: { numero: 4, empreinte_pdf: EMPREINTE },
  catalogue,
  ...autre,
});

const ENTRETIEN = { date: '2018-03-12', participants: 'UD 35, direction de la ML', regionPresente: true, compteRendu: 'Échange sur les résultats 2017.' };
const OBJECTIFS = { cibles: { ratio_07: 0.36, ratio_12: 1500 }, plan: [{ titre: 'Prospection', description: '', echeance: '2018-09-30', indicateur: 'jeunes_entres_emploi' }], qualitatifs: '' };
/** Un contenu valide pour chaque action. */
const CONTENUS: Record<ActionDialogue, unknown> = {
  soumettre_autodiagnostic: {},
  renvoyer: { motif: "Il manque l'objectif 3." },
  enregistrer_entretien: ENTRETIEN,
  arreter_objectifs: OBJECTIFS,
  decider_financement: { montants: { fonctionnement_cpo: 105_000, garantie_jeunes: 40_000 } },
  generer_avenant: {},
  signer_ml: { empreinte: EMPREINTE, qualite: 'Président', lieu: 'Rennes' },
  signer_etat: { empreinte: EMPREINTE, qualite: 'Directeur régional', lieu: 'Rennes' },
};

describe('decider : la table des transitions, sur chaque état, chaque action et chaque rôle', () => {
  it('permet exactement les pas du cadre CPO §5 et dit le genre de chaque refus (rôle, puis état)', () => {
    const ecarts: string[] = [];
    for (const etat of ETATS)
      for (const action of ACTIONS)
        for (const role of roles) {
          const v = decider(etat, action, role, CONTENUS[action], cadre, unContexte());
          const t = cadre.transitions.find((x) => x.action === action)!;
          const attendu = PERMIS.has(`${etat}|${action}|${role}`) ? `vers ${VERS[action]}` : !t.roles.includes(role) ? 'refus role' : 'refus etat';
          const obtenu = v.ok ? `vers ${v.vers}` : `refus ${v.refus.genre}`;
          if (obtenu !== attendu) ecarts.push(`${etat} ${action} ${role} : ${obtenu}, attendu ${attendu}`);
        }
    expect(ecarts).toEqual([]);
    expect(ETATS.length * ACTIONS.length * roles.length).toBe(8 * 8 * 6);
  });

  it('ne rend définitif que le pas qui mène à « signe », et écrit ce que le pas apporte', () => {
    const signe = decider('signe_ml', 'signer_etat', 'agent_direccte', CONTENUS.signer_etat, cadre, unContexte());
    expect(signe).toMatchObject({ ok: true, de: 'signe_ml', vers: 'signe', definitif: true, ecritures: {}, motif: null });
    const ml = decider('avenant_genere', 'signer_ml', 'direction_ml', CONTENUS.signer_ml, cadre, unContexte());
    expect(ml).toMatchObject({ ok: true, definitif: false });
    expect(decider('autodiagnostic_soumis', 'enregistrer_entretien', 'agent_ud', ENTRETIEN, cadre, unContexte())).toMatchObject({ ok: true, ecritures: { entretien: ENTRETIEN } });
    expect(decider('autodiagnostic_soumis', 'renvoyer', 'agent_ud', { motif: '  À compléter  ' }, cadre, unContexte())).toMatchObject({ ok: true, motif: 'À compléter' });
  });
});

describe('decider : les règles nommées par le cadre, à leurs bornes', () => {
  const refus = (v: ReturnType<typeof decider>) => (v.ok ? null : v.refus);

  it('autodiagnostic_complet : le contexte et le plan proposé, non blancs', () => {
    const sans = (autodiagnostic: unknown) => refus(decider('ouvert', 'soumettre_autodiagnostic', 'direction_ml', {}, cadre, unContexte({ autodiagnostic })));
    expect(sans(null)).toEqual({ genre: 'saisie', message: "Autodiagnostic incomplet : il manque le contexte et le plan d'action proposé. Enregistrez-le puis soumettez." });
    expect(sans({ contexte: 'x', planPropose: ' ' })?.message).toMatch(/il manque le plan d'action proposé\./);
    expect(sans({ contexte: 'x', planPropose: 'y' })).toBeNull();
  });

  it('motif_obligatoire : un renvoi sans motif, ou blanc, est refusé', () => {
    const renvoi = (contenu: unknown) => refus(decider('autodiagnostic_soumis', 'renvoyer', 'agent_ud', contenu, cadre, unContexte()));
    expect(renvoi({})).toEqual({ genre: 'saisie', message: 'Motif du renvoi : à remplir (dites à la ML ce qui manque).' });
    expect(renvoi({ motif: '   ' })?.genre).toBe('saisie');
    expect(renvoi({ motif: 'x' })).toBeNull();
  });

  it('entretien_complet : les participants et le compte rendu', () => {
    const entretien = (autre: object) => refus(decider('autodiagnostic_soumis', 'enregistrer_entretien', 'agent_ud', { ...ENTRETIEN, ...autre }, cadre, unContexte()));
    expect(entretien({ participants: '', compteRendu: ' ' })).toEqual({ genre: 'saisie', message: 'Entretien incomplet : il manque les participants et le compte rendu.' });
    expect(entretien({ compteRendu: '' })?.message).toBe('Entretien incomplet : il manque le compte rendu.');
    expect(entretien({ participants: 'x', compteRendu: 'y' })).toBeNull();
  });

  it('une règle retirée du cadre ne s’applique plus', () => {
    const sansRegle = structuredClone(cadre) as CadreDialogue;
    for (const t of sansRegle.transitions) delete t.regle;
    expect(decider('autodiagnostic_soumis', 'renvoyer', 'agent_ud', {}, sansRegle, unContexte())).toMatchObject({ ok: true, motif: null });
    expect(decider('autodiagnostic_soumis', 'enregistrer_entretien', 'agent_ud', { ...ENTRETIEN, participants: '' }, sansRegle, unContexte()).ok).toBe(true);
  });

  it('une_cible_par_ratio : chaque ratio du catalogue, et des indicateurs suivis connus', () => {
    const arreter = (o: object) => refus(decider('entretien_realise', 'arreter_objectifs', 'agent_ud', { ...OBJECTIFS, ...o }, cadre, unContexte()));
    expect(arreter({ cibles: { ratio_07: 0.36 } })?.message).toBe('Une cible par ratio est attendue ; il en manque pour : « Coût par jeune accompagné ».');
    expect(arreter({ cibles: { ratio_07: 0, ratio_12: 0 } })).toBeNull();
    expect(arreter({ plan: [{ ...OBJECTIFS.plan[0], indicateur: 'inconnu' }] })?.message).toBe('Indicateur suivi inconnu du catalogue : inconnu (action « Prospection »).');
  });

  it('enveloppe_justifiee : à 10 % tout juste, pas de justification ; au-delà, une justification écrite', () => {
    const decision = (fonctionnement_cpo: number, justification?: string) =>
      decider('objectifs_arretes', 'decider_financement', 'agent_direccte', { montants: { fonctionnement_cpo }, justification }, cadre, unContexte());
    expect(decision(110_000)).toMatchObject({ ok: true, ecritures: { decision: { montants: { fonctionnement_cpo: 110_000 }, justification: null, enveloppe: { depasse: false } } } });
    expect(refus(decision(110_001))?.message).toMatch(/^La variation sur la convention atteint .* : une justification écrite est obligatoire\.$/);
    expect(refus(decision(110_001, '  '))?.genre).toBe('saisie');
    expect(decision(110_001, ' Antenne nouvelle. ')).toMatchObject({ ok: true, motif: 'Antenne nouvelle.', ecritures: { decision: { justification: 'Antenne nouvelle.', enveloppe: { depasse: true } } } });
    expect(refus(decider('objectifs_arretes', 'decider_financement', 'agent_direccte', { montants: { loterie: 1 } }, cadre, unContexte()))?.message).toBe('Lignes de financement inconnues : loterie.');
  });

  it('la décision financière et l’avenant demandent la convention de la ML', () => {
    const sans = unContexte({ convention: null });
    expect(refus(decider('objectifs_arretes', 'decider_financement', 'agent_direccte', CONTENUS.decider_financement, cadre, sans))?.message).toBe(
      "La Mission locale RA01 n'a pas de convention enregistrée : le montant de référence manque.",
    );
    expect(refus(decider('decision_financiere', 'generer_avenant', 'agent_direccte', {}, cadre, sans))).toEqual({ genre: 'saisie', message: "La Mission locale RA01 n'a pas de convention enregistrée." });
  });

  it('une signature confirme l’empreinte de l’avenant en vigueur, sinon refus d’état', () => {
    const autre = { ...CONTENUS.signer_ml as object, empreinte: 'b'.repeat(64) };
    expect(refus(decider('avenant_genere', 'signer_ml', 'direction_ml', autre, cadre, unContexte()))).toEqual({
      genre: 'etat',
      message: "L'empreinte confirmée (bbbbbbbbbbbbbbbb…) n'est pas celle de l'avenant n° 4 en vigueur (aaaaaaaaaaaaaaaa…) : rechargez la page, relisez l'avenant, puis signez.",
    });
    expect(refus(decider('avenant_genere', 'signer_ml', 'direction_ml', CONTENUS.signer_ml, cadre, unContexte({ avenant: null })))?.genre).toBe('etat');
  });
});
