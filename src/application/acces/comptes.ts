// Les comptes et les habilitations : inviter par courriel, changer le rôle, désactiver, créer une
// organisation, traiter les demandes d'accès ProConnect. Chaque écriture : valider, transaction,
// charger (verrouillé), autoriser par la règle du domaine, écrire, auditer ; un refus n'écrit rien
// (l'API trace le refus). Les courriels partent après la transaction.
import * as z from 'zod';
import { ErreurAcces, ROLES, type Role, type TypeOrganisation, type Utilisateur } from '../../domaine/acces/droits.ts';
import { refusGestion, refusHabilitation, refusOrganisation, rolesAttribuables, type OrganisationSituee, type Refus } from '../../domaine/acces/habilitations.ts';
import { messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier, introuvable } from '../../domaine/erreurs.ts';
import { horodatageAParis } from '../../domaine/temps/dates.ts';
import { auditer } from '../audit.ts';
import { horodatageParis } from '../fragmentsSql.ts';
import { empreinteSecret, secretAuHasard } from './secrets.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { Messagerie } from '../ports/messagerie.ts';
import { COLONNES_SITUATION, SITUER_ORGANISATION } from './utilisateurs.ts';

/** Une invitation vaut sept jours. */
const DUREE_INVITATION_J = 7;

export interface Organisation extends OrganisationSituee {
  id: number;
  nom: string;
  siret: string | null;
}

export interface Compte {
  id: number;
  courriel: string;
  nom: string;
  role: Role;
  etat: 'actif' | 'desactive' | 'invite';
  organisation: Organisation;
}

export interface DemandeAcces {
  id: number;
  courriel: string;
  nom: string;
  siret: string;
  creee_le: string;
  organisation: Organisation;
}

const SELECT_ORGANISATION = `SELECT o.id, o.type, o.code, o.nom, o.siret, ${COLONNES_SITUATION} FROM organisation o ${SITUER_ORGANISATION}`;
const COLONNES_ORGANISATION = `o.type, o.code, o.nom AS nom_organisation, o.siret, ${COLONNES_SITUATION}`;
type AvecOrganisation = { organisation_id: number; type: TypeOrganisation; code: string; nom_organisation: string; siret: string | null; code_departement: string | null; code_region: string | null };
const organisationDe = (l: AvecOrganisation): Organisation => ({
  id: l.organisation_id,
  type: l.type,
  code: l.code,
  nom: l.nom_organisation,
  siret: l.siret,
  code_departement: l.code_departement,
  code_region: l.code_region,
});

/**
 * Crée un compte (la requête INSERT donnée, premier paramètre : le courriel) ; un courriel déjà pris, à la
 * casse près, même par une requête concurrente, est refusé sans erreur de la base (index unique).
 */
async function creerCompte(tx: Requeteur, insertion: string, parametres: unknown[]): Promise<number> {
  const [cree] = await tx.query<{ id: number }>(`${insertion} ON CONFLICT DO NOTHING RETURNING id`, parametres);
  if (!cree) throw new ErreurMetier(`Un compte existe déjà pour le courriel ${String(parametres[0]).toLowerCase()}.`, 'etat_incompatible');
  return cree.id;
}

/** Lève le refus de la règle des habilitations : hors périmètre ou rôle insuffisant (403), ou un rôle qui ne se donne pas dans ce type d'organisation (400). */
function lever(refus: Refus | null) {
  if (!refus) return;
  throw refus.code === 'saisie_invalide' ? new ErreurMetier(refus.message) : new ErreurAcces(refus.message, refus.code);
}
const exigerHabilitation = (admin: Utilisateur, role: Role, o: OrganisationSituee) => lever(refusHabilitation(admin, role, o));

