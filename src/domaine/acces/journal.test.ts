import { describe, expect, it } from 'vitest';
import { MASQUE, sansNominatif } from './journal.ts';

describe('le journal hors de la ML', () => {
  it('compte les jeunes lus et masque la recherche', () => {
    const ligne = { id: 1, action: 'lire_jeunes', objet: 'structures/ML1/jeunes', details: { recherche: 'Dupont', page: 2, lus: ['J00001', 'J00002'] } };
    expect(sansNominatif(ligne)).toEqual({ ...ligne, details: { recherche: MASQUE, page: 2, lus: 2 } });
    expect(sansNominatif({ ...ligne, details: { recherche: '', page: 1, lus: [] } }).details).toEqual({ recherche: '', page: 1, lus: 0 });
  });

  it("masque l'identifiant d'un jeune dans l'objet, dans une adresse refusée et dans un motif", () => {
    expect(sansNominatif({ objet: 'jeunes/J00003', details: { trouve: true } })).toEqual({ objet: `jeunes/${MASQUE}`, details: { trouve: true } });
    const refus = {
      objet: 'GET /api/structures/ML1/jeunes/J00003?page=1&recherche=Dupont',
      details: { statut: 404, route: 'POST /api/structures/:code/jeunes/:id', motif: 'Adresse inconnue : POST /api/structures/ML1/jeunes/J00003' },
    };
    expect(sansNominatif(refus)).toEqual({
      objet: `GET /api/structures/ML1/jeunes/${MASQUE}?page=1&recherche=${MASQUE}`,
      details: { statut: 404, route: 'POST /api/structures/:code/jeunes/:id', motif: `Adresse inconnue : POST /api/structures/ML1/jeunes/${MASQUE}` },
    });
  });

  it("d'une saisie du parcours, ne montre que le nombre de champs changés, et masque le motif d'un refus", () => {
    const saisie = { objet: 'structures/ML1/jeunes/S0A1B2C3D4E/jeunes', details: { nature: 'jeunes', changements: [{ champ: 'date_naissance', ancienne: null, nouvelle: '2000-05-04' }] } };
    expect(sansNominatif(saisie)).toEqual({ objet: `structures/ML1/jeunes/${MASQUE}/jeunes`, details: { nature: 'jeunes', changements: 1 } });
    const refus = { objet: 'structures/ML1/jeunes/J1/dispositifs', details: { nature: 'dispositifs', refus: 'le jeune a 26 ans (né le 01/06/1992)' } };
    expect(sansNominatif(refus).details).toEqual({ nature: 'dispositifs', refus: MASQUE });
  });

  it('laisse entières les lignes sans donnée nominative', () => {
    const ligne = { objet: 'dialogues/4', details: { de: 'ouvert', vers: 'autodiagnostic_soumis', fichiers: [{ fichier: 'jeunes.csv', lignes: 3 }] } };
    expect(sansNominatif(ligne)).toEqual(ligne);
    expect(sansNominatif({ objet: null, details: null })).toEqual({ objet: null, details: null });
  });
});
