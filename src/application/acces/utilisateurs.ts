// Les utilisateurs et leur périmètre : l'organisation d'un utilisateur fait sa portée (une ML, un
// département, une région, la nation), lue depuis la base avec la session ouverte.
import { ROLES, type Role, type TypeOrganisation, type Utilisateur } from '../../domaine/acces/droits.ts';
import { porteeOrganisation } from '../../domaine/acces/habilitations.ts';
import type { Requeteur } from '../ports/base.ts';
import { NOMS, PRENOMS_F, PRENOMS_H, versAscii } from '../demo/listes.ts';
import type { Horloge } from '../ports/horloge.ts';
import { SELECT_ML_SITUEES, type LigneMlSituee } from '../fragmentsSql.ts';

interface Ligne {
  id: number;
  nom: string;
  courriel: string;
  role: Role;
  type: TypeOrganisation;
  code: string;
  nom_organisation: string;
  code_departement: string | null;
  code_region: string | null;
}

/** Une organisation et ce qui la situe (département et région d'une ML, région d'une UD), sous l'alias `o`. */
export const SITUER_ORGANISATION = `LEFT JOIN mission_locale m ON o.type = 'ml' AND m.code_structure = o.code
  LEFT JOIN departement d ON o.type = 'ud' AND d.code = o.code`;
export const COLONNES_SITUATION = 'm.code_departement, coalesce(m.code_region, d.code_region) AS code_region';

const SELECT_UTILISATEUR = `
  SELECT u.id, u.nom, u.courriel, u.role, o.type, o.code, o.nom AS nom_organisation, ${COLONNES_SITUATION}
  FROM utilisateur u JOIN organisation o ON o.id = u.organisation_id ${SITUER_ORGANISATION}`;

/** Un rôle retiré du code, ou une organisation qui n'est plus située (ML disparue de la base), ne donne pas d'utilisateur. */
function versUtilisateur(l: Ligne): Utilisateur | null {
  const portee = porteeOrganisation(l);
  if (!portee || !(l.role in ROLES)) return null;
  return { id: l.id, nom: l.nom, courriel: l.courriel, role: l.role, organisation: { type: l.type, code: l.code, nom: l.nom_organisation }, portee };
}

/** L'utilisateur d'une session ouverte, non expirée à l'heure de l'horloge, d'un compte actif ; sinon null. */
export async function utilisateurDeLaSession(db: Requeteur, idSession: string, horloge: Horloge): Promise<Utilisateur | null> {
  const [ligne] = await db.query<Ligne>(
    `${SELECT_UTILISATEUR} JOIN session_utilisateur s ON s.utilisateur_id = u.id WHERE s.id = $1 AND s.expire_le > $2::timestamptz AND u.actif AND u.accepte_le IS NOT NULL`,
    [idSession, horloge.maintenant().toISOString()],
  );
  return ligne ? versUtilisateur(ligne) : null;
}

/**
 * Le compte d'un courriel, sans égard à la casse (celle que rend le fournisseur d'identité peut
 * différer) ; `accepte` : son invitation est acceptée (ou il n'en a pas eu). Null s'il n'existe pas.
 */
export async function compteDuCourriel(db: Requeteur, courriel: string): Promise<{ id: number; courriel: string; actif: boolean; accepte: boolean } | null> {
  const [compte] = await db.query<{ id: number; courriel: string; actif: boolean; accepte: boolean }>(
    'SELECT id, courriel, actif, accepte_le IS NOT NULL AS accepte FROM utilisateur WHERE lower(courriel) = lower($1)',
    [courriel],
  );
  return compte ?? null;
}

export async function utilisateursDemo(db: Requeteur): Promise<Utilisateur[]> {
  const lignes = await db.query<Ligne>(`${SELECT_UTILISATEUR} WHERE u.demo AND u.actif ORDER BY u.id`);
  return lignes.map(versUtilisateur).filter((u) => u !== null);
}

/** L'organisation d'une ML prend le SIRET de la ML (s'il n'est pas déjà pris) : ProConnect y rattache ses agents. */
async function organisation(db: Requeteur, type: TypeOrganisation, code: string, nom: string): Promise<number> {
  const [o] = await db.query<{ id: number }>(
    `INSERT INTO organisation (type, code, nom, siret)
     VALUES ($1, $2, $3, (SELECT m.siret FROM mission_locale m WHERE $1 = 'ml' AND m.code_structure = $2 AND NOT EXISTS (SELECT 1 FROM organisation x WHERE x.siret = m.siret)))
     ON CONFLICT (type, code) DO UPDATE SET nom = EXCLUDED.nom, siret = coalesce(organisation.siret, EXCLUDED.siret) RETURNING id`,
    [type, code, nom],
  );
  return o.id;
}