const courriel = z.string().trim().toLowerCase().max(254, 'courriel trop long').email('adresse de courriel invalide');
const role = z.enum(Object.keys(ROLES) as [Role, ...Role[]], { error: `rôle inconnu ; rôles possibles : ${Object.keys(ROLES).join(', ')}` });
const schemaInvitation = z.object({
  courriel,
  nom: z.string().trim().min(1, 'nom manquant').max(200, 'nom trop long'),
  organisation: z.number({ error: "identifiant d'organisation attendu" }).int().positive(),
  role,
});
const schemaRole = z.object({ role });
const schemaActif = z.object({ actif: z.boolean({ error: 'vrai ou faux attendu' }) });
const schemaOrganisation = z.object({
  type: z.enum(['ml', 'ud', 'direccte', 'conseil_regional', 'dgefp'], { error: "type d'organisation inconnu : ml, ud, direccte, conseil_regional ou dgefp" }),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'code invalide (structure, département, région, ou FR)'),
  nom: z.string().trim().min(1, 'nom manquant').max(200, 'nom trop long'),
  siret: z
    .string()
    .trim()
    .regex(/^\d{14}$/, 'SIRET de 14 chiffres attendu')
    .nullish(),
});
const schemaDecision = z.discriminatedUnion('decision', [z.object({ decision: z.literal('accepter'), role }), z.object({ decision: z.literal('refuser') })], {
  error: 'décision attendue : accepter (avec un rôle) ou refuser',
});

function lire<T>(schema: z.ZodType<T>, brut: unknown, quoi: string): T {
  const lu = schema.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`${quoi} invalide — ${messagesDe(lu.error)}`);
  return lu.data;
}

async function chargerOrganisation(tx: Requeteur, id: number): Promise<Organisation> {
  const [o] = await tx.query<Organisation>(`${SELECT_ORGANISATION} WHERE o.id = $1`, [id]);
  return o ?? introuvable(`Organisation inconnue : ${id}.`);
}

interface CompteCharge extends Compte {
  accepte: boolean;
}

async function chargerCompte(tx: Requeteur, id: number): Promise<CompteCharge> {
  const [l] = await tx.query<AvecOrganisation & { id: number; courriel: string; nom: string; role: Role; actif: boolean; accepte: boolean }>(
    `SELECT u.id, u.courriel, u.nom, u.role, u.actif, u.accepte_le IS NOT NULL AS accepte, u.organisation_id, ${COLONNES_ORGANISATION}
     FROM utilisateur u JOIN organisation o ON o.id = u.organisation_id ${SITUER_ORGANISATION} WHERE u.id = $1 FOR UPDATE OF u`,
    [id],
  );
  if (!l) introuvable(`Compte inconnu : ${id}.`);
  return { ...compteDe(l), accepte: l.accepte };
}

const compteDe = (l: AvecOrganisation & { id: number; courriel: string; nom: string; role: Role; actif: boolean; accepte: boolean }): Compte => ({
  id: l.id,
  courriel: l.courriel,
  nom: l.nom,
  role: l.role,
  etat: !l.actif ? 'desactive' : l.accepte ? 'actif' : 'invite',
  organisation: organisationDe(l),
});

/** Toucher à un compte : pas le sien, et son rôle actuel doit être de ceux que l'administrateur donne. */
function exigerCompteAdministrable(admin: Utilisateur, compte: Compte) {
  if (compte.id === admin.id) throw new ErreurAcces('Vous ne pouvez pas changer votre propre compte : demandez-le à un autre administrateur.', 'droit_insuffisant');
  exigerHabilitation(admin, compte.role, compte.organisation);
}

const trace = (admin: Utilisateur, action: string, o: Organisation, origine: string, objet: string, details: Record<string, unknown>) => ({
  acteur: admin.courriel,
  action,
  objet,
  codeStructure: o.type === 'ml' ? o.code : null,
  origine,
  details: { ...details, organisation: `${o.nom} (${o.code})` },
});

