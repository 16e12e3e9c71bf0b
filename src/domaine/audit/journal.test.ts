import { describe, expect, it } from 'vitest';
import { libelleActionAudit, nomActeur, resumerDetails } from './journal.ts';

const CADRE = { etats: { ouvert: 'Ouvert', autodiagnostic_soumis: 'Autodiagnostic soumis' }, champs: { fonctionnement_cpo: 'Crédit de fonctionnement CPO' } };

describe("journal d'audit lisible", () => {
  it('nomme chaque action en français, même une action inconnue', () => {
    expect(libelleActionAudit('lire_jeunes')).toBe('Lecture de la liste des jeunes');
    expect(libelleActionAudit('dialogue_signer_etat')).toBe("Dialogue de gestion : avenant signé par l'État");
    expect(libelleActionAudit('purger_sessions')).toBe('purger sessions');
  });

  it("nomme l'acteur : l'utilisateur, la ligne de commande, une personne non connectée", () => {
    expect(nomActeur('claire@ml.fr', 'Claire Martin')).toBe('Claire Martin');
    expect(nomActeur('cli', null)).toBe('Ligne de commande (cpo)');
    expect(nomActeur('cli:root@serveur', null)).toBe('Ligne de commande (cpo), par root@serveur');
    expect(nomActeur('anonyme', null)).toBe('Personne non connectée');
    expect(nomActeur('demo', null)).toBe('Chargement de la démonstration');
    expect(nomActeur('inconnu@x.fr', null)).toBe('inconnu@x.fr');
  });

  it("dit un changement d'état avec les libellés du cadre, et le reste champ par champ", () => {
    expect(resumerDetails({ de: 'autodiagnostic_soumis', vers: 'ouvert', motif: 'Plan incomplet' }, CADRE)).toBe('état : Autodiagnostic soumis → Ouvert ; motif : Plan incomplet');
    expect(resumerDetails({ de: 'ouvert', vers: 'etat_futur' }, CADRE)).toBe('état : Ouvert → etat_futur');
  });

  it('écrit les valeurs à la française : dates, montants, années, booléens, listes, empreintes', () => {
    expect(
      resumerDetails({ code_structure: 'ML02A01', numero: 'CPO-2A', annee_debut: 2015, annee_fin: 2018, date_signature: '2015-04-01', montant_reference: 123456 }),
    ).toBe('Mission locale : ML02A01 ; numéro : CPO-2A ; de : 2015 ; à : 2018 ; signée le : 1er avril 2015 ; montant de référence : 123\u00a0456\u00a0€');
    expect(resumerDetails({ recherche: '', page: 1, lus: ['J1', 'J2', 'J3', 'J4', 'J5', 'J6'], export: false })).toBe('recherche : — ; page : 1 ; jeunes lus : 6 ; export : non');
    expect(resumerDetails({ annee: 2017, empreinte: 'a'.repeat(64) })).toBe('année : 2017 ; empreinte : aaaaaaaaaaaa…');
    expect(resumerDetails({ mode: 'tolerant', statut: 'importe_avec_rejets', erreurs: 1200 })).toBe('mode : tolérant ; statut : importé avec des rejets ; erreurs : 1\u00a0200');
    expect(resumerDetails({ decision: { montants: { fonctionnement_cpo: 100000 }, justification: null, enveloppe: { variation: 0.125 } } }, CADRE)).toBe(
      'décision : (montants : (Crédit de fonctionnement CPO : 100\u00a0000\u00a0€) ; justification : — ; enveloppe : (variation : +12,5\u00a0%))',
    );
  });

  it("n'écrit jamais de JSON brut", () => {
    const resume = resumerDetails({ objectifs: { cibles: { a: 0.3, b: 0.4 }, plan: [{ titre: 'x' }], qualitatifs: 'y'.repeat(300) }, fichiers: [{ fichier: 'jeunes.csv', lignes: 12 }] });
    expect(resume).not.toMatch(/[{}"[\]]/);
    expect(resume).toContain('actions du plan : 1');
    expect(resume).toContain('fichiers : 1');
    expect(resumerDetails(null)).toBe('');
  });
});
