// Les droits et les périmètres, route par route, pour chaque sorte d'utilisateur, sur les deux moteurs.
// La table attendue est écrite à la main (cadre CPO §1), pas déduite du code qu'elle vérifie.
import { lecteurFichiers } from '../../src/infrastructure/fichiers/lecteur.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { importerExtrait } from '../../src/application/echange/importerExtrait.ts';
import { TYPE_XLSX } from '../../src/domaine/outils/tableur.ts';
import type { Base } from '../../src/application/ports/base.ts';
import { creerServeur } from '../../src/http/serveur.ts';
import { surChaqueMoteur } from '../outils/bases.ts';
import { dossierTemporaire } from '../outils/extraits.ts';
import { compte, comptesDemo, connecter, jetonAnonyme, type CompteDemo } from '../outils/sessions.ts';
import { ecrireExtraitAleatoire } from '../reference/extraitAleatoire.ts';
import { HorlogeFixe } from '../outils/horloge.ts';

// RA01 Rennes (35, Bretagne 53), RA02 Brest (29, 53), RA03 Paris (75, Île-de-France 11).
type Qui = 'conseiller' | 'direction_ra01' | 'direction_ra02' | 'ud_35' | 'direccte_53' | 'region_53' | 'dgefp';
const TOUS: Qui[] = ['conseiller', 'direction_ra01', 'direction_ra02', 'ud_35', 'direccte_53', 'region_53', 'dgefp'];
const ETAT_53: Qui[] = ['direccte_53', 'region_53', 'dgefp'];

const CONVENTION = { code_structure: 'RA01', numero: 'CPO-35', annee_debut: 2015, annee_fin: 2018, date_signature: '2015-04-15', montant_reference: 100000 };
const CAMPAGNE = { annee: 2018, region: '53', echeanceAutodiagnostic: '2018-02-15', echeanceEntretien: '2018-03-15', echeanceSignature: '2018-04-30' };
const BROUILLON = { commentaires: {}, contexte: 'x', planPropose: 'y', ciblesProposees: {} };

interface Cas {
  methode?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  /** Le modèle de route OpenAPI que le cas couvre. */
  route: string;
  corps?: unknown;
  autorises: Qui[];
}

