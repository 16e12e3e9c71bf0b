// L'immuabilité tient face à TRUNCATE, et ce qu'un administrateur de la base aurait cassé en retirant
// les déclencheurs se voit : `verifierIntegrite`, `cpo verifier` et le démarrage du serveur le disent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifierIntegrite } from '../../src/application/dialogue/integrite.ts';
import { ouvrirBase } from '../../src/infrastructure/db/base.ts';
import type { Base, Requeteur } from '../../src/application/ports/base.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { preparerCampagne, signerDialogue, type Campagne } from '../outils/campagne.ts';
import { arreterLesProcessus, cpo, lancerCpo } from '../outils/cli.ts';
import { dossierTemporaire } from '../outils/extraits.ts';

/** Ce que ferait un super-utilisateur : retirer le déclencheur le temps d'une écriture, puis le remettre. */
async function sansDeclencheur(base: Base, table: string, declencheur: string, sql: string, params: unknown[] = []) {
  await base.transaction(async (tx: Requeteur) => {
    await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${declencheur}`);
    await tx.query(sql, params);
    await tx.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${declencheur}`);
  });
}

/** Un dialogue signé et son bilan intermédiaire ; rend l'id du dialogue. */
async function dialogueSigneAvecBilan(base: Base, campagne: Campagne) {
  const id = await signerDialogue(base, campagne);
  expect((await campagne.appel('ud', 'POST', `/api/dialogues/${id}/bilans`, { commentaire: 'Emploi en avance sur la cible.' })).statusCode).toBe(201);
  return id;
}