/** Ce que l'administrateur gère : les organisations où il peut donner un rôle, les comptes qu'il peut toucher, les demandes en attente. */
export async function lireHabilitations(db: Requeteur, admin: Utilisateur): Promise<{ organisations: (Organisation & { roles: Role[] })[]; comptes: Compte[]; demandes: DemandeAcces[] }> {
  const organisations = (await db.query<Organisation>(`${SELECT_ORGANISATION} ORDER BY o.type, o.code COLLATE "C"`))
    .map((o) => ({ ...o, roles: rolesAttribuables(admin, o) }))
    .filter((o) => o.roles.length > 0);
  const gerees = new Map(organisations.map((o) => [o.id, o]));
  const comptes = (
    await db.query<AvecOrganisation & { id: number; courriel: string; nom: string; role: Role; actif: boolean; accepte: boolean }>(
      `SELECT u.id, u.courriel, u.nom, u.role, u.actif, u.accepte_le IS NOT NULL AS accepte, u.organisation_id, ${COLONNES_ORGANISATION}
       FROM utilisateur u JOIN organisation o ON o.id = u.organisation_id ${SITUER_ORGANISATION} WHERE u.organisation_id = ANY($1::int[]) ORDER BY u.nom, u.id`,
      [[...gerees.keys()]],
    )
  )
    .map(compteDe)
    .filter((c) => c.id !== admin.id && refusHabilitation(admin, c.role, c.organisation) === null);
  const demandes = await db.query<Omit<DemandeAcces, 'organisation'> & { organisation_id: number }>(
    `SELECT id, courriel, nom, siret, ${horodatageParis('creee_le')} AS creee_le, organisation_id FROM demande_acces WHERE etat = 'en_attente' AND organisation_id = ANY($1::int[]) ORDER BY id`,
    [[...gerees.keys()]],
  );
  return { organisations, comptes, demandes: demandes.map(({ organisation_id, ...d }) => ({ ...d, organisation: gerees.get(organisation_id)! })) };
}

export interface Contexte {
  origine: string;
  /** L'adresse publique de l'application, pour le lien de l'invitation. */
  adresse: string;
  horloge: Horloge;
  messagerie: Messagerie;
}

/**
 * Un jeton neuf pour ce compte (ses liens précédents ne servent plus) ; rend le jeton en clair, à mettre
 * dans le courriel, et son expiration à l'heure de Paris (AAAA-MM-JJTHH:MM:SS).
 */
async function emettreJeton(tx: Requeteur, idCompte: number, admin: Utilisateur, horloge: Horloge): Promise<{ jeton: string; expireLe: string }> {
  const jeton = secretAuHasard();
  const expiration = new Date(horloge.maintenant().getTime() + DUREE_INVITATION_J * 86_400_000);
  await tx.query('DELETE FROM invitation WHERE utilisateur_id = $1 AND utilisee_le IS NULL', [idCompte]);
  await tx.query('INSERT INTO invitation (utilisateur_id, jeton_hache, expire_le, creee_par) VALUES ($1, $2, $3::timestamptz, $4)', [
    idCompte,
    empreinteSecret(jeton),
    expiration.toISOString(),
    admin.courriel,
  ]);
  return { jeton, expireLe: horodatageAParis(expiration) };
}

const courrielInvitation = (admin: Utilisateur, a: { courriel: string; nom: string; role: Role }, o: Organisation, jeton: string, adresse: string) => ({
  a: a.courriel,
  objet: 'Votre invitation à CPO Missions locales',
  texte:
    `Bonjour ${a.nom},\n\n${admin.nom} (${admin.organisation.nom}) vous invite à rejoindre CPO Missions locales ` +
    `comme « ${ROLES[a.role].libelle} » de ${o.nom}.\n\nPour accepter, ouvrez ce lien (valable ${DUREE_INVITATION_J} jours, une seule fois) :\n` +
    `${adresse}/invitation#${jeton}\n`,
});

