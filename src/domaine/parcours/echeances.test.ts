import { describe, expect, it } from 'vitest';
import { alertesDuJeune, compterAlertes, dernierJour, limiteDispositif, limiteEnMots, type FaitsDuJeune } from './echeances.ts';

/** Un jeune de 20 ans sans rien à signaler le 2 décembre 2018. */
const calme: FaitsDuJeune = {
  date_naissance: '1998-06-01',
  date_premier_accueil: '2018-01-10',
  dernier_contact: '2018-11-20',
  sortie: null,
  dispositifs: null,
  diagnostic: null,
  situations: null,
};
/** Les alertes du jeune, vu en contact le jour même sauf mention contraire. */
const alertes = (f: Partial<FaitsDuJeune>, jour: string) => alertesDuJeune({ ...calme, dernier_contact: jour, ...f }, jour).map((a) => a.alerte);

describe('limites des dispositifs', () => {
  it('la veille du début, plus la durée : 24 mois du 15 mars 2017 mènent au 14 mars 2019', () => {
    expect(dernierJour('2017-03-15', 24)).toBe('2019-03-14');
    expect(dernierJour('2017-01-01', 24)).toBe('2018-12-31');
    // Entré un 29 février : douze mois jusqu'au 28 février ; entré le 1er mars 2016, aussi.
    expect(dernierJour('2016-02-29', 12)).toBe('2017-02-28');
    expect(dernierJour('2016-03-01', 12)).toBe('2017-02-28');
    // Vers une année bissextile : le 29 février existe.
    expect(dernierJour('2019-03-01', 12)).toBe('2020-02-29');
    expect(dernierJour('2016-08-31', 6)).toBe('2017-02-28');
    expect(dernierJour('2016-08-30', 6)).toBe('2017-02-28');
    expect(dernierJour('2016-08-28', 6)).toBe('2017-02-27');
  });

  it('chaque dispositif dit sa règle et son échéance ; la Garantie jeunes sa prolongation ; le PPAE rien', () => {
    expect(limiteDispositif('PACEA', '2017-03-15')).toEqual({ regle: '24 mois au plus', echeance: '2019-03-14', prolongation: null });
    expect(limiteDispositif('GARANTIE_JEUNES', '2017-03-15')).toEqual({
      regle: "12 mois, prolongeables jusqu'à 6 mois",
      echeance: '2018-03-14',
      prolongation: '2018-09-14',
    });
    expect(limiteDispositif('CIVIS', '2016-05-02')).toEqual({ regle: "1 an renouvelable, entrées jusqu'au 31 décembre 2016", echeance: '2017-05-01', prolongation: null });
    expect(limiteDispositif('PARRAINAGE', '2017-03-15')?.regle).toBe('environ 6 mois');
    expect(limiteDispositif('PPAE', '2017-03-15')).toBeNull();
  });

  it('en une phrase, avec le délai vu du jour, ou la fin du dispositif terminé', () => {
    const pacea = { type: 'PACEA', date_debut: '2017-03-15', date_fin: null };
    expect(limiteEnMots(pacea, '2019-03-02')).toBe("PACEA : 24 mois au plus, jusqu'au 14 mars 2019 — dans 12 jours");
    expect(limiteEnMots(pacea, '2019-03-13')).toBe("PACEA : 24 mois au plus, jusqu'au 14 mars 2019 — demain");
    expect(limiteEnMots(pacea, '2019-03-14')).toMatch(/— aujourd'hui$/);
    expect(limiteEnMots(pacea, '2019-03-15')).toMatch(/— dépassée d'un jour$/);
    expect(limiteEnMots(pacea, '2019-03-17')).toMatch(/— dépassée de 3 jours$/);
    expect(limiteEnMots({ ...pacea, date_fin: '2018-06-30' }, '2019-03-02')).toBe("PACEA : 24 mois au plus, jusqu'au 14 mars 2019 — terminé le 30 juin 2018");
    expect(limiteEnMots({ type: 'GARANTIE_JEUNES', date_debut: '2018-01-01', date_fin: null }, '2018-12-02')).toBe(
      "Garantie jeunes : 12 mois, prolongeables jusqu'à 6 mois, jusqu'au 31 décembre 2018 (jusqu'au 30 juin 2019 avec la prolongation) — dans 29 jours",
    );
    expect(limiteEnMots({ type: 'PPAE', date_debut: '2018-01-01', date_fin: null }, '2018-12-02')).toBeNull();
  });
});

describe('liste de travail', () => {
  it('rien à signaler pour un jeune suivi', () => {
    expect(alertes({}, '2018-12-02')).toEqual([]);
  });

  it('sans contact : 3 mois pile le signalent, un jour de moins non', () => {
    expect(alertes({ dernier_contact: '2018-09-02' }, '2018-12-02')).toEqual(['sans_contact']);
    expect(alertes({ dernier_contact: '2018-09-03' }, '2018-12-02')).toEqual([]);
    // Fin de mois : le 31 mai, trois mois plus tôt est le 28 février (ou le 29 d'une année bissextile).
    expect(alertes({ dernier_contact: '2019-02-28' }, '2019-05-31')).toEqual(['sans_contact']);
    expect(alertes({ dernier_contact: '2020-02-28' }, '2020-05-31')).toEqual(['sans_contact']);
    expect(alertes({ dernier_contact: '2020-02-29' }, '2020-05-31')).toEqual(['sans_contact']);
    expect(alertes({ dernier_contact: '2020-03-01' }, '2020-05-31')).toEqual([]);
  });

  it("sans aucun contact, le premier accueil compte ; un jeune de 26 ans n'est plus à relancer", () => {
    const [a] = alertesDuJeune({ ...calme, dernier_contact: null, date_premier_accueil: '2018-09-02' }, '2018-12-02');
    expect(a).toEqual({ alerte: 'sans_contact', date: '2018-09-02', detail: 'aucun contact depuis le premier accueil, le 2 septembre 2018' });
    expect(alertes({ dernier_contact: null, date_premier_accueil: '2018-09-03' }, '2018-12-02')).toEqual([]);
    expect(alertes({ dernier_contact: '2018-01-01', date_naissance: '1992-12-03' }, '2018-12-02')).toEqual(['sans_contact']);
    expect(alertes({ dernier_contact: '2018-01-01', date_naissance: '1992-12-02' }, '2018-12-02')).toEqual([]);
  });

  it("sorti de son parcours (fin d'un dispositif avec son motif) sans contact depuis : plus à relancer ; recontacté ensuite : si", () => {
    expect(alertes({ dernier_contact: '2018-06-01', sortie: '2018-06-01' }, '2018-12-02')).toEqual([]);
    expect(alertes({ dernier_contact: '2018-06-01', sortie: '2018-05-31' }, '2018-12-02')).toEqual(['sans_contact']);
  });

  it('PACEA à 24 mois ou Garantie jeunes à 12 mois : du jour même à 30 jours pile', () => {
    // PACEA du 15 mars 2017 : jusqu'au 14 mars 2019.
    const pacea = { dispositifs: [{ type: 'PACEA', date_debut: '2017-03-15' }] };
    expect(alertes(pacea, '2019-02-11')).toEqual([]);
    expect(alertes(pacea, '2019-02-12')).toEqual(['echeance_dispositif']);
    expect(alertes(pacea, '2019-03-14')).toEqual(['echeance_dispositif']);
    expect(alertes(pacea, '2019-03-15')).toEqual([]);
    const gj = { dispositifs: [{ type: 'GARANTIE_JEUNES', date_debut: '2016-02-29' }] };
    // Jusqu'au 28 février 2017 : trente jours avant, le 29 janvier.
    expect(alertes(gj, '2017-01-28')).toEqual([]);
    expect(alertes(gj, '2017-01-29')).toEqual(['echeance_dispositif']);
    const [a] = alertesDuJeune({ ...calme, ...gj, dernier_contact: '2017-01-20' }, '2017-02-16');
    expect(a.date).toBe('2017-02-28');
    expect(a.detail).toMatch(/^Garantie jeunes : .*jusqu'au 28 février 2017 .* — dans 12 jours$/);
    // Le parrainage et le PPAE n'ont pas d'échéance dans la liste.
    expect(alertes({ dispositifs: [{ type: 'PARRAINAGE', date_debut: '2018-06-03' }] }, '2018-12-02')).toEqual([]);
  });

  it("diagnostic sans contrat : signalé le lendemain du mois, pas le dernier jour du délai", () => {
    expect(alertes({ diagnostic: '2018-11-02' }, '2018-12-02')).toEqual([]);
    expect(alertes({ diagnostic: '2018-11-02' }, '2018-12-03')).toEqual(['diagnostic_sans_contrat']);
    // Diagnostic du 31 janvier : le contrat peut être signé jusqu'au 28 février (29 en année bissextile).
    expect(alertes({ diagnostic: '2019-01-31', dernier_contact: '2019-02-20' }, '2019-02-28')).toEqual([]);
    expect(alertes({ diagnostic: '2019-01-31', dernier_contact: '2019-02-20' }, '2019-03-01')).toEqual(['diagnostic_sans_contrat']);
    expect(alertes({ diagnostic: '2020-01-31', dernier_contact: '2020-02-20' }, '2020-02-29')).toEqual([]);
    const [a] = alertesDuJeune({ ...calme, diagnostic: '2020-01-31', dernier_contact: '2020-02-20' }, '2020-03-01');
    expect(a).toEqual({ alerte: 'diagnostic_sans_contrat', date: '2020-02-29', detail: 'diagnostic du 31 janvier 2020, sans CIVIS ni PACEA signé au plus tard le 29 février 2020' });
  });

  it('situation dont la fin prévue est passée : dès le lendemain de la fin prévue', () => {
    const s = { situations: [{ categorie: 'EMPLOI', type_contrat: 'CDD', date_fin_prevue: '2018-12-01' }] };
    expect(alertes(s, '2018-12-01')).toEqual([]);
    const [a] = alertesDuJeune({ ...calme, ...s }, '2018-12-02');
    expect(a).toEqual({ alerte: 'situation_echue', date: '2018-12-01', detail: 'Emploi (CDD) : fin prévue le 1er décembre 2018, sans date de fin' });
  });

  it('compte les jeunes par alerte, une fois par jeune', () => {
    const ligne = (a: string[]) => ({ id_jeune: 'J', nom: null, prenom: null, id_conseiller: null, alertes: a.map((alerte) => ({ alerte, date: '2018-01-01', detail: '' })) as any });
    expect(compterAlertes([ligne(['situation_echue', 'situation_echue', 'sans_contact']), ligne(['situation_echue'])])).toEqual({
      sans_contact: 1,
      echeance_dispositif: 0,
      diagnostic_sans_contrat: 0,
      situation_echue: 2,
    });
  });
});
