// Cas d'usage : les Missions locales du périmètre de l'utilisateur, avec leur département et leur région.
import { couvreStructure, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';
import { SELECT_ML_SITUEES, type LigneMlSituee } from '../fragmentsSql.ts';

export interface StructureVisible {
  code: string;
  nom: string;
  code_departement: string;
  departement: string;
  code_region: string;
  region: string;
}

export async function listerStructuresVisibles(db: Requeteur, utilisateur: Pick<Utilisateur, 'portee'>): Promise<StructureVisible[]> {
  const lignes = await db.query<LigneMlSituee>(`${SELECT_ML_SITUEES} ORDER BY m.code_structure COLLATE "C"`);
  const toutes = lignes.map(({ code_structure, nom_departement, nom_region, ...l }) => ({ ...l, code: code_structure, departement: nom_departement, region: nom_region }));
  return toutes.filter((s) => couvreStructure(utilisateur.portee, s));
}