/** Invite une personne : son compte est créé, inutilisable tant qu'elle n'a pas ouvert le lien à usage unique reçu par courriel. */
export async function inviter(base: Base, admin: Utilisateur, brut: unknown, c: Contexte): Promise<{ id: number; expire_le: string }> {
  const invitation = lire(schemaInvitation, brut, 'Invitation');
  const fait = await base.transaction(async (tx) => {
    const o = await chargerOrganisation(tx, invitation.organisation);
    exigerHabilitation(admin, invitation.role, o);
    const id = await creerCompte(tx, `INSERT INTO utilisateur (courriel, nom, organisation_id, role, accepte_le) VALUES ($1, $2, $3, $4, NULL)`, [
      invitation.courriel,
      invitation.nom,
      o.id,
      invitation.role,
    ]);
    const { jeton, expireLe } = await emettreJeton(tx, id, admin, c.horloge);
    await auditer(tx, trace(admin, 'inviter_compte', o, c.origine, `comptes/${id}`, { courriel: invitation.courriel, role: ROLES[invitation.role].libelle, expire_le: expireLe.slice(0, 10) }));
    return { id, o, jeton, expireLe };
  });
  await c.messagerie.envoyer(courrielInvitation(admin, invitation, fait.o, fait.jeton, c.adresse));
  return { id: fait.id, expire_le: fait.expireLe };
}

/** Renvoie l'invitation d'un compte qui ne l'a pas encore acceptée (lien expiré ou perdu) : un lien neuf, l'ancien ne sert plus. */
export async function renvoyerInvitation(base: Base, admin: Utilisateur, id: number, c: Contexte): Promise<{ id: number; expire_le: string }> {
  const fait = await base.transaction(async (tx) => {
    const compte = await chargerCompte(tx, id);
    exigerCompteAdministrable(admin, compte);
    if (compte.etat !== 'invite') throw new ErreurMetier(`Le compte de ${compte.nom} n'attend pas d'invitation : il est ${compte.etat === 'actif' ? 'actif' : 'désactivé'}.`, 'etat_incompatible');
    const { jeton, expireLe } = await emettreJeton(tx, id, admin, c.horloge);
    await auditer(tx, trace(admin, 'renvoyer_invitation', compte.organisation, c.origine, `comptes/${id}`, { courriel: compte.courriel, expire_le: expireLe.slice(0, 10) }));
    return { compte, jeton, expireLe };
  });
  await c.messagerie.envoyer(courrielInvitation(admin, fait.compte, fait.compte.organisation, fait.jeton, c.adresse));
  return { id, expire_le: fait.expireLe };
}

/** Le lien d'invitation ouvert : le jeton sert une fois, avant son expiration, pour un compte actif. Rend le compte, désormais utilisable. */
export async function accepterInvitation(base: Base, jeton: string, horloge: Horloge, origine: string): Promise<{ id: number; courriel: string }> {
  return base.transaction(async (tx) => {
    const [i] = await tx.query<{ id: number; utilisateur_id: number; courriel: string; actif: boolean; expiree: boolean; utilisee: boolean }>(
      `SELECT i.id, i.utilisateur_id, u.courriel, u.actif, i.expire_le <= $2::timestamptz AS expiree, i.utilisee_le IS NOT NULL AS utilisee
       FROM invitation i JOIN utilisateur u ON u.id = i.utilisateur_id WHERE i.jeton_hache = $1 FOR UPDATE OF i`,
      [empreinteSecret(jeton), horloge.maintenant().toISOString()],
    );
    if (!i) introuvable("Ce lien d'invitation n'est pas valable : vérifiez que vous l'avez copié en entier.");
    if (i.utilisee) throw new ErreurMetier("Ce lien d'invitation a déjà servi : connectez-vous avec ProConnect.", 'etat_incompatible');
    if (i.expiree) throw new ErreurMetier("Ce lien d'invitation a expiré : demandez une nouvelle invitation à votre administrateur.", 'etat_incompatible');
    if (!i.actif) throw new ErreurMetier('Ce compte a été désactivé : adressez-vous à votre administrateur.', 'etat_incompatible');
    await tx.query('UPDATE invitation SET utilisee_le = $2::timestamptz WHERE id = $1', [i.id, horloge.maintenant().toISOString()]);
    await tx.query('UPDATE utilisateur SET accepte_le = $2::timestamptz WHERE id = $1', [i.utilisateur_id, horloge.maintenant().toISOString()]);
    await auditer(tx, { acteur: i.courriel, action: 'invitation_acceptee', objet: `comptes/${i.utilisateur_id}`, origine });
    return { id: i.utilisateur_id, courriel: i.courriel };
  });
}