const TABLES_PROTEGEES: [string, RegExp][] = [
  ['journal_audit', /^la table journal_audit est en ajout seul : elle ne se vide pas \(TRUNCATE refusé\)$/],
  ['instantane', /^la table instantane est en ajout seul : elle ne se vide pas \(TRUNCATE refusé\)$/],
  ['avenant', /^la table avenant est en ajout seul : elle ne se vide pas \(TRUNCATE refusé\)$/],
  ['dialogue_evenement', /^la table dialogue_evenement est en ajout seul : elle ne se vide pas \(TRUNCATE refusé\)$/],
  ['bilan_intermediaire', /^la table bilan_intermediaire est en ajout seul : elle ne se vide pas \(TRUNCATE refusé\)$/],
  ['dialogue', /^la table dialogue ne se vide pas : un dialogue signé ne s'efface pas \(TRUNCATE refusé\)$/],
];

surChaqueMoteur('Intégrité des dialogues signés et des instantanés', (moteur) => {
  let base: Base;
  let campagne: Campagne;
  let id = 0;
  const comptes = () =>
    Promise.all(TABLES_PROTEGEES.map(async ([t]) => (await base.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`))[0].n));

  beforeAll(async () => {
    base = await moteur.ouvrir();
    campagne = await preparerCampagne(base);
    id = await dialogueSigneAvecBilan(base, campagne);
  });
  afterAll(async () => {
    await campagne.app.close();
    await base.fermer();
  });

  it('une base saine : aucune anomalie', async () => {
    expect(await verifierIntegrite(base)).toEqual([]);
  });

  it.each(TABLES_PROTEGEES)('TRUNCATE %s est refusé, même en réplication (session_replication_role = replica)', async (table, message) => {
    const avant = await comptes();
    expect(avant.every((n) => n > 0)).toBe(true);
    await expect(base.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(message);
    await expect(
      base.transaction(async (tx) => {
        await tx.query(`SET LOCAL session_replication_role = replica`);
        await tx.query(`TRUNCATE ${table} CASCADE`);
      }),
    ).rejects.toThrow(message);
    expect(await comptes()).toEqual(avant);
  });

  it("un bilan d'un dialogue signé ne se modifie ni ne s'efface", async () => {
    await expect(base.query(`UPDATE bilan_intermediaire SET commentaire = 'autre' WHERE dialogue_id = $1`, [id])).rejects.toThrow(
      /^la table bilan_intermediaire est en ajout seul : ni modification ni suppression$/,
    );
    await expect(base.query(`DELETE FROM bilan_intermediaire WHERE dialogue_id = $1`, [id])).rejects.toThrow(/ajout seul/);
    expect(await base.query(`SELECT commentaire FROM bilan_intermediaire WHERE dialogue_id = $1`, [id])).toEqual([{ commentaire: 'Emploi en avance sur la cible.' }]);
  });

  describe('une anomalie fabriquée en retirant un déclencheur est signalée, puis plus rien une fois réparée', () => {
    const objet = () => `dialogues/${id}`;
    const avenant = () => base.query<{ donnees: string; empreinte_donnees: string }>('SELECT donnees, empreinte_donnees FROM avenant WHERE dialogue_id = $1', [id]).then((l) => l[0]);

    it("l'empreinte de l'avenant changée", async () => {
      const { empreinte_donnees } = await avenant();
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET empreinte_donnees = $2 WHERE dialogue_id = $1`, [id, '0'.repeat(64)]);
      expect(await verifierIntegrite(base)).toEqual([
        { objet: objet(), message: `dialogue ${id} (RA01, 2018) : les données de son avenant ne correspondent plus à leur empreinte SHA-256` },
      ]);
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET empreinte_donnees = $2 WHERE dialogue_id = $1`, [id, empreinte_donnees]);
      expect(await verifierIntegrite(base)).toEqual([]);
    });

    it("les données figées de l'avenant changées (un montant)", async () => {
      const { donnees } = await avenant();
      const falsifiees = donnees.replace('"montant":115000', '"montant":150000');
      expect(falsifiees).not.toBe(donnees);
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET donnees = $2 WHERE dialogue_id = $1`, [id, falsifiees]);
      expect((await verifierIntegrite(base)).map((a) => a.message)).toEqual([`dialogue ${id} (RA01, 2018) : les données de son avenant ne correspondent plus à leur empreinte SHA-256`]);
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET donnees = $2 WHERE dialogue_id = $1`, [id, donnees]);
      expect(await verifierIntegrite(base)).toEqual([]);
    });

    it("la signature de l'État changée (un autre signataire)", async () => {
      const [{ signature_etat }] = await base.query<{ signature_etat: string }>('SELECT signature_etat FROM avenant WHERE dialogue_id = $1', [id]);
      const falsifiee = signature_etat.replace(/"nom":"[^"]*"/, '"nom":"Quelqu’un d’autre"');
      expect(falsifiee).not.toBe(signature_etat);
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET signature_etat = $2 WHERE dialogue_id = $1`, [id, falsifiee]);
      expect((await verifierIntegrite(base)).map((a) => a.message)).toEqual([`dialogue ${id} (RA01, 2018) : ses signatures manquent ou ne correspondent plus à leur empreinte`]);
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', `UPDATE avenant SET signature_etat = $2 WHERE dialogue_id = $1`, [id, signature_etat]);
      expect(await verifierIntegrite(base)).toEqual([]);
    });

    it('le dialogue signé modifié : ses montants ou ses cibles ne sont plus ceux de son avenant', async () => {
      const [{ decision, objectifs }] = await base.query('SELECT decision, objectifs FROM dialogue WHERE id = $1', [id]);
      const changee = { ...decision, montants: { ...decision.montants, fonctionnement_cpo: 150000 } };
      const cibles = { ...objectifs, cibles: { ...objectifs.cibles, ratio_07: 0.9 } };
      await sansDeclencheur(base, 'dialogue', 'dialogue_signe_immuable', `UPDATE dialogue SET decision = $2, objectifs = $3 WHERE id = $1`, [id, JSON.stringify(changee), JSON.stringify(cibles)]);
      expect((await verifierIntegrite(base)).map((a) => a.message)).toEqual([
        `dialogue ${id} (RA01, 2018) : ce qu'il porte n'est plus ce que son avenant a figé (cible ratio_07, montant fonctionnement_cpo)`,
      ]);
      await sansDeclencheur(base, 'dialogue', 'dialogue_signe_immuable', `UPDATE dialogue SET decision = $2, objectifs = $3 WHERE id = $1`, [id, JSON.stringify(decision), JSON.stringify(objectifs)]);
      expect(await verifierIntegrite(base)).toEqual([]);
    });

    it("l'instantané de la campagne altéré", async () => {
      const [i] = await base.query<{ id: number; empreinte: string }>(`SELECT id, empreinte FROM instantane ORDER BY id LIMIT 1`);
      await sansDeclencheur(base, 'instantane', 'instantane_ajout_seul', `UPDATE instantane SET empreinte = $2 WHERE id = $1`, [i.id, 'f'.repeat(64)]);
      expect(await verifierIntegrite(base)).toEqual([
        { objet: `instantane/${i.id}`, message: `instantané ${i.id} (2017, région 53) : son empreinte SHA-256 ne correspond plus à son contenu` },
      ]);
      await sansDeclencheur(base, 'instantane', 'instantane_ajout_seul', `UPDATE instantane SET empreinte = $2 WHERE id = $1`, [i.id, i.empreinte]);
      expect(await verifierIntegrite(base)).toEqual([]);
    });

    it("l'historique vidé, puis l'avenant effacé : le dialogue affiche « signé » sans preuve", async () => {
      await sansDeclencheur(base, 'dialogue_evenement', 'dialogue_evenement_pas_de_vidage', 'TRUNCATE dialogue_evenement');
      await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', 'DELETE FROM avenant WHERE dialogue_id = $1', [id]);
      expect((await verifierIntegrite(base)).map((a) => a.message)).toEqual([
        `dialogue ${id} (RA01, 2018) : signé, mais son avenant manque`,
        `dialogue ${id} (RA01, 2018) : son historique ne contient plus le pas qui l'a mené à l'état « signe »`,
      ]);
    });
  });
});