/**
 * Les comptes de démonstration, sur les données en base, dans la région qui compte le plus de ML : une
 * conseillère et une direction de la première ML, une direction dans chaque autre ML (la deuxième
 * d'un autre département si possible) et une UD dans chaque département, pour que chaque dialogue de
 * la campagne puisse avancer ; la DIRECCTE et le Conseil régional de la région, la DGEFP. Les comptes
 * qui existent déjà ne changent pas.
 */
export async function assurerUtilisateursDemo(db: Requeteur): Promise<void> {
  const mls = await db.query<LigneMlSituee>(
    `${SELECT_ML_SITUEES}
     WHERE m.code_region = (SELECT code_region FROM mission_locale GROUP BY code_region ORDER BY count(*) DESC, code_region LIMIT 1)
     ORDER BY m.code_structure COLLATE "C"`,
  );
  if (mls.length === 0) return;
  const [a] = mls;
  const b = mls.find((m) => m.code_departement !== a.code_departement) ?? mls[1] ?? a;
  type Compte = { courriel: string; nom: string; role: Role; type: TypeOrganisation; code: string; nomOrganisation: string };
  const direction = (m: (typeof mls)[number], nom: string): Compte => ({ courriel: `${courrielDe(nom)}@ml-${m.code_structure}.demo`, nom, role: 'direction_ml', type: 'ml', code: m.code_structure, nomOrganisation: m.nom });
  const ud = (m: (typeof mls)[number], nom: string): Compte => ({ courriel: `${courrielDe(nom)}@ud-${m.code_departement}.demo`, nom, role: 'agent_ud', type: 'ud', code: m.code_departement, nomOrganisation: `UD ${m.nom_departement}` });
  const comptes: Compte[] = [
    { courriel: `claire.martin@ml-${a.code_structure}.demo`, nom: 'Claire Martin', role: 'conseiller', type: 'ml', code: a.code_structure, nomOrganisation: a.nom },
    direction(a, 'Paul Lefebvre'),
    direction(b, 'Inès Garnier'),
    ud(a, 'Marc Robin'),
    { courriel: `sophie.bernard@direccte-${a.code_region}.demo`, nom: 'Sophie Bernard', role: 'agent_direccte', type: 'direccte', code: a.code_region, nomOrganisation: `DIRECCTE ${a.nom_region}` },
    { courriel: `julien.morel@region-${a.code_region}.demo`, nom: 'Julien Morel', role: 'agent_region', type: 'conseil_regional', code: a.code_region, nomOrganisation: `Conseil régional ${a.nom_region}` },
    { courriel: 'nadia.haddad@dgefp.demo', nom: 'Nadia Haddad', role: 'agent_dgefp', type: 'dgefp', code: 'FR', nomOrganisation: 'DGEFP' },
  ];
  // Des noms tirés des listes de la démonstration, toujours les mêmes pour la même ML ou le même département.
  const nomDe = (i: number) => {
    const prenoms = i % 2 ? PRENOMS_H : PRENOMS_F;
    return `${prenoms[(7 * i + 3) % prenoms.length]} ${NOMS[(11 * i + 5) % NOMS.length]}`;
  };
  mls.forEach((m, i) => {
    if (m !== a && m !== b) comptes.push(direction(m, nomDe(i)));
  });
  const departements = [...new Map(mls.map((m) => [m.code_departement, m])).values()];
  departements.forEach((m, i) => {
    if (m.code_departement !== a.code_departement) comptes.push(ud(m, nomDe(mls.length + i)));
  });
  for (const c of comptes) {
    const id = await organisation(db, c.type, c.code, c.nomOrganisation);
    await db.query(
      `INSERT INTO utilisateur (courriel, nom, organisation_id, role, demo) VALUES ($1, $2, $3, $4, true) ON CONFLICT (courriel) DO NOTHING`,
      [c.courriel, c.nom, id, c.role],
    );
  }
}

const courrielDe = (nom: string) => versAscii(nom).replace(/[^a-z]+/g, '.');