export async function changerRole(base: Base, admin: Utilisateur, id: number, brut: unknown, origine: string): Promise<Compte> {
  const { role } = lire(schemaRole, brut, 'Rôle');
  return base.transaction(async (tx) => {
    const compte = await chargerCompte(tx, id);
    exigerCompteAdministrable(admin, compte);
    exigerHabilitation(admin, role, compte.organisation);
    if (role === compte.role) return compte;
    // Le déclencheur de la migration 0010 ferme ses sessions.
    await tx.query('UPDATE utilisateur SET role = $2 WHERE id = $1', [id, role]);
    await auditer(tx, trace(admin, 'changer_role', compte.organisation, origine, `comptes/${id}`, { courriel: compte.courriel, role_avant: ROLES[compte.role].libelle, role: ROLES[role].libelle }));
    return { ...compte, role };
  });
}

/** Désactive (ses sessions se ferment par déclencheur) ou réactive un compte. */
export async function changerActif(base: Base, admin: Utilisateur, id: number, brut: unknown, origine: string): Promise<Compte> {
  const { actif } = lire(schemaActif, brut, 'État du compte');
  return base.transaction(async (tx) => {
    const compte = await chargerCompte(tx, id);
    exigerCompteAdministrable(admin, compte);
    if (actif === (compte.etat !== 'desactive')) return compte;
    await tx.query('UPDATE utilisateur SET actif = $2 WHERE id = $1', [id, actif]);
    await auditer(tx, trace(admin, actif ? 'reactiver_compte' : 'desactiver_compte', compte.organisation, origine, `comptes/${id}`, { courriel: compte.courriel }));
    return { ...compte, etat: actif ? (compte.accepte ? 'actif' : 'invite') : 'desactive' };
  });
}

/** Crée une organisation déjà connue du référentiel (une ML importée, un département, une région) ; une ML prend le SIRET de l'extrait à défaut d'un autre. */
export async function creerOrganisation(base: Base, admin: Utilisateur, brut: unknown, origine: string): Promise<Organisation> {
  const o = lire(schemaOrganisation, brut, 'Organisation');
  return base.transaction(async (tx) => {
    const situee = await situer(tx, o.type, o.code);
    lever(refusOrganisation(admin, situee));
    const [existante] = await tx.query('SELECT 1 FROM organisation WHERE type = $1 AND code = $2', [o.type, o.code]);
    if (existante) throw new ErreurMetier(`L'organisation ${o.code} de ce type existe déjà.`, 'etat_incompatible');
    const siret = o.siret ?? situee.siret ?? null;
    const [homonyme] = siret ? await tx.query<{ nom: string }>('SELECT nom FROM organisation WHERE siret = $1', [siret]) : [];
    if (homonyme) throw new ErreurMetier(`Le SIRET ${siret} est déjà celui de l'organisation « ${homonyme.nom} ».`, 'etat_incompatible');
    const [{ id }] = await tx.query<{ id: number }>('INSERT INTO organisation (type, code, nom, siret) VALUES ($1, $2, $3, $4) RETURNING id', [o.type, o.code, o.nom, siret]);
    const creee = { ...situee, id, nom: o.nom, siret };
    await auditer(tx, trace(admin, 'creer_organisation', creee, origine, `organisations/${id}`, { type: o.type, code: o.code, siret }));
    return creee;
  });
}

