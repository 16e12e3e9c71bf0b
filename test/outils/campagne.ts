// Une campagne de dialogue de gestion menée par l'API : trois ML de Bretagne (RA01 à RA03) et leur
// activité, les sessions des comptes de démonstration, les saisies de chaque étape, et le dialogue 2018
// de RA01 mené jusqu'à la signature.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { dossierTemporaire } from './extraits.ts';
import { compte, comptesDemo, connecter } from './sessions.ts';
import { HorlogeFixe } from './horloge.ts';

export type Qui = 'ml' | 'ml2' | 'ud' | 'ud29' | 'direccte' | 'region' | 'dgefp';

export interface Campagne {
  app: FastifyInstance;
  /** L'heure du serveur : le 15 février 2018 au matin (échéance de l'autodiagnostic), jusqu'à ce qu'un test l'avance. */
  horloge: HorlogeFixe;
  /** Les identifiants des ratios du catalogue. */
  ratios: string[];
  /** Une requête à l'API avec la session de `qui`. */
  appel(qui: Qui, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

export async function preparerCampagne(base: Base): Promise<Campagne> {
  const dossier = dossierTemporaire('dialogue');
  ecrireExtraitAleatoire(dossier, 21, { structures: 3, jeunesParStructure: 60 });
  expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
  const horloge = new HorlogeFixe('2018-02-15T09:00:00+01:00');
  // Des sessions d'un an : un test peut avancer l'horloge de quelques jours sans se reconnecter.
  const app = await creerServeur(base, { connexionDemo: true, horloge, dureeSessionS: 366 * 86_400 });
  const comptes = await comptesDemo(app);
  const sessions: Record<Qui, Record<string, string>> = {
    ml: await connecter(app, compte(comptes, 'direction_ml', 'RA01')),
    ml2: await connecter(app, compte(comptes, 'direction_ml', 'RA02')),
    ud: await connecter(app, compte(comptes, 'agent_ud', '35')),
    ud29: await connecter(app, compte(comptes, 'agent_ud', '29')),
    direccte: await connecter(app, compte(comptes, 'agent_direccte', '53')),
    region: await connecter(app, compte(comptes, 'agent_region', '53')),
    dgefp: await connecter(app, compte(comptes, 'agent_dgefp')),
  };
  const appel: Campagne['appel'] = (qui, method, url, payload) => app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: sessions[qui] });
  const ratios = (await appel('dgefp', 'GET', '/api/catalogue')).json().ratios.map((r: { id: string }) => r.id);
  return { app, horloge, ratios, appel };
}

export const CONVENTION = { code_structure: 'RA01', numero: 'CPO-53-001', annee_debut: 2015, annee_fin: 2018, date_signature: '2015-04-15', montant_reference: 100000 };
export const OUVERTURE = { annee: 2018, region: '53', echeanceAutodiagnostic: '2018-02-15', echeanceEntretien: '2018-03-15', echeanceSignature: '2018-04-30' };
export const AUTODIAGNOSTIC = { commentaires: { '1': 'Couverture en hausse' }, contexte: 'Fermeture d’une usine', planPropose: 'Renforcer la prospection', ciblesProposees: { ratio_07: 0.36 } };
export const ENTRETIEN = { date: '2018-03-12', participants: 'UD 35, direction de la ML, Conseil régional', regionPresente: true, compteRendu: 'Échange sur les résultats 2017.' };
/** Une cible par ratio (ratio_07 : 36 %, ratio_12 : 1 500 €), un plan d'action d'une ligne. */
export const objectifs = (ratios: string[]) => ({
  cibles: Object.fromEntries(ratios.map((r, i) => [r, r === 'ratio_12' ? 1500 : 0.3 + i / 100])),
  plan: [{ titre: 'Prospection des employeurs', description: 'Deux conseillers dédiés', echeance: '2018-09-30', indicateur: 'jeunes_entres_emploi' }],
  qualitatifs: 'Mieux repérer les jeunes en QPV.',
});
/** 15 % au-dessus de la convention : il faut une justification. */
export const MONTANTS = { fonctionnement_cpo: 115000, garantie_jeunes: 40000, parrainage: 5000, autre: 0 };
export const JUSTIFICATION = 'Ouverture d’une antenne en zone rurale.';

/** Mène le dialogue 2018 de RA01, de la convention à la signature de l'État, sans détour ; rend son id. */
export async function signerDialogue(base: Base, { appel, ratios }: Campagne): Promise<number> {
  const reussi = async (reponse: Promise<LightMyRequestResponse>) => {
    const r = await reponse;
    expect(r.statusCode, r.body).toBeLessThan(300);
  };
  await reussi(appel('direccte', 'POST', '/api/conventions', CONVENTION));
  await reussi(appel('direccte', 'POST', '/api/campagnes', OUVERTURE));
  const [{ id }] = await base.query<{ id: number }>(`SELECT id FROM dialogue WHERE code_structure = 'RA01' AND annee = 2018`);
  const pas = (qui: Qui, action: string, corps: unknown = {}) => reussi(appel(qui, 'POST', `/api/dialogues/${id}/actions/${action}`, corps));
  await reussi(appel('ml', 'PUT', `/api/dialogues/${id}/autodiagnostic`, AUTODIAGNOSTIC));
  await pas('ml', 'soumettre_autodiagnostic');
  await pas('ud', 'enregistrer_entretien', ENTRETIEN);
  await pas('ud', 'arreter_objectifs', objectifs(ratios));
  await pas('direccte', 'decider_financement', { montants: MONTANTS, justification: JUSTIFICATION });
  await pas('direccte', 'generer_avenant');
  const [{ empreinte_pdf: empreinte }] = await base.query<{ empreinte_pdf: string }>('SELECT empreinte_pdf FROM avenant WHERE dialogue_id = $1', [id]);
  await pas('ml', 'signer_ml', { empreinte, qualite: 'Présidente de l’association', lieu: 'Rennes' });
  await pas('direccte', 'signer_etat', { empreinte, qualite: 'Directrice régionale, par délégation du préfet de région', lieu: 'Rennes' });
  return id;
}