const CAS: Cas[] = [
  { url: '/api/moi', route: 'GET /api/moi', autorises: TOUS },
  { url: '/api/catalogue', route: 'GET /api/catalogue', autorises: TOUS },
  { url: '/api/structures', route: 'GET /api/structures', autorises: TOUS },
  { url: '/api/annees/2017/structures/RA01', route: 'GET /api/annees/{annee}/structures/{code}', autorises: ['conseiller', 'direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/annees/2017/structures/RA02', route: 'GET /api/annees/{annee}/structures/{code}', autorises: ['direction_ra02', ...ETAT_53] },
  { url: '/api/annees/2017/structures/RA03', route: 'GET /api/annees/{annee}/structures/{code}', autorises: ['dgefp'] },
  { url: '/api/annees/2017/departements/35', route: 'GET /api/annees/{annee}/departements/{code}', autorises: ['ud_35', ...ETAT_53] },
  { url: '/api/annees/2017/departements/29', route: 'GET /api/annees/{annee}/departements/{code}', autorises: ETAT_53 },
  { url: '/api/annees/2017/departements/75', route: 'GET /api/annees/{annee}/departements/{code}', autorises: ['dgefp'] },
  { url: '/api/annees/2017/regions/53', route: 'GET /api/annees/{annee}/regions/{code}', autorises: ETAT_53 },
  { url: '/api/annees/2017/regions/11', route: 'GET /api/annees/{annee}/regions/{code}', autorises: ['dgefp'] },
  { url: '/api/annees/2017/national', route: 'GET /api/annees/{annee}/national', autorises: ['dgefp'] },
  { url: '/api/evolution/structure/RA01', route: 'GET /api/evolution/{niveau}/{code}', autorises: ['conseiller', 'direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/evolution/structure/RA03', route: 'GET /api/evolution/{niveau}/{code}', autorises: ['dgefp'] },
  { url: '/api/evolution/departement/35', route: 'GET /api/evolution/{niveau}/{code}', autorises: ['ud_35', ...ETAT_53] },
  { url: '/api/evolution/region/53', route: 'GET /api/evolution/{niveau}/{code}', autorises: ETAT_53 },
  { url: '/api/evolution/national/FR', route: 'GET /api/evolution/{niveau}/{code}', autorises: ['dgefp'] },
  { url: '/api/evolution/structure/RA01/mois/2017?mois=6', route: 'GET /api/evolution/{niveau}/{code}/mois/{annee}', autorises: ['conseiller', 'direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/evolution/departement/29/mois/2017?mois=6', route: 'GET /api/evolution/{niveau}/{code}/mois/{annee}', autorises: ETAT_53 },
  { url: '/api/evolution/national/FR/mois/2017?mois=6', route: 'GET /api/evolution/{niveau}/{code}/mois/{annee}', autorises: ['dgefp'] },
  { url: '/api/structures/RA01/jeunes', route: 'GET /api/structures/{code}/jeunes', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/jeunes?recherche=a', route: 'GET /api/structures/{code}/jeunes', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/jeunes/J00001', route: 'GET /api/structures/{code}/jeunes/{id}', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/jeunes/J00001', route: 'GET /api/structures/{code}/jeunes/{id}', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/jeunes.csv', route: 'GET /api/structures/{code}/jeunes.csv', autorises: ['conseiller', 'direction_ra01'] },
  {
    methode: 'POST',
    url: '/api/structures/RA01/jeunes',
    route: 'POST /api/structures/{code}/jeunes',
    corps: { valeurs: { date_naissance: '2000-01-01', sexe: 'F', date_premier_accueil: '2018-09-01' } },
    autorises: ['conseiller', 'direction_ra01'],
  },
  {
    methode: 'POST',
    url: '/api/structures/RA02/jeunes/J00001/evenements',
    route: 'POST /api/structures/{code}/jeunes/{id}/{nature}',
    corps: { valeurs: { date: '2018-09-01', type: 'ATELIER' } },
    autorises: ['direction_ra02'],
  },
  {
    methode: 'PATCH',
    url: '/api/structures/RA01/jeunes/J00001/dispositifs/INCONNU',
    route: 'PATCH /api/structures/{code}/jeunes/{id}/{nature}/{ligne}',
    corps: { valeurs: { date_fin: '2018-09-01' } },
    autorises: ['conseiller', 'direction_ra01'],
  },
  { url: '/api/structures/RA02/jeunes.csv?tri=naissance', route: 'GET /api/structures/{code}/jeunes.csv', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/jeunes.xlsx', route: 'GET /api/structures/{code}/jeunes.xlsx', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/jeunes.xlsx?recherche=Nom', route: 'GET /api/structures/{code}/jeunes.xlsx', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/liste-de-travail', route: 'GET /api/structures/{code}/liste-de-travail', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/liste-de-travail?alerte=sans_contact', route: 'GET /api/structures/{code}/liste-de-travail', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/liste-de-travail/compteurs', route: 'GET /api/structures/{code}/liste-de-travail/compteurs', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/liste-de-travail/compteurs', route: 'GET /api/structures/{code}/liste-de-travail/compteurs', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/liste-de-travail.csv', route: 'GET /api/structures/{code}/liste-de-travail.csv', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA02/liste-de-travail.xlsx', route: 'GET /api/structures/{code}/liste-de-travail.xlsx', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA02/liste-de-travail.csv', route: 'GET /api/structures/{code}/liste-de-travail.csv', autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/liste-de-travail.xlsx', route: 'GET /api/structures/{code}/liste-de-travail.xlsx', autorises: ['conseiller', 'direction_ra01'] },
  { url: '/api/structures/RA01/qualite?annee=2017', route: 'GET /api/structures/{code}/qualite', autorises: ['conseiller', 'direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/structures/RA03/qualite?annee=2017', route: 'GET /api/structures/{code}/qualite', autorises: ['dgefp'] },
  { url: '/api/qualite/departement/35?annee=2017', route: 'GET /api/qualite/{niveau}/{code}', autorises: ['ud_35', ...ETAT_53] },
  { url: '/api/qualite/region/53?annee=2017', route: 'GET /api/qualite/{niveau}/{code}', autorises: ETAT_53 },
  { url: '/api/qualite/national/FR?annee=2017', route: 'GET /api/qualite/{niveau}/{code}', autorises: ['dgefp'] },
  { url: '/api/instantanes', route: 'GET /api/instantanes', autorises: ['direccte_53', 'region_53', 'dgefp'] },
  { methode: 'POST', url: '/api/instantanes', route: 'POST /api/instantanes', corps: { annee: 2016, region: '53' }, autorises: ['direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/instantanes', route: 'POST /api/instantanes', corps: { annee: 2016, region: '11' }, autorises: ['dgefp'] },
  { methode: 'POST', url: '/api/instantanes', route: 'POST /api/instantanes', corps: { annee: 2016 }, autorises: ['dgefp'] },
  { url: '/api/instantanes/1', route: 'GET /api/instantanes/{id}', autorises: ETAT_53 },
  { url: '/api/cadre-dialogue', route: 'GET /api/cadre-dialogue', autorises: TOUS },
  { url: '/api/conventions', route: 'GET /api/conventions', autorises: TOUS },
  { methode: 'POST', url: '/api/conventions', route: 'POST /api/conventions', corps: CONVENTION, autorises: ['direccte_53'] },
  { methode: 'POST', url: '/api/conventions', route: 'POST /api/conventions', corps: { ...CONVENTION, code_structure: 'RA03', numero: 'CPO-11' }, autorises: [] },
  {
    methode: 'POST',
    url: '/api/conventions/import',
    route: 'POST /api/conventions/import',
    corps: { nom: 'c.csv', contenu: 'code_structure;numero;annee_debut;annee_fin;date_signature;montant_reference\nRA02;CPO-29;2015;2018;2015-04-15;90000' },
    autorises: ['direccte_53'],
  },
  { url: '/api/campagnes', route: 'GET /api/campagnes', autorises: ['ud_35', ...ETAT_53] },
  { methode: 'POST', url: '/api/campagnes', route: 'POST /api/campagnes', corps: { ...CAMPAGNE, region: '11' }, autorises: [] },
  { url: '/api/campagnes/1', route: 'GET /api/campagnes/{id}', autorises: ['ud_35', ...ETAT_53] },
  { url: '/api/structures/RA01/dialogues', route: 'GET /api/structures/{code}/dialogues', autorises: ['direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/structures/RA03/dialogues', route: 'GET /api/structures/{code}/dialogues', autorises: ['dgefp'] },
  { url: '/api/dialogues/a-faire', route: 'GET /api/dialogues/a-faire', autorises: TOUS },
  { url: '/api/dialogues/1', route: 'GET /api/dialogues/{id}', autorises: ['direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/dialogues/2', route: 'GET /api/dialogues/{id}', autorises: ['direction_ra02', ...ETAT_53] },
  { methode: 'PUT', url: '/api/dialogues/1/autodiagnostic', route: 'PUT /api/dialogues/{id}/autodiagnostic', corps: BROUILLON, autorises: ['direction_ra01'] },
  // Un pas de la DIRECCTE dans le mauvais état : autorisé (409), pas refusé (403).
  {
    methode: 'POST',
    url: '/api/dialogues/1/actions/signer_etat',
    route: 'POST /api/dialogues/{id}/actions/{action}',
    corps: { empreinte: '0'.repeat(64), qualite: 'Directeur régional', lieu: 'Rennes' },
    autorises: ['direccte_53'],
  },
  { methode: 'POST', url: '/api/dialogues/1/actions/renvoyer', route: 'POST /api/dialogues/{id}/actions/{action}', corps: { motif: 'x' }, autorises: ['ud_35'] },
  { url: '/api/audit', route: 'GET /api/audit', autorises: ['direction_ra01', 'direction_ra02', 'dgefp'] },
  { url: '/api/audit.csv?action=lire_jeunes', route: 'GET /api/audit.csv', autorises: ['direction_ra01', 'direction_ra02', 'dgefp'] },
  { url: '/api/audit.csv', route: 'GET /api/audit.csv', autorises: ['direction_ra01', 'direction_ra02', 'dgefp'] },
  { url: '/api/dialogues/1/avenant.pdf', route: 'GET /api/dialogues/{id}/avenant.pdf', autorises: ['direction_ra01', 'ud_35', 'direccte_53', 'dgefp'] },
  { url: '/api/dialogues/1/avenant-signe.pdf', route: 'GET /api/dialogues/{id}/avenant-signe.pdf', autorises: ['direction_ra01', 'ud_35', 'direccte_53', 'dgefp'] },
  { url: '/api/structures/RA01/donnees-declarees', route: 'GET /api/structures/{code}/donnees-declarees', autorises: ['conseiller', 'direction_ra01', 'ud_35', ...ETAT_53] },
  { url: '/api/structures/RA03/donnees-declarees', route: 'GET /api/structures/{code}/donnees-declarees', autorises: ['dgefp'] },
  { methode: 'PUT', url: '/api/structures/RA01/moyens/2017', route: 'PUT /api/structures/{code}/moyens/{annee}', corps: { valeurs: { nb_sites: '3' } }, autorises: ['direction_ra01'] },
  { methode: 'PUT', url: '/api/structures/RA02/moyens/2017', route: 'PUT /api/structures/{code}/moyens/{annee}', corps: { valeurs: { nb_sites: '3' } }, autorises: ['direction_ra02'] },
  { methode: 'PUT', url: '/api/structures/RA01/contexte/2017', route: 'PUT /api/structures/{code}/contexte/{annee}', corps: { valeurs: { nb_communes: '30' } }, autorises: ['direccte_53', 'dgefp'] },
  { methode: 'PUT', url: '/api/structures/RA03/contexte/2017', route: 'PUT /api/structures/{code}/contexte/{annee}', corps: { valeurs: { nb_communes: '30' } }, autorises: ['dgefp'] },
  { methode: 'POST', url: '/api/moyens/import', route: 'POST /api/moyens/import', corps: { nom: 'moyens.csv', contenu: 'code_structure;annee;nb_sites\nRA02;2017;3' }, autorises: ['direction_ra02'] },
  { methode: 'POST', url: '/api/contexte/import', route: 'POST /api/contexte/import', corps: { nom: 'contexte.csv', contenu: 'code_structure;annee;nb_communes\nRA02;2017;30' }, autorises: ['direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/contexte/import', route: 'POST /api/contexte/import', corps: { nom: 'contexte.csv', contenu: 'code_structure;annee;nb_communes\nRA03;2017;30' }, autorises: ['dgefp'] },
  { methode: 'POST', url: '/api/dialogues/1/bilans', route: 'POST /api/dialogues/{id}/bilans', corps: { commentaire: 'x' }, autorises: ['direction_ra01', 'ud_35', 'direccte_53'] },
  // Le corps d'un dépôt est une archive zip : du JSON est refusé (400), après l'autorisation.
  { methode: 'POST', url: '/api/structures/RA01/depots', route: 'POST /api/structures/{code}/depots', corps: {}, autorises: ['direction_ra01'] },
  { methode: 'POST', url: '/api/structures/RA02/depots?mode=tolerant', route: 'POST /api/structures/{code}/depots', corps: {}, autorises: ['direction_ra02'] },
  { url: '/api/structures/RA01/depots', route: 'GET /api/structures/{code}/depots', autorises: ['direction_ra01'] },
  { url: '/api/structures/RA02/depots', route: 'GET /api/structures/{code}/depots', autorises: ['direction_ra02'] },
  { url: '/api/depots/1', route: 'GET /api/depots/{id}', autorises: ['direction_ra01'] },
  { url: '/api/depots/1/rejets/jeunes.csv', route: 'GET /api/depots/{id}/rejets/{fichier}', autorises: ['direction_ra01'] },
  { url: '/api/structures/RA01/jetons', route: 'GET /api/structures/{code}/jetons', autorises: ['direction_ra01'] },
  { methode: 'POST', url: '/api/structures/RA02/jetons', route: 'POST /api/structures/{code}/jetons', corps: { libelle: 'x', expire: '2000-01-01' }, autorises: ['direction_ra02'] },
  { methode: 'POST', url: '/api/jetons/1/revocation', route: 'POST /api/jetons/{id}/revocation', autorises: ['direction_ra01'] },
  { url: '/api/suivi-depots', route: 'GET /api/suivi-depots', autorises: ['ud_35', 'direccte_53', 'dgefp'] },
  { url: '/api/suivi-depots.csv', route: 'GET /api/suivi-depots.csv', autorises: ['ud_35', 'direccte_53', 'dgefp'] },
  { url: '/api/suivi-depots.xlsx', route: 'GET /api/suivi-depots.xlsx', autorises: ['ud_35', 'direccte_53', 'dgefp'] },
  // Comptes : l'organisation 1 est la ML RA01, le compte 1 sa conseillère (les premiers créés par la démonstration).
  { url: '/api/comptes', route: 'GET /api/comptes', autorises: ['direction_ra01', 'direction_ra02', 'direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/comptes', route: 'POST /api/comptes', corps: { courriel: 'matrice@ml-ra01.fr', nom: 'M', organisation: 1, role: 'conseiller' }, autorises: ['direction_ra01', 'direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/comptes', route: 'POST /api/comptes', corps: { courriel: 'matrice@ml-ra01.fr', nom: 'M', organisation: 1, role: 'direction_ml' }, autorises: ['direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/comptes/1/invitation', route: 'POST /api/comptes/{id}/invitation', autorises: ['direction_ra01', 'direccte_53', 'dgefp'] },
  { methode: 'PUT', url: '/api/comptes/1/role', route: 'PUT /api/comptes/{id}/role', corps: { role: 'conseiller' }, autorises: ['direction_ra01', 'direccte_53', 'dgefp'] },
  { methode: 'PUT', url: '/api/comptes/1/actif', route: 'PUT /api/comptes/{id}/actif', corps: { actif: true }, autorises: ['direction_ra01', 'direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/organisations', route: 'POST /api/organisations', corps: { type: 'ud', code: '22', nom: 'UD Côtes-d’Armor' }, autorises: ['direccte_53', 'dgefp'] },
  { methode: 'POST', url: '/api/organisations', route: 'POST /api/organisations', corps: { type: 'ud', code: '75', nom: 'UD Paris' }, autorises: ['dgefp'] },
  // Une demande inconnue : 404 pour qui a le droit de traiter les demandes.
  { methode: 'POST', url: '/api/demandes-acces/999', route: 'POST /api/demandes-acces/{id}', corps: { decision: 'refuser' }, autorises: ['direction_ra01', 'direction_ra02', 'direccte_53', 'dgefp'] },
];
/** Le texte d'une réponse ; celui des cellules pour un classeur XLSX (une archive compressée). */
async function texteDe(reponse: { headers: Record<string, unknown>; body: string; rawPayload: Buffer }): Promise<string> {
  if (!String(reponse.headers['content-type']).startsWith(TYPE_XLSX)) return reponse.body;
  const classeur = new ExcelJS.Workbook();
  await classeur.xlsx.load(reponse.rawPayload as any);
  const cellules: string[] = [];
  classeur.eachSheet((feuille) => feuille.eachRow((rangee) => rangee.eachCell((c) => void cellules.push(String(c.value)))));
  return cellules.join('\n');
}

/** Routes ouvertes sans connexion, et ce qu'elles rendent à un inconnu. */
const PUBLIQUES = [
  'GET /api/sante',
  'GET /api/csrf',
  'GET /api/connexion/demo',
  'POST /api/connexion/demo',
  'GET /api/connexion/oidc',
  'GET /api/connexion/oidc/retour',
  'POST /api/deconnexion',
  'GET /api/informations-legales',
  'POST /api/invitations/acceptation',
];
/** Fermer toutes ses sessions : permis à chacun, essayé en dernier (la matrice a besoin des sessions). */
const PARTOUT = 'POST /api/deconnexion/partout';

surChaqueMoteur('Droits et périmètres', (moteur) => {
  let base: Base;
  let app: FastifyInstance;
  const sessions = new Map<Qui, Record<string, string>>();
  let comptes: CompteDemo[];
  let qui: Record<Qui, CompteDemo>;
  beforeAll(async () => {
    base = await moteur.ouvrir();
    const dossier = dossierTemporaire('acces');
    ecrireExtraitAleatoire(dossier, 11, { structures: 3, jeunesParStructure: 40 });
    expect((await importerExtrait(base, dossier, { fichiers: lecteurFichiers, horloge: new HorlogeFixe('2018-12-31') })).erreurs).toEqual([]);
    app = await creerServeur(base, { connexionDemo: true, messagerie: { envoyer: async () => {} } });
    comptes = await comptesDemo(app);
    qui = {
      conseiller: compte(comptes, 'conseiller', 'RA01'),
      direction_ra01: compte(comptes, 'direction_ml', 'RA01'),
      direction_ra02: compte(comptes, 'direction_ml', 'RA02'),
      ud_35: compte(comptes, 'agent_ud', '35'),
      direccte_53: compte(comptes, 'agent_direccte', '53'),
      region_53: compte(comptes, 'agent_region', '53'),
      dgefp: compte(comptes, 'agent_dgefp'),
    };
    for (const q of TOUS) sessions.set(q, await connecter(app, qui[q]));
    // Un instantané régional pour les lectures (id 1), figé avant que la matrice n'en crée d'autres.
    expect((await app.inject({ method: 'POST', url: '/api/instantanes', payload: { annee: 2015, region: '53' }, headers: sessions.get('dgefp') })).statusCode).toBe(201);
    // La campagne 2018 de Bretagne (n° 1) : dialogue 1 pour RA01, 2 pour RA02.
    expect((await app.inject({ method: 'POST', url: '/api/campagnes', payload: CAMPAGNE, headers: sessions.get('direccte_53') })).statusCode).toBe(201);
    // Un dépôt de RA01 (n° 1) avec des lignes rejetées, un jeton de RA01 (n° 1).
    await base.query(
      `INSERT INTO depot (code_structure, depose_par, taille, mode, etat, rapport, rejets) VALUES ('RA01', 'x', 10, 'tolerant', 'accepte', '{}', $1)`,
      [JSON.stringify({ 'jeunes.csv': Buffer.from('code_structure;motif_rejet\nRA01;ligne 2 : x\n').toString('base64') })],
    );
    await base.query(`INSERT INTO jeton_depot (code_structure, libelle, empreinte, cree_par, expire_le) VALUES ('RA01', 'x', 'e', 'x', now() + interval '1 day')`);
    // Une identité reconnaissable pour chaque jeune : aucune ne doit sortir hors de sa ML.
    await base.query(
      `INSERT INTO jeune_identite (code_structure, id_jeune, nom, prenom)
       SELECT code_structure, id_jeune, 'Nom-' || code_structure || '-' || id_jeune, 'Prénom-' || code_structure || '-' || id_jeune FROM jeune
       ON CONFLICT (code_structure, id_jeune) DO UPDATE SET nom = EXCLUDED.nom, prenom = EXCLUDED.prenom`,
    );
    expect((await base.query(`SELECT 1 FROM jeune_identite WHERE nom LIKE 'Nom-%'`)).length).toBe(120);
    // Le journal garde ce que la conseillère a cherché et ouvert : ni l'un ni l'autre ne doit en sortir hors de sa ML.
    expect((await app.inject({ url: '/api/structures/RA01/jeunes?recherche=Nom-RA01-J00003', headers: sessions.get('conseiller') })).json().total).toBe(1);
    expect((await app.inject({ url: '/api/structures/RA01/jeunes/J00003', headers: sessions.get('conseiller') })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await base.fermer();
  });

  it('propose un compte de démonstration de chaque sorte, dans la région qui a le plus de ML, une direction par ML et une UD par département', () => {
    expect(comptes.map((c) => `${c.role}:${c.organisation.code}`)).toEqual([
      'conseiller:RA01',
      'direction_ml:RA01',
      'direction_ml:RA02',
      'agent_ud:35',
      'agent_direccte:53',
      'agent_region:53',
      'agent_dgefp:FR',
      // Une UD dans chaque département de la région : chaque dialogue peut avancer.
      'agent_ud:29',
    ]);
  });

  it('couvre chaque route de l’API, documentée en OpenAPI, par la matrice des droits', async () => {
    const paths: Record<string, Record<string, unknown>> = (await app.inject({ url: '/api/docs/json' })).json().paths;
    const routes = Object.entries(paths).flatMap(([chemin, methodes]) => Object.keys(methodes).map((m) => `${m.toUpperCase()} ${chemin}`));
    const couvertes = new Set([...CAS.map((c) => c.route), ...PUBLIQUES, PARTOUT]);
    expect(routes.filter((r) => !couvertes.has(r))).toEqual([]);
    expect([...couvertes].filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('refuse toute route non publique sans connexion (401)', async () => {
    for (const c of CAS) {
      const reponse = await app.inject({ method: c.methode ?? 'GET', url: c.url, payload: c.corps as any });
      expect(reponse.statusCode, c.url).toBe(401);
      expect(reponse.json().message).toMatch(/^Connexion requise/);
    }
  });

  describe.each(TOUS)('%s', (qui) => {
    it('reçoit ce que la matrice autorise, un refus en français (403) ailleurs', async () => {
      const ecarts: string[] = [];
      for (const c of CAS) {
        const reponse = await app.inject({ method: c.methode ?? 'GET', url: c.url, payload: c.corps as any, headers: sessions.get(qui) });
        const attendu = c.autorises.includes(qui);
        // Autorisé : tout sauf 401/403 (une règle métier peut encore refuser : 400, 404, 409).
        const obtenu = reponse.statusCode !== 401 && reponse.statusCode !== 403;
        expect(reponse.statusCode, c.url).toBeLessThan(500);
        if (attendu !== obtenu) ecarts.push(`${c.methode ?? 'GET'} ${c.url} ${JSON.stringify(c.corps ?? '')} : ${reponse.statusCode} ${reponse.body.slice(0, 120)}`);
        if (!attendu) expect(reponse.json().message, c.url).toMatch(/^(Hors de votre périmètre|Votre rôle|Les dossiers des jeunes|« .* » est réservé à)/);
      }
      expect(ecarts).toEqual([]);
    });

    it("ne reçoit jamais l'identité ni l'identifiant d'un jeune s'il n'est pas de la ML, pas même par le journal d'audit", async () => {
      const ml = qui === 'conseiller' || qui === 'direction_ra01' ? 'RA01' : qui === 'direction_ra02' ? 'RA02' : null;
      for (const c of CAS) {
        const reponse = await app.inject({ method: c.methode ?? 'GET', url: c.url, payload: c.corps as any, headers: sessions.get(qui) });
        const texte = await texteDe(reponse);
        // Les dossiers de sa ML, sa liste de travail, son journal et ses jeunes à corriger (qualité des données) nomment ses jeunes ; jamais ceux d'une autre ML.
        if (ml && (c.url.includes('/jeunes') || c.url.includes('/liste-de-travail') || c.url.startsWith('/api/audit') || c.url.startsWith(`/api/structures/${ml}/qualite`)) && c.autorises.includes(qui)) {
          expect(texte, c.url).not.toMatch(new RegExp(`(Nom|Prénom)-(?!${ml}-)`));
          continue;
        }
        expect(texte, c.url).not.toContain('id_jeune');
        expect(texte, c.url).not.toMatch(/Nom-|Prénom-/);
        // Un identifiant de jeune (J00003, ou J00001 dans une adresse refusée), lu, cherché ou demandé.
        expect(texte, c.url).not.toMatch(/J\d{4,}/);
      }
    });
  });

  it('liste les ML du périmètre seulement', async () => {
    const codes = async (qui: Qui) => (await app.inject({ url: '/api/structures', headers: sessions.get(qui) })).json().structures.map((s: any) => s.code);
    expect(await codes('conseiller')).toEqual(['RA01']);
    expect(await codes('ud_35')).toEqual(['RA01']);
    expect(await codes('direccte_53')).toEqual(['RA01', 'RA02']);
    expect(await codes('dgefp')).toEqual(['RA01', 'RA02', 'RA03']);
  });

  it("le journal d'audit : la DGEFP cherche partout sans rien de nominatif ; une ML ses seules données, en entier", async () => {
    await app.inject({ url: '/api/structures/RA01/jeunes?recherche=%3Dcmd', headers: sessions.get('conseiller') });
    const ml = (await app.inject({ url: '/api/audit?action=lire_jeunes', headers: sessions.get('direction_ra02') })).json();
    expect(ml.lignes.every((l: any) => l.code_structure === 'RA02')).toBe(true);
    const dgefp = (await app.inject({ url: '/api/audit?action=lire_jeunes&structure=RA01', headers: sessions.get('dgefp') })).json();
    expect(dgefp.total).toBeGreaterThan(0);
    expect(dgefp.lignes[0]).toMatchObject({ action: 'lire_jeunes', code_structure: 'RA01', acteur: compte(comptes, 'conseiller').courriel, details: { recherche: '[masqué]', page: 1, lus: 0 } });
    const direction = (await app.inject({ url: '/api/audit?action=lire_jeunes', headers: sessions.get('direction_ra01') })).json();
    expect(direction.lignes[0].details).toMatchObject({ recherche: '=cmd', page: 1, lus: [] });
    expect(direction.lignes.find((l: any) => l.details.recherche === 'Nom-RA01-J00003').details.lus).toEqual(['J00003']);
    const [fiche] = (await app.inject({ url: '/api/audit?action=lire_fiche_jeune&structure=RA01', headers: sessions.get('dgefp') })).json().lignes;
    expect(fiche.objet).toBe('jeunes/[masqué]');
    for (const [q, contient] of [['direction_ra01', true], ['dgefp', false]] as const) {
      const csv = await app.inject({ url: '/api/audit.csv?action=lire_jeunes&structure=RA01', headers: sessions.get(q) });
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.body.startsWith('\ufeffhorodatage;acteur;action;objet;code_structure;origine;details')).toBe(true);
      expect(csv.body.includes('""recherche"":""=cmd""'), q).toBe(contient);
    }
    expect((await app.inject({ url: '/api/audit', headers: sessions.get('direction_ra02') })).json().lignes.some((l: any) => l.acteur === compte(comptes, 'agent_dgefp').courriel && l.code_structure === null)).toBe(false);
  });

  it('trace chaque lecture nominative et chaque refus dans le journal d’audit', async () => {
    const avant = await base.query<{ action: string; n: number }>(`SELECT action, count(*)::int AS n FROM journal_audit GROUP BY action`);
    const n = (lignes: typeof avant, action: string) => lignes.find((l) => l.action === action)?.n ?? 0;
    const liste = await app.inject({ url: '/api/structures/RA01/jeunes', headers: sessions.get('conseiller') });
    expect(liste.json().jeunes.length).toBeGreaterThan(0);
    expect(liste.json().jeunes[0].nom).toBeTruthy();
    const fiche = await app.inject({ url: `/api/structures/RA01/jeunes/${liste.json().jeunes[0].id_jeune}`, headers: sessions.get('conseiller') });
    expect(fiche.statusCode).toBe(200);
    const refus = await app.inject({ url: '/api/structures/RA01/jeunes', headers: sessions.get('direccte_53') });
    expect(refus.statusCode).toBe(403);
    const apres = await base.query<{ action: string; n: number }>(`SELECT action, count(*)::int AS n FROM journal_audit GROUP BY action`);
    expect(n(apres, 'lire_jeunes') - n(avant, 'lire_jeunes')).toBe(1);
    expect(n(apres, 'lire_fiche_jeune') - n(avant, 'lire_fiche_jeune')).toBe(1);
    expect(n(apres, 'acces_refuse') - n(avant, 'acces_refuse')).toBe(1);
    const [derniere] = await base.query(`SELECT acteur, objet, origine FROM journal_audit WHERE action = 'acces_refuse' ORDER BY id DESC LIMIT 1`);
    expect(derniere).toMatchObject({ acteur: compte(comptes, 'agent_direccte').courriel, objet: 'GET /api/structures/RA01/jeunes' });
    expect(derniere.origine).toBeTruthy();
  });

  it('refuse la connexion de démonstration quand elle est désactivée, et la déconnexion ferme la session', async () => {
    const ferme = await creerServeur(base, { connexionDemo: false });
    const tentative = await ferme.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: comptes[0].id }, headers: await jetonAnonyme(ferme) });
    expect(tentative.statusCode).toBe(403);
    expect(tentative.json().message).toBe('La connexion de démonstration est désactivée sur ce serveur.');
    await ferme.close();
    const session = await connecter(app, comptes[0]);
    const sortie = await app.inject({ method: 'POST', url: '/api/deconnexion', headers: session });
    expect(sortie.statusCode).toBe(204);
    const vide = String(sortie.headers['set-cookie']).split(';')[0];
    expect((await app.inject({ url: '/api/moi', headers: { cookie: vide } })).statusCode).toBe(401);
  });

  it('chacun peut fermer toutes ses sessions ; sans connexion, non', async () => {
    const [methode, url] = PARTOUT.split(' ') as ['POST', string];
    expect((await app.inject({ method: methode, url, headers: await jetonAnonyme(app) })).statusCode).toBe(401);
    for (const q of TOUS) {
      expect((await app.inject({ method: methode, url, headers: sessions.get(q) })).statusCode, q).toBe(204);
      expect((await app.inject({ url: '/api/moi', headers: sessions.get(q) })).statusCode, q).toBe(401);
      sessions.set(q, await connecter(app, qui[q]));
    }
  });
});
