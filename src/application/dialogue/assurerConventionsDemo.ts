// Démonstration : une convention par ML qui n'en a pas, au crédit « État CPO » de sa première année.
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';

export async function assurerConventionsDemo(base: Base, acteur: string): Promise<void> {
  await base.transaction(async (tx) => {
    const creees = await tx.query<{ code_structure: string }>(
      `INSERT INTO convention (code_structure, numero, annee_debut, annee_fin, date_signature, montant_reference, cree_par)
       SELECT m.code_structure, 'CPO-2015-' || m.code_region || '-' || m.code_structure, 2015, 2018, '2015-04-15',
              coalesce((SELECT round(etat_cpo / 100) * 100 FROM moyens y WHERE y.code_structure = m.code_structure ORDER BY annee LIMIT 1), 0)::int, $1
       FROM mission_locale m
       WHERE NOT EXISTS (SELECT 1 FROM convention c WHERE c.code_structure = m.code_structure)
       RETURNING code_structure`,
      [acteur],
    );
    if (creees.length) await auditer(tx, { acteur, action: 'creer_conventions_demo', origine: 'cli', details: { conventions: creees.length } });
  });
}
