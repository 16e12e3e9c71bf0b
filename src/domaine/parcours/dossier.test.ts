import { expect, it } from 'vitest';
import { friseDuParcours, type DossierJeune } from './dossier.ts';

const dossier: DossierJeune = {
  jeune: {
    id_jeune: 'J1',
    nom: 'Diallo',
    prenom: 'Aïcha',
    date_naissance: '1998-05-04',
    sexe: 'F',
    date_premier_accueil: '2016-03-01',
    id_conseiller: 'C1',
    courriel: null,
    telephone: null,
    anonymise_le: null,
    niveau_formation: 'V',
    commune_residence: null,
    qpv: true,
    zrr: false,
    rqth: null,
    inscrit_pole_emploi: true,
    origine: 'depot',
  },
  evenements: [
    { id_evenement: 'E1', date: '2016-03-01', type: 'ENTRETIEN_INDIVIDUEL', id_conseiller: 'C1', origine: 'depot' },
    { id_evenement: 'E2', date: '2017-06-30', type: 'TELEPHONE', id_conseiller: null, origine: 'saisie' },
  ],
  diagnostics: [
    {
      id_diagnostic: 'G1',
      date: '2017-01-05',
      besoin_emploi: true,
      besoin_formation: false,
      besoin_sante: null,
      besoin_logement: null,
      besoin_mobilite: true,
      besoin_ressources: null,
      id_conseiller: 'C1',
      origine: 'saisie',
    },
  ],
  dispositifs: [
    { id_dispositif: 'D1', type: 'PACEA', date_debut: '2017-01-10', date_fin: '2017-06-30', motif_fin: 'EMPLOI', origine: 'depot' },
    { id_dispositif: 'D2', type: 'GARANTIE_JEUNES', date_debut: '2017-09-01', date_fin: null, motif_fin: null, origine: 'depot' },
  ],
  phases: [
    {
      id_phase: 'P1',
      id_dispositif: 'D1',
      objectif: 'Trouver un emploi',
      date_debut: '2017-01-10',
      date_fin_prevue: '2017-04-10',
      date_fin: '2017-06-30',
      evaluation: 'objectif atteint',
      origine: 'saisie',
    },
  ],
  situations: [{ id_situation: 'S1', categorie: 'EMPLOI', type_contrat: 'CDD', date_debut: '2017-06-30', date_fin_prevue: '2017-12-31', date_fin: null, origine: 'depot' }],
  aides: [{ id_aide: 'A1', type: 'FIPJ', date: '2017-02-01', montant: 150, origine: 'depot' }],
};

it("met le parcours d'un jeune en étapes datées, dans l'ordre où il se lit le même jour", () => {
  expect(friseDuParcours(dossier).map((e) => [e.date, e.titre, e.detail])).toEqual([
    ['2016-03-01', 'Premier accueil à la Mission locale', null],
    ['2016-03-01', 'Entretien individuel', 'conseiller C1'],
    ['2017-01-05', 'Diagnostic', 'besoins : emploi, mobilité ; sans besoin : formation'],
    ['2017-01-10', 'Entrée en PACEA', null],
    ['2017-01-10', 'Phase : Trouver un emploi', null],
    ['2017-02-01', 'Aide : FIPJ', '150\u00a0€'],
    // Le même jour : la nouvelle situation, le contact, puis la sortie du dispositif.
    ['2017-06-30', 'Début : Emploi (CDD)', 'fin prévue le 31 décembre 2017'],
    ['2017-06-30', 'Entretien téléphonique', null],
    ['2017-06-30', 'Fin de phase : Trouver un emploi', 'évaluation : objectif atteint'],
    ['2017-06-30', 'Sortie de PACEA', 'motif : emploi'],
    ['2017-09-01', 'Entrée en Garantie jeunes', 'en cours'],
  ]);
});

it('garde un code inconnu de la nomenclature tel quel plutôt que de le taire', () => {
  const frise = friseDuParcours({ ...dossier, evenements: [{ id_evenement: 'E9', date: '2018-01-02', type: 'VISIO', id_conseiller: null, origine: 'depot' }] });
  expect(frise.find((e) => e.date === '2018-01-02')?.titre).toBe('VISIO');
});

it("place chaque étape face à celle de l'Annexe 1 et dit d'où vient chaque ligne", () => {
  const frise = friseDuParcours(dossier);
  expect(frise.filter((e) => e.date === '2017-01-05' || e.date === '2017-01-10').map((e) => [e.annexe1, e.origine])).toEqual([
    ['diagnostic', 'saisie'],
    ['contractualisation', 'depot'],
    ['accompagnement', 'saisie'],
  ]);
  expect(frise.find((e) => e.titre === 'Sortie de PACEA')?.annexe1).toBe('sortie');
});
