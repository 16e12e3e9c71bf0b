// La durée de conservation, sur les deux moteurs : les identités des jeunes inactifs sont effacées,
// les chiffres restent les mêmes, un nouvel extrait ne les fait pas revenir, tout est tracé.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { chargerCatalogue } from '../../src/application/indicateurs/catalogueEnVigueur.ts';
import { chiffresParML } from '../../src/application/indicateurs/moteur.ts';
import { appliquerRetention } from '../../src/application/parcours/retention.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { HorlogeFixe } from '../outils/horloge.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';

surChaqueMoteur('Durée de conservation', (moteur) => {
  let base: Base;
  let dossier: string;
  // Le jour du passage vient de l'horloge ; l'option `date` de la commande passe avant.
  const horloge = new HorlogeFixe('2019-07-01');
  const identites = async () => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM jeune_identite WHERE nom IS NOT NULL`))[0].n;
  beforeAll(async () => {
    base = await moteur.ouvrir();
    dossier = dossierTemporaire('retention');
    ecrireExtraitAleatoire(dossier, 8, { structures: 2, jeunesParStructure: 120 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    await base.query(
      `INSERT INTO jeune_identite (code_structure, id_jeune, nom, prenom, courriel) SELECT code_structure, id_jeune, 'Nom-' || id_jeune, 'Prénom', 'j@exemple.fr' FROM jeune
       ON CONFLICT (code_structure, id_jeune) DO UPDATE SET nom = EXCLUDED.nom, prenom = EXCLUDED.prenom, courriel = EXCLUDED.courriel`,
    );
  });
  afterAll(() => base.fermer());

  it("efface l'identité des seuls jeunes sans activité depuis deux ans, sans changer un seul chiffre", async () => {
    const catalogue = chargerCatalogue();
    const avant = await Promise.all([2015, 2016, 2017, 2018].map((a) => chiffresParML(base, catalogue, a)));
    // Compté indépendamment : la date la plus récente de chaque jeune, toutes tables confondues.
    const [{ attendus }] = await base.query<{ attendus: number }>(`
      WITH dates AS (
        SELECT code_structure, id_jeune, date_premier_accueil AS d FROM jeune
        UNION ALL SELECT code_structure, id_jeune, date FROM evenement
        UNION ALL SELECT code_structure, id_jeune, coalesce(date_fin, date_debut) FROM dispositif
        UNION ALL SELECT code_structure, id_jeune, date_debut FROM dispositif
        UNION ALL SELECT code_structure, id_jeune, coalesce(date_fin, date_debut) FROM situation
        UNION ALL SELECT code_structure, id_jeune, date FROM aide)
      SELECT count(*)::int AS attendus FROM (SELECT code_structure, id_jeune FROM dates GROUP BY 1, 2 HAVING max(d) < '2017-07-01') x`);
    expect(attendus).toBeGreaterThan(0);
    expect(attendus).toBeLessThan(await identites());

    const simulation = await appliquerRetention(base, horloge, { simulation: true });
    expect(simulation).toMatchObject({ annees: 2, limite: '2017-07-01', anonymises: attendus, simulation: true });
    expect(await identites()).toBe(240);

    const rapport = await appliquerRetention(base, horloge);
    expect(rapport.anonymises).toBe(attendus);
    expect(rapport.parStructure.reduce((s, p) => s + p.anonymises, 0)).toBe(attendus);
    expect(await identites()).toBe(240 - attendus);
    const [efface] = await base.query(`SELECT nom, prenom, courriel, telephone, anonymise_le FROM jeune_identite WHERE anonymise_le IS NOT NULL LIMIT 1`);
    expect(efface).toEqual({ nom: null, prenom: null, courriel: null, telephone: null, anonymise_le: '2019-07-01' });

    const apres = await Promise.all([2015, 2016, 2017, 2018].map((a) => chiffresParML(base, catalogue, a)));
    expect(apres).toEqual(avant);
    expect((await appliquerRetention(base, new HorlogeFixe('2030-01-01'), { date: '2019-07-01' })).anonymises).toBe(0);
  });

  it("un extrait renvoyé ne fait pas revenir une identité effacée", async () => {
    const avant = await identites();
    await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') });
    expect(await identites()).toBe(avant);
  });

  it('trace chaque passage et refuse une durée absurde', async () => {
    const traces = await base.query<{ action: string }>(`SELECT action FROM journal_audit WHERE action LIKE 'retention%' ORDER BY id`);
    expect(traces.map((t) => t.action)).toEqual(['retention_simulee', 'retention', 'retention']);
    await expect(appliquerRetention(base, horloge, { annees: 0 })).rejects.toThrow("Durée de conservation invalide : 0 (un nombre entier d'années, de 1 à 50).");
  });
});