/** Une organisation à créer, située par le référentiel : la ML doit avoir été importée, le département ou la région exister. */
async function situer(tx: Requeteur, type: TypeOrganisation, code: string): Promise<OrganisationSituee & { siret?: string | null }> {
  if (type === 'dgefp') {
    if (code !== 'FR') throw new ErreurMetier('La DGEFP a pour code FR.');
    return { type, code };
  }
  if (type === 'ml') {
    const [m] = await tx.query<{ code_departement: string; code_region: string; siret: string | null }>('SELECT code_departement, code_region, siret FROM mission_locale WHERE code_structure = $1', [code]);
    if (!m) throw new ErreurMetier(`Mission locale inconnue : ${code} ; elle doit d'abord figurer dans un extrait importé.`);
    return { type, code, ...m };
  }
  if (type === 'ud') {
    const [d] = await tx.query<{ code_region: string }>('SELECT code_region FROM departement WHERE code = $1', [code]);
    if (!d) throw new ErreurMetier(`Département inconnu : ${code}.`);
    return { type, code, code_region: d.code_region };
  }
  const [r] = await tx.query('SELECT 1 FROM region WHERE code = $1', [code]);
  if (!r) throw new ErreurMetier(`Région inconnue : ${code}.`);
  return { type, code };
}

/**
 * Le retour de ProConnect d'un agent sans compte : sa demande attend (une seule à la fois) si son
 * organisation est connue par son SIRET. Aucun droit n'est donné ici.
 */
export async function demanderAcces(
  base: Base,
  agent: { courriel: string; nom: string | null; siret: string | null },
  origine: string,
  horloge: Horloge,
): Promise<'en_attente' | 'refusee' | 'organisation_inconnue'> {
  const siret = agent.siret?.replace(/\s/g, '') ?? '';
  return base.transaction(async (tx) => {
    const [o] = /^\d{14}$/.test(siret) ? await tx.query<{ id: number; code: string; type: TypeOrganisation }>('SELECT id, code, type FROM organisation WHERE siret = $1', [siret]) : [];
    if (!o) {
      await auditer(tx, { acteur: agent.courriel, action: 'connexion_refusee', origine, details: { motif: 'organisation inconnue', siret: siret || null } });
      return 'organisation_inconnue';
    }
    const [derniere] = await tx.query<{ etat: string }>('SELECT etat FROM demande_acces WHERE lower(courriel) = lower($1) ORDER BY id DESC LIMIT 1', [agent.courriel]);
    if (derniere?.etat === 'en_attente' || derniere?.etat === 'refusee') {
      await auditer(tx, { acteur: agent.courriel, action: 'connexion_refusee', origine, details: { motif: derniere.etat === 'en_attente' ? "demande d'accès en attente" : "demande d'accès refusée" } });
      return derniere.etat;
    }
    await tx.query('INSERT INTO demande_acces (courriel, nom, siret, organisation_id, creee_le) VALUES ($1, $2, $3, $4, $5::timestamptz)', [
      agent.courriel.toLowerCase(),
      agent.nom || agent.courriel,
      siret,
      o.id,
      horloge.maintenant().toISOString(),
    ]);
    await auditer(tx, { acteur: agent.courriel, action: 'demande_acces', codeStructure: o.type === 'ml' ? o.code : null, origine, details: { siret } });
    return 'en_attente';
  });
}

