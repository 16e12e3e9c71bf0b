// Cas d'usage : les Missions locales du périmètre de l'utilisateur, avec leur département et leur région.
import { couvreStructure, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';

export interface StructureVisible {
  code: string;
  nom: string;
  code_departement: string;
  departement: string;
  code_region: string;
  region: string;
}

export async function listerStructuresVisibles(db: Requeteur, utilisateur: Pick<Utilisateur, 'portee'>): Promise<StructureVisible[]> {
  const toutes = await db.query<StructureVisible>(
    `SELECT m.code_structure AS code, m.nom, m.code_departement, d.nom AS departement, m.code_region, r.nom AS region
     FROM mission_locale m JOIN departement d ON d.code = m.code_departement JOIN region r ON r.code = m.code_region
     ORDER BY m.code_structure COLLATE "C"`,
  );
  return toutes.filter((s) => couvreStructure(utilisateur.portee, s));
}
