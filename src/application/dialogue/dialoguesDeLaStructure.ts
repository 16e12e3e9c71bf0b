// Les dialogues d'une Mission locale, année par année.
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { libelleEtat, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import type { Requeteur } from '../ports/base.ts';

/** Les dialogues d'une ML, du plus récent au plus ancien, avec les cibles arrêtées. */
export async function dialoguesDeLaStructure(db: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, code: string) {
  const [ml] = await db.query<{ code_departement: string; code_region: string }>('SELECT code_departement, code_region FROM mission_locale WHERE code_structure = $1', [code]);
  if (!ml) return null;
  exiger(couvreStructure(utilisateur.portee, { code, ...ml }), `Hors de votre périmètre : la Mission locale ${code}.`);
  const lignes = await db.query<{ id: number; annee: number; etat: string; cibles: Record<string, number> | null }>(
    `SELECT id, annee, etat, objectifs->'cibles' AS cibles FROM dialogue WHERE code_structure = $1 ORDER BY annee DESC`,
    [code],
  );
  return lignes.map((l) => ({ ...l, libelle_etat: libelleEtat(cadre, l.etat) }));
}
