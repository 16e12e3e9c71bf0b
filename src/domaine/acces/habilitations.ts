// Qui peut habiliter qui : la règle des comptes (inviter, changer le rôle, désactiver, accepter une
// demande ProConnect) et des organisations. Personne ne donne un périmètre plus large que le sien, ni
// un rôle hors de ceux qu'il administre : la DGEFP tout, la DIRECCTE sa région (UD, ML, Conseil
// régional), la direction d'une ML ses conseillers.
import type { CodeErreur } from '../erreurs.ts';
import { ROLES, contient, type Portee, type Role, type TypeOrganisation, type Utilisateur } from './droits.ts';

/** Une organisation située : pour une ML son département et sa région, pour une UD sa région. */
export interface OrganisationSituee {
  type: TypeOrganisation;
  code: string;
  code_departement?: string | null;
  code_region?: string | null;
}

/** Un refus de la règle, son code compris : le cas d'usage le lève tel quel, sans relire le message. */
export interface Refus {
  code: Extract<CodeErreur, 'droit_insuffisant' | 'hors_perimetre' | 'saisie_invalide'>;
  message: string;
}
const horsPerimetre = (message: string): Refus => ({ code: 'hors_perimetre', message: `Hors de votre périmètre : ${message}` });
const roleInsuffisant = (admin: Pick<Utilisateur, 'role'>, quoi: string): Refus => ({ code: 'droit_insuffisant', message: `Votre rôle (${ROLES[admin.role].libelle}) ne permet pas ${quoi}.` });

/** Les rôles que chaque rôle peut donner ; un rôle absent n'administre personne. */
const ROLES_ADMINISTRES: Partial<Record<Role, readonly Role[]>> = {
  agent_dgefp: Object.keys(ROLES) as Role[],
  agent_direccte: ['agent_ud', 'agent_region', 'direction_ml', 'conseiller'],
  direction_ml: ['conseiller'],
};

/** Les types d'organisation que chaque rôle peut créer (dans son périmètre). */
const ORGANISATIONS_CREEES: Partial<Record<Role, readonly TypeOrganisation[]>> = {
  agent_dgefp: ['ml', 'ud', 'direccte', 'conseil_regional', 'dgefp'],
  agent_direccte: ['ml', 'ud', 'conseil_regional'],
};

/** Le périmètre d'une organisation ; null si elle n'est pas située (ML ou département inconnus). */
export function porteeOrganisation(o: OrganisationSituee): Portee | null {
  switch (o.type) {
    case 'ml':
      return o.code_departement && o.code_region ? { niveau: 'structure', code: o.code, code_departement: o.code_departement, code_region: o.code_region } : null;
    case 'ud':
      return o.code_region ? { niveau: 'departement', code: o.code, code_region: o.code_region } : null;
    case 'direccte':
    case 'conseil_regional':
      return { niveau: 'region', code: o.code };
    case 'dgefp':
      return { niveau: 'national' };
  }
}

const nomOrganisation = (o: OrganisationSituee) => `${o.type === 'ml' ? 'la Mission locale' : o.type === 'ud' ? "l'UD" : o.type === 'direccte' ? 'la DIRECCTE' : o.type === 'conseil_regional' ? 'le Conseil régional' : 'la DGEFP'} ${o.code}`;

/**
 * Le refus, en français, de donner (ou de retirer) le rôle `role` dans l'organisation `o` ; null si
 * l'administrateur le peut. Sert aussi à toucher un compte existant : son rôle et son organisation
 * actuels doivent être administrables, puis le nouveau rôle.
 */
export function refusHabilitation(admin: Pick<Utilisateur, 'role' | 'portee'>, role: Role, o: OrganisationSituee): Refus | null {
  const administres = ROLES_ADMINISTRES[admin.role] ?? [];
  if (administres.length === 0) return roleInsuffisant(admin, 'de gérer des comptes');
  if (ROLES[role].organisation !== o.type) return { code: 'saisie_invalide', message: `Le rôle « ${ROLES[role].libelle} » ne se donne pas dans ${nomOrganisation(o)}.` };
  const portee = porteeOrganisation(o);
  if (!portee || !contient(admin.portee, portee)) return horsPerimetre(`${nomOrganisation(o)}.`);
  if (!administres.includes(role)) return horsPerimetre(`votre rôle (${ROLES[admin.role].libelle}) ne peut pas donner le rôle « ${ROLES[role].libelle} ».`);
  return null;
}

/** Le refus de gérer l'organisation `o` (y refuser une demande d'accès) : null si l'administrateur peut y donner au moins un rôle. */
export function refusGestion(admin: Pick<Utilisateur, 'role' | 'portee'>, o: OrganisationSituee): Refus | null {
  const refus = (Object.keys(ROLES) as Role[]).filter((r) => ROLES[r].organisation === o.type).map((r) => refusHabilitation(admin, r, o));
  return refus.includes(null) ? null : refus[0];
}

/** Le refus de créer l'organisation `o` ; null si l'administrateur le peut. */
export function refusOrganisation(admin: Pick<Utilisateur, 'role' | 'portee'>, o: OrganisationSituee): Refus | null {
  const types = ORGANISATIONS_CREEES[admin.role] ?? [];
  if (types.length === 0) return roleInsuffisant(admin, 'de créer des organisations');
  const portee = porteeOrganisation(o);
  if (!portee || !contient(admin.portee, portee) || !types.includes(o.type)) return horsPerimetre(`${nomOrganisation(o)}.`);
  return null;
}

/** Les rôles que l'administrateur peut donner dans cette organisation (pour les écrans). */
export const rolesAttribuables = (admin: Pick<Utilisateur, 'role' | 'portee'>, o: OrganisationSituee): Role[] =>
  (Object.keys(ROLES) as Role[]).filter((r) => refusHabilitation(admin, r, o) === null);
