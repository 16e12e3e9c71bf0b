import { describe, expect, it } from 'vitest';
import { DROITS, ROLES, accueil, couvreStructure, couvreTerritoire, peut, voitNominatif, type Portee, type Utilisateur } from './droits.ts';

const rennes = { code: 'ML1', code_departement: '35', code_region: '53' };
const brest = { code: 'ML2', code_departement: '29', code_region: '53' };
const paris = { code: 'ML3', code_departement: '75', code_region: '11' };
const ml: Portee = { niveau: 'structure', ...rennes };
const ud: Portee = { niveau: 'departement', code: '35', code_region: '53' };
const region: Portee = { niveau: 'region', code: '53' };
const national: Portee = { niveau: 'national' };

describe('périmètres', () => {
  it('une ML ne voit que ses chiffres ; une UD son département ; une région les siennes ; la DGEFP tout', () => {
    expect([rennes, brest, paris].map((s) => couvreStructure(ml, s))).toEqual([true, false, false]);
    expect([rennes, brest, paris].map((s) => couvreStructure(ud, s))).toEqual([true, false, false]);
    expect([rennes, brest, paris].map((s) => couvreStructure(region, s))).toEqual([true, true, false]);
    expect([rennes, brest, paris].map((s) => couvreStructure(national, s))).toEqual([true, true, true]);
  });

  it("les tableaux de territoire : ni pour une ML, le département pour l'UD, la région et ses départements pour la région", () => {
    const dep35 = { niveau: 'departement' as const, code: '35', code_region: '53' };
    const dep29 = { niveau: 'departement' as const, code: '29', code_region: '53' };
    expect(couvreTerritoire(ml, dep35)).toBe(false);
    expect([couvreTerritoire(ud, dep35), couvreTerritoire(ud, dep29), couvreTerritoire(ud, { niveau: 'region', code: '53' })]).toEqual([true, false, false]);
    expect([couvreTerritoire(region, dep29), couvreTerritoire(region, { niveau: 'region', code: '11' }), couvreTerritoire(region, { niveau: 'national' })]).toEqual([
      true,
      false,
      false,
    ]);
    expect(couvreTerritoire(national, { niveau: 'national' })).toBe(true);
  });

  it("seuls les utilisateurs d'une ML voient ses données nominatives", () => {
    const u = (role: Utilisateur['role'], portee: Portee): Utilisateur => ({ id: 1, nom: 'x', courriel: 'x', role, portee, organisation: { type: 'ml', code: 'ML1', nom: 'x' } });
    expect(voitNominatif(u('conseiller', ml), 'ML1')).toBe(true);
    expect(voitNominatif(u('conseiller', ml), 'ML2')).toBe(false);
    expect(voitNominatif(u('agent_dgefp', national), 'ML1')).toBe(false);
    expect(voitNominatif(u('agent_direccte', region), 'ML1')).toBe(false);
  });

  it("chaque rôle de la table des droits existe, et chaque rôle peut au moins consulter son profil", () => {
    for (const roles of Object.values(DROITS)) for (const r of roles) expect(Object.keys(ROLES)).toContain(r);
    for (const role of Object.keys(ROLES) as Utilisateur['role'][]) expect(peut({ role }, 'lire_profil')).toBe(true);
    expect(peut({ role: 'agent_dgefp' }, 'lire_jeunes')).toBe(false);
  });

  it("mène chacun à son tableau de bord", () => {
    expect([ml, ud, region, national].map(accueil)).toEqual(['/structures/ML1', '/departements/35', '/regions/53', '/national']);
  });
});
