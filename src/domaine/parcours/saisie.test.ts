import { expect, it } from 'vitest';
import { changements, champsSaisis, ligneDeSaisie } from './saisie.ts';

it("fait d'une saisie la ligne du format : la ligne existante, les champs saisis par-dessus, les dates JJ/MM/AAAA remises en AAAA-MM-JJ", () => {
  const existante = { code_structure: 'ML1', id_dispositif: 'D1', id_jeune: 'J1', type: 'PACEA', date_debut: '2018-10-10', date_fin: null, motif_fin: null };
  const { ligne, erreurs } = ligneDeSaisie('dispositifs', { code_structure: 'ML1', id_dispositif: 'D1', id_jeune: 'J1' }, existante, { date_fin: '30/11/2018', motif_fin: 'FORMATION' });
  expect(erreurs).toEqual([]);
  expect(ligne).toEqual({ ...existante, date_fin: '2018-11-30', motif_fin: 'FORMATION' });
  // Une date qui n'existe pas reste telle quelle : la règle de l'import la refusera, avec son message.
  expect(ligneDeSaisie('evenements', {}, null, { date: '31/02/2018' }).ligne.date).toBe('31/02/2018');
});

it("refuse un champ inconnu ou réservé à l'adresse (structure, identifiant, jeune) plutôt que de l'ignorer", () => {
  expect(champsSaisis('diagnostics').map((c) => c.nom)).toEqual([
    'date',
    'besoin_emploi',
    'besoin_formation',
    'besoin_sante',
    'besoin_logement',
    'besoin_mobilite',
    'besoin_ressources',
    'id_conseiller',
  ]);
  const { erreurs } = ligneDeSaisie('aides', { code_structure: 'ML1', id_aide: 'A1', id_jeune: 'J1' }, null, { montant: '10', id_jeune: 'J2', couleur: 'bleu' });
  expect(erreurs.map((e) => e.champ)).toEqual(['id_jeune', 'couleur']);
});

it('ne garde pour le journal que les champs changés, avec l’ancienne et la nouvelle valeur', () => {
  expect(changements({ type: 'PACEA', date_fin: null }, { type: 'PACEA', date_fin: '2018-11-30' })).toEqual([{ champ: 'date_fin', ancienne: null, nouvelle: '2018-11-30' }]);
  expect(changements(null, { type: 'ATELIER', id_conseiller: null })).toEqual([{ champ: 'type', ancienne: null, nouvelle: 'ATELIER' }]);
});
