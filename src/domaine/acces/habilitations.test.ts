// La règle des habilitations sur toutes les paires rôle × rôle cible × périmètre : la table attendue est
// écrite à la main, pas déduite de la règle qu'elle vérifie.
import { describe, expect, it } from 'vitest';
import { ROLES, type Portee, type Role } from './droits.ts';
import { refusGestion, refusHabilitation, refusOrganisation, rolesAttribuables, type OrganisationSituee } from './habilitations.ts';

// RA01 Rennes (35, Bretagne 53), RA02 Brest (29, 53), RA03 Paris (75, Île-de-France 11).
const ORGANISATIONS: Record<string, OrganisationSituee> = {
  RA01: { type: 'ml', code: 'RA01', code_departement: '35', code_region: '53' },
  RA02: { type: 'ml', code: 'RA02', code_departement: '29', code_region: '53' },
  RA03: { type: 'ml', code: 'RA03', code_departement: '75', code_region: '11' },
  UD35: { type: 'ud', code: '35', code_region: '53' },
  UD29: { type: 'ud', code: '29', code_region: '53' },
  UD75: { type: 'ud', code: '75', code_region: '11' },
  DIRECCTE53: { type: 'direccte', code: '53' },
  DIRECCTE11: { type: 'direccte', code: '11' },
  CR53: { type: 'conseil_regional', code: '53' },
  CR11: { type: 'conseil_regional', code: '11' },
  DGEFP: { type: 'dgefp', code: 'FR' },
};

const ADMINS: Record<Role, Portee> = {
  conseiller: { niveau: 'structure', code: 'RA01', code_departement: '35', code_region: '53' },
  direction_ml: { niveau: 'structure', code: 'RA01', code_departement: '35', code_region: '53' },
  agent_ud: { niveau: 'departement', code: '35', code_region: '53' },
  agent_direccte: { niveau: 'region', code: '53' },
  agent_region: { niveau: 'region', code: '53' },
  agent_dgefp: { niveau: 'national' },
};

/** Tout ce qui est permis, « administrateur:rôle donné@organisation » ; le reste est refusé. */
const PERMIS = new Set([
  'direction_ml:conseiller@RA01',
  'agent_direccte:conseiller@RA01',
  'agent_direccte:direction_ml@RA01',
  'agent_direccte:conseiller@RA02',
  'agent_direccte:direction_ml@RA02',
  'agent_direccte:agent_ud@UD35',
  'agent_direccte:agent_ud@UD29',
  'agent_direccte:agent_region@CR53',
  ...['RA01', 'RA02', 'RA03'].flatMap((ml) => [`agent_dgefp:conseiller@${ml}`, `agent_dgefp:direction_ml@${ml}`]),
  'agent_dgefp:agent_ud@UD35',
  'agent_dgefp:agent_ud@UD29',
  'agent_dgefp:agent_ud@UD75',
  'agent_dgefp:agent_direccte@DIRECCTE53',
  'agent_dgefp:agent_direccte@DIRECCTE11',
  'agent_dgefp:agent_region@CR53',
  'agent_dgefp:agent_region@CR11',
  'agent_dgefp:agent_dgefp@DGEFP',
]);

const ROLES_LISTE = Object.keys(ROLES) as Role[];

describe('habilitations', () => {
  it('permet exactement la table écrite à la main, sur toutes les paires rôle × rôle cible × organisation', () => {
    const ecarts: string[] = [];
    for (const admin of ROLES_LISTE)
      for (const role of ROLES_LISTE)
        for (const [nom, o] of Object.entries(ORGANISATIONS)) {
          const cas = `${admin}:${role}@${nom}`;
          const refus = refusHabilitation({ role: admin, portee: ADMINS[admin] }, role, o);
          if ((refus === null) !== PERMIS.has(cas)) ecarts.push(`${cas} : ${refus?.message ?? 'permis'}`);
          if (refus !== null) {
            const attendu = { hors_perimetre: /^Hors de votre périmètre/, droit_insuffisant: /^Votre rôle/, saisie_invalide: /^Le rôle « .* » ne se donne pas dans/ }[refus.code];
            expect(refus.message, cas).toMatch(attendu);
          }
        }
    expect(ecarts).toEqual([]);
  });

  it('ne donne jamais un périmètre plus large que celui de l’administrateur', () => {
    const rang = { structure: 0, departement: 1, region: 2, national: 3 } as const;
    const rangOrganisation = { ml: 0, ud: 1, direccte: 2, conseil_regional: 2, dgefp: 3 } as const;
    for (const admin of ROLES_LISTE)
      for (const o of Object.values(ORGANISATIONS))
        if (rolesAttribuables({ role: admin, portee: ADMINS[admin] }, o).length) expect(rangOrganisation[o.type]).toBeLessThanOrEqual(rang[ADMINS[admin].niveau]);
  });

  it("gère une organisation (y refuser une demande) qui peut y donner au moins un rôle", () => {
    const gere = (admin: Role) => Object.entries(ORGANISATIONS).filter(([, o]) => refusGestion({ role: admin, portee: ADMINS[admin] }, o) === null).map(([n]) => n);
    expect(gere('direction_ml')).toEqual(['RA01']);
    expect(gere('agent_direccte')).toEqual(['RA01', 'RA02', 'UD35', 'UD29', 'CR53']);
    expect(gere('agent_dgefp')).toEqual(Object.keys(ORGANISATIONS));
    expect(gere('agent_ud')).toEqual([]);
    expect(refusGestion({ role: 'agent_direccte', portee: ADMINS.agent_direccte }, ORGANISATIONS.DIRECCTE53)?.message).toMatch(/^Hors de votre périmètre : votre rôle \(Agent DIRECCTE\) ne peut pas donner/);
  });

  it('refuse une organisation non située (ML inconnue) même à la DGEFP', () => {
    expect(refusHabilitation({ role: 'agent_dgefp', portee: { niveau: 'national' } }, 'conseiller', { type: 'ml', code: 'ZZ99' })).toEqual({ code: 'hors_perimetre', message: 'Hors de votre périmètre : la Mission locale ZZ99.' });
  });

  it('crée les organisations : la DGEFP partout, la DIRECCTE dans sa région (UD, ML, Conseil régional), personne d’autre', () => {
    const permis = (admin: Role) => Object.entries(ORGANISATIONS).filter(([, o]) => refusOrganisation({ role: admin, portee: ADMINS[admin] }, o) === null).map(([n]) => n);
    expect(permis('agent_dgefp')).toEqual(Object.keys(ORGANISATIONS));
    expect(permis('agent_direccte')).toEqual(['RA01', 'RA02', 'UD35', 'UD29', 'CR53']);
    for (const r of ['conseiller', 'direction_ml', 'agent_ud', 'agent_region'] as const) expect(permis(r), r).toEqual([]);
  });
});
