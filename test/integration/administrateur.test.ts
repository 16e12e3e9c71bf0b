// Le premier compte d'une base neuve : `cpo administrateur` crée un agent DGEFP, qui se connecte et
// invite ensuite les autres. Sur les deux moteurs par le cas d'usage, et en vrai processus sur PGlite.
import { describe, expect, it } from 'vitest';
import { creerAdministrateurNational } from '../../src/application/acces/comptes.ts';
import { compteDuCourriel } from '../../src/application/acces/utilisateurs.ts';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { cpo } from '../outils/cli.ts';
import { dossierTemporaire } from '../outils/extraits.ts';

surChaqueMoteur('Premier administrateur', (moteur) => {
  it('crée un agent DGEFP utilisable (et sa DGEFP), tracé ; pas deux fois le même courriel', async () => {
    const base = await moteur.ouvrir();
    try {
      const compte = await creerAdministrateurNational(base, { courriel: 'Admin@DGEFP.gouv.fr', nom: 'Ada Min' }, 'cli:test@machine');
      expect(await compteDuCourriel(base, 'admin@dgefp.gouv.fr')).toMatchObject({ id: compte.id, actif: true, accepte: true });
      expect(await base.query(`SELECT u.role, o.type, o.code FROM utilisateur u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`, [compte.id])).toEqual([
        { role: 'agent_dgefp', type: 'dgefp', code: 'FR' },
      ]);
      expect(await base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'creer_administrateur'`)).toEqual([
        { acteur: 'cli:test@machine', details: { courriel: 'admin@dgefp.gouv.fr', role: 'Agent DGEFP' } },
      ]);
      await expect(creerAdministrateurNational(base, { courriel: 'admin@dgefp.gouv.fr', nom: 'Autre' }, 'cli:test@machine')).rejects.toThrow('Un compte existe déjà pour le courriel admin@dgefp.gouv.fr.');
      await expect(creerAdministrateurNational(base, { courriel: 'pas-un-courriel', nom: 'X' }, 'cli:test@machine')).rejects.toThrow(/Administrateur invalide — courriel : adresse de courriel invalide/);
      expect((await base.query('SELECT count(*)::int AS n FROM utilisateur'))[0].n).toBe(1);
    } finally {
      await base.fermer();
    }
  });
});

describe('cpo administrateur', () => {
  it('crée le compte (code 0), refuse le même courriel (code 1) et une option manquante, en français', async () => {
    const donnees = dossierTemporaire('administrateur');
    const ok = cpo(['administrateur', 'ada.min@dgefp.gouv.fr', '--nom', 'Ada Min'], donnees);
    expect(ok.erreurs).toContain('Compte DGEFP créé : ada.min@dgefp.gouv.fr');
    expect(ok.code).toBe(0);
    const double = cpo(['administrateur', 'ada.min@dgefp.gouv.fr', '--nom', 'Ada Min'], donnees);
    expect(double.code).toBe(1);
    expect(double.erreurs).toContain('Un compte existe déjà pour le courriel ada.min@dgefp.gouv.fr.');
    expect(cpo(['administrateur', 'x@dgefp.gouv.fr'], donnees).erreurs).toContain('option obligatoire manquante : --nom <nom>');
    const base = await ouvrirBase({ url: '', dossier: donnees });
    try {
      expect(await base.query(`SELECT courriel, role FROM utilisateur`)).toEqual([{ courriel: 'ada.min@dgefp.gouv.fr', role: 'agent_dgefp' }]);
    } finally {
      await base.fermer();
    }
  });
});
