// Le périmètre d'une lecture de chiffres se vérifie avant le calcul : une demande hors périmètre est
// refusée (403) sans que le service des chiffres ne calcule rien, sur les deux moteurs.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { ServiceChiffres } from '../../src/application/indicateurs/serviceChiffres.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { compte, comptesDemo, connecter } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

surChaqueMoteur('Périmètre vérifié avant le calcul des chiffres', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  let ud35: Record<string, string>;
  let dans35: string;
  let ailleurs: { code: string; code_departement: string; code_region: string };
  // Des espions sur ce qui calcule : posés pour ce moteur, retirés après lui.
  const espionner = () => ({
    tableau: vi.spyOn(ServiceChiffres.prototype, 'tableau'),
    structure: vi.spyOn(ServiceChiffres.prototype, 'structure'),
    territoire: vi.spyOn(ServiceChiffres.prototype, 'territoire'),
    evolution: vi.spyOn(ServiceChiffres.prototype, 'evolution'),
  });
  let calculs: ReturnType<typeof espionner>;
  const appels = () => Object.values(calculs).reduce((n, espion) => n + espion.mock.calls.length, 0);
  const get = (url: string) => app.inject({ url, headers: ud35 });

  beforeAll(async () => {
    calculs = espionner();
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('perimetre');
    ecrireExtraitAleatoire(dossier, 11, { structures: 3, jeunesParStructure: 40 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true });
    ud35 = await connecter(app, compte(await comptesDemo(app), 'agent_ud', '35'));
    const mls = await base.query<{ code: string; code_departement: string; code_region: string }>(
      'SELECT code_structure AS code, code_departement, code_region FROM mission_locale ORDER BY code_structure',
    );
    dans35 = mls.find((m) => m.code_departement === '35')!.code;
    ailleurs = mls.find((m) => m.code_departement !== '35')!;
  });
  beforeEach(() => Object.values(calculs).forEach((espion) => espion.mockClear()));
  afterAll(async () => {
    vi.restoreAllMocks();
    await app.close();
    await base.fermer();
  });

  it("refuse à l'UD une ML, un département, une région, une évolution (année par année ou mois par mois) hors de son département, sans rien calculer", async () => {
    for (const url of [
      `/api/annees/2017/structures/${ailleurs.code}`,
      `/api/annees/2017/departements/${ailleurs.code_departement}`,
      `/api/annees/2017/regions/${ailleurs.code_region}`,
      `/api/annees/2017/national`,
      `/api/evolution/structure/${ailleurs.code}`,
      `/api/evolution/departement/${ailleurs.code_departement}`,
      `/api/evolution/structure/${ailleurs.code}/mois/2017`,
      `/api/evolution/region/${ailleurs.code_region}/mois/2017?mois=3`,
    ]) {
      const reponse = await get(url);
      expect([reponse.statusCode, reponse.json().code], url).toEqual([403, 'hors_perimetre']);
      expect(appels(), url).toBe(0);
    }
    // Le refus de l'évolution nomme ce qui est refusé en français, comme celui des chiffres de l'année.
    expect((await get(`/api/evolution/departement/${ailleurs.code_departement}`)).json().message).toBe(`Hors de votre périmètre : le département ${ailleurs.code_departement}.`);
    expect((await get(`/api/evolution/structure/${ailleurs.code}`)).json().message).toBe(`Hors de votre périmètre : la Mission locale ${ailleurs.code}.`);
  });

  it('calcule ce que son périmètre couvre', async () => {
    expect((await get(`/api/annees/2017/structures/${dans35}`)).statusCode).toBe(200);
    expect(calculs.structure).toHaveBeenCalledTimes(1);
    expect((await get('/api/annees/2017/departements/35')).statusCode).toBe(200);
    expect(calculs.territoire).toHaveBeenCalledTimes(1);
  });
});