describe('cpo verifier, et la même vérification au démarrage du serveur', () => {
  afterEach(arreterLesProcessus);
  const dossier = dossierTemporaire('integrite');
  let id = 0;

  beforeAll(async () => {
    const base = await ouvrirBase({ dossier });
    const campagne = await preparerCampagne(base);
    id = await dialogueSigneAvecBilan(base, campagne);
    await campagne.app.close();
    await base.fermer();
  });

  it('base saine : code 0 ; avenant effacé : code 1 et l’anomalie, en français', async () => {
    const sain = cpo(['verifier'], dossier);
    expect(sain.code, sain.erreurs).toBe(0);
    expect(sain.sortie).toContain('Aucune anomalie : chaque dialogue signé a son avenant intact, chaque instantané son empreinte.');

    const base = await ouvrirBase({ dossier });
    await sansDeclencheur(base, 'avenant', 'avenant_ajout_seul', 'DELETE FROM avenant WHERE dialogue_id = $1', [id]);
    await base.fermer();
    const r = cpo(['verifier'], dossier);
    expect(r.code).toBe(1);
    expect(r.sortie).toContain(`dialogue ${id} (RA01, 2018) : signé, mais son avenant manque`);
    expect(r.erreurs).toContain('1 anomalie');
    expect(cpo(['verifier', '--aide'], dossier).sortie).toContain('vérifie');
  }, 180_000);

  it("le serveur démarre quand même, le dit sur sa sortie d'erreur et l'inscrit au journal d'audit", async () => {
    const serveur = lancerCpo(['serve', '--port', '0'], dossier);
    await serveur.attendre('CPO Missions locales : http');
    expect(serveur.erreurs()).toContain(`dialogue ${id} (RA01, 2018) : signé, mais son avenant manque`);
    expect(serveur.erreurs()).toContain('le serveur démarre quand même');
    serveur.processus.kill('SIGTERM');
    expect(await serveur.fin).toBe(0);
    const base = await ouvrirBase({ dossier });
    const traces = await base.query(`SELECT acteur, details FROM journal_audit WHERE action = 'integrite_anomalie'`);
    await base.fermer();
    expect(traces).toEqual([{ acteur: 'cli', details: { anomalies: [{ objet: `dialogues/${id}`, message: `dialogue ${id} (RA01, 2018) : signé, mais son avenant manque` }] } }]);
  }, 180_000);
});