/** Accepter (avec un rôle que l'administrateur peut donner dans cette organisation) ou refuser une demande en attente. */
export async function traiterDemande(base: Base, admin: Utilisateur, id: number, brut: unknown, c: Contexte): Promise<{ compte: number | null }> {
  const decision = lire(schemaDecision, brut, 'Décision');
  const fait = await base.transaction(async (tx) => {
    const [d] = await tx.query<{ courriel: string; nom: string; etat: string; organisation_id: number }>('SELECT courriel, nom, etat, organisation_id FROM demande_acces WHERE id = $1 FOR UPDATE', [id]);
    if (!d) introuvable(`Demande d'accès inconnue : ${id}.`);
    const o = await chargerOrganisation(tx, d.organisation_id);
    // Accepter exige de pouvoir donner le rôle choisi ; refuser, d'en pouvoir donner un dans cette organisation.
    lever(decision.decision === 'accepter' ? refusHabilitation(admin, decision.role, o) : refusGestion(admin, o));
    if (d.etat !== 'en_attente') throw new ErreurMetier(`Cette demande a déjà été ${d.etat === 'acceptee' ? 'acceptée' : 'refusée'}.`, 'etat_incompatible');
    let compte: number | null = null;
    if (decision.decision === 'accepter') {
      compte = await creerCompte(tx, 'INSERT INTO utilisateur (courriel, nom, organisation_id, role) VALUES ($1, $2, $3, $4)', [d.courriel, d.nom, o.id, decision.role]);
    }
    const etat = decision.decision === 'accepter' ? 'acceptee' : 'refusee';
    await tx.query('UPDATE demande_acces SET etat = $2, role = $3, traitee_par = $4, traitee_le = $5::timestamptz WHERE id = $1', [
      id,
      etat,
      decision.decision === 'accepter' ? decision.role : null,
      admin.courriel,
      c.horloge.maintenant().toISOString(),
    ]);
    await auditer(
      tx,
      trace(admin, decision.decision === 'accepter' ? 'accepter_demande_acces' : 'refuser_demande_acces', o, c.origine, `demandes-acces/${id}`, {
        courriel: d.courriel,
        ...(decision.decision === 'accepter' ? { role: ROLES[decision.role].libelle } : {}),
      }),
    );
    return { compte, d, o };
  });
  await c.messagerie.envoyer({
    a: fait.d.courriel,
    objet: fait.compte ? 'Votre accès à CPO Missions locales est ouvert' : "Votre demande d'accès à CPO Missions locales",
    texte: fait.compte
      ? `Bonjour ${fait.d.nom},\n\nVotre demande d'accès pour ${fait.o.nom} a été acceptée. Connectez-vous avec ProConnect : ${c.adresse}/connexion\n`
      : `Bonjour ${fait.d.nom},\n\nVotre demande d'accès pour ${fait.o.nom} n'a pas été acceptée. Pour en savoir plus, adressez-vous à votre administrateur.\n`,
  });
  return { compte: fait.compte };
}

/**
 * Le premier compte d'une base neuve : un agent DGEFP, créé par la ligne de commande (qui a déjà la
 * main sur le serveur) ; il invite ensuite les autres depuis l'application.
 */
export async function creerAdministrateurNational(base: Base, brut: unknown, acteur: string): Promise<{ id: number; courriel: string }> {
  const a = lire(schemaInvitation.pick({ courriel: true, nom: true }), brut, 'Administrateur');
  return base.transaction(async (tx) => {
    await tx.query(`INSERT INTO organisation (type, code, nom) VALUES ('dgefp', 'FR', 'DGEFP') ON CONFLICT (type, code) DO NOTHING`);
    const id = await creerCompte(tx, `INSERT INTO utilisateur (courriel, nom, organisation_id, role) SELECT $1, $2, id, 'agent_dgefp' FROM organisation WHERE type = 'dgefp' AND code = 'FR'`, [
      a.courriel,
      a.nom,
    ]);
    await auditer(tx, { acteur, action: 'creer_administrateur', objet: `comptes/${id}`, origine: 'cli', details: { courriel: a.courriel, role: ROLES.agent_dgefp.libelle } });
    return { id, courriel: a.courriel };
  });
}
