// Le suivi régional d'une campagne : chaque ML de la campagne dans le périmètre, son état, son échéance
// et son retard, ses cibles et ses montants.
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { libelleEtat, type CadreDialogue, type EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import { totalMontants, type Enveloppe, type Montants } from '../../domaine/dialogue/financement.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Requeteur } from '../ports/base.ts';
import { jourParis } from '../fragmentsSql.ts';
import { COLONNES_CAMPAGNE, echeanceDe, retard, type Campagne } from './campagnes.ts';

export interface LigneSuivi {
  id: number;
  code_structure: string;
  nom: string;
  code_departement: string;
  etat: string;
  libelle_etat: string;
  echeance: string | null;
  en_retard: boolean;
  jours_de_retard: number;
  derniere_action: string;
  cibles: Record<string, number> | null;
  total: number | null;
  variation: number | null;
  depasse: boolean;
}

/** La ligne lue pour chaque dialogue de la campagne. */
interface LigneDialogueSuivi {
  id: number;
  code_structure: string;
  nom: string;
  code_departement: string;
  code_region: string;
  etat: EtatDialogue;
  objectifs: { cibles: Record<string, number> } | null;
  decision: { montants: Montants; enveloppe: Pick<Enveloppe, 'variation' | 'depasse'> } | null;
  derniere_action: string;
}

/** Le suivi, en retard au regard d'`aujourdhui` ; null si la campagne n'existe pas. */
export async function lireSuiviCampagne(
  db: Requeteur,
  cadre: CadreDialogue,
  utilisateur: Utilisateur,
  id: number,
  aujourdhui: DateCalendaire,
): Promise<{ campagne: Campagne; dialogues: LigneSuivi[] } | null> {
  const [campagne] = await db.query<Campagne>(`SELECT ${COLONNES_CAMPAGNE} FROM campagne c WHERE id = $1`, [id]);
  if (!campagne) return null;
  const lignes = await db.query<LigneDialogueSuivi>(
    `SELECT d.id, d.code_structure, m.nom, m.code_departement, m.code_region, d.etat, d.objectifs, d.decision,
            ${jourParis('d.modifie_le')} AS derniere_action
     FROM dialogue d JOIN mission_locale m USING (code_structure) WHERE d.campagne_id = $1 ORDER BY m.nom`,
    [id],
  );
  const visibles = lignes.filter((l) => couvreStructure(utilisateur.portee, { code: l.code_structure, ...l }));
  exiger(visibles.length > 0 || lignes.length === 0, `Hors de votre périmètre : la campagne ${id}.`);
  return {
    campagne,
    dialogues: visibles.map((l) => ({
      id: l.id,
      code_structure: l.code_structure,
      nom: l.nom,
      code_departement: l.code_departement,
      etat: l.etat,
      libelle_etat: libelleEtat(cadre, l.etat),
      echeance: echeanceDe(campagne, l.etat),
      ...retard(echeanceDe(campagne, l.etat), aujourdhui),
      derniere_action: l.derniere_action,
      cibles: l.objectifs?.cibles ?? null,
      total: l.decision ? totalMontants(l.decision.montants) : null,
      variation: l.decision?.enveloppe.variation ?? null,
      depasse: l.decision?.enveloppe.depasse ?? false,
    })),
  };
}
