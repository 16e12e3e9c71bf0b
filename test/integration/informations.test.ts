// Les informations des pages légales, sans connexion : celles du fichier de l'exploitant, et ce que
// le serveur applique lui-même (durée de conservation, cookie de session).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';

surChaqueMoteur('Informations des pages légales', (moteur) => {
  let base: Base;
  beforeAll(async () => {
    base = await moteur.ouvrir();
  });
  afterAll(() => base.fermer());
  afterEach(() => {
    delete process.env.CPO_RETENTION_ANNEES;
    delete process.env.CPO_INFORMATIONS_LEGALES;
  });

  it("se lisent sans connexion : l'éditeur, et la conservation que le serveur applique", async () => {
    process.env.CPO_RETENTION_ANNEES = '3';
    const app = await creerServeur(base, { dureeSessionS: 2 * 3600 });
    const reponse = await app.inject({ url: '/api/informations-legales' });
    await app.close();
    expect(reponse.statusCode).toBe(200);
    const infos = reponse.json();
    expect(infos.editeur.nom).toBe("Délégation générale à l'emploi et à la formation professionnelle (DGEFP)");
    expect(infos.hebergeur).toEqual({ nom: null, adresse: null, telephone: null });
    expect(infos.conservation).toEqual({ identite_jeunes_annees: 3, session: { cookie: 'cpo_session', duree_heures: 2 } });
  });

  it("prennent les informations de l'exploitant dans CPO_INFORMATIONS_LEGALES, contrôlées au démarrage", async () => {
    const dossier = dossierTemporaire('informations');
    const fichier = join(dossier, 'infos.json');
    const infos = {
      service: 'CPO Missions locales',
      editeur: { nom: 'DGEFP', rattachement: null, adresse: '10 rue X, 75000 Paris', directeur_publication: null },
      hebergeur: { nom: 'Hébergeur Y', adresse: '1 rue Z', telephone: null },
      contact: { courriel: 'cpo@exemple.gouv.fr', donnees_personnelles: 'dpd@exemple.gouv.fr' },
      accessibilite: { date: '2026-12-01' },
    };
    writeFileSync(fichier, JSON.stringify(infos));
    process.env.CPO_INFORMATIONS_LEGALES = fichier;
    const app = await creerServeur(base);
    const lues = (await app.inject({ url: '/api/informations-legales' })).json();
    await app.close();
    expect(lues).toMatchObject({ ...infos, conservation: { identite_jeunes_annees: 2, session: { cookie: 'cpo_session', duree_heures: 8 } } });

    writeFileSync(fichier, JSON.stringify({ ...infos, accessibilite: { date: '1er décembre' } }));
    await expect(creerServeur(base)).rejects.toThrow(`informations légales invalides : ${fichier} — accessibilite.date : date AAAA-MM-JJ attendue`);
  });
});
