// Les conventions du périmètre de l'utilisateur, avec le nom de leur ML ; celle d'une seule ML sur demande.
import { couvreStructure, type Portee } from '../../domaine/acces/droits.ts';
import type { Requeteur } from '../ports/base.ts';
import type { Convention } from './conventions.ts';

export async function listerConventions(db: Requeteur, portee: Portee, filtre: { structure?: string } = {}): Promise<(Convention & { nom: string })[]> {
  const lignes = await db.query<Convention & { nom: string; code_departement: string; code_region: string }>(
    `SELECT c.code_structure, c.numero, c.annee_debut, c.annee_fin, c.date_signature, c.montant_reference, m.nom, m.code_departement, m.code_region FROM convention c JOIN mission_locale m USING (code_structure)
     WHERE $1::text IS NULL OR c.code_structure = $1 ORDER BY c.code_structure COLLATE "C"`,
    [filtre.structure ?? null],
  );
  return lignes.filter((l) => couvreStructure(portee, { code: l.code_structure, ...l })).map(({ code_departement: _d, code_region: _r, ...c }) => c);
}
