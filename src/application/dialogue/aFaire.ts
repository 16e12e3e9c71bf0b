// « À faire » : les dialogues qui attendent une action de l'utilisateur, dans son périmètre, échéance et retard compris.
import { couvreStructure, type Utilisateur } from '../../domaine/acces/droits.ts';
import { actionsPossibles, libelleEtat, type CadreDialogue, type EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Requeteur } from '../ports/base.ts';
import { echeanceDe, retard, type Campagne } from './campagnes.ts';

/** Les dialogues qui attendent une action de cet utilisateur, dans son périmètre ; en retard au regard d'`aujourdhui`. */
export async function aFaire(db: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, aujourdhui: DateCalendaire) {
  const etats = cadre.etats.map((e) => e.id).filter((e) => actionsPossibles(cadre, e, utilisateur.role).length > 0);
  if (etats.length === 0) return [];
  const lignes = await db.query<
    { id: number; annee: number; etat: EtatDialogue; code_structure: string; nom: string; code_departement: string; code_region: string } & Pick<
      Campagne,
      'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature'
    >
  >(
    `SELECT d.id, d.annee, d.etat, d.code_structure, m.nom, m.code_departement, m.code_region, c.echeance_autodiagnostic, c.echeance_entretien, c.echeance_signature
     FROM dialogue d JOIN mission_locale m USING (code_structure) JOIN campagne c ON c.id = d.campagne_id
     WHERE d.etat = ANY($1::text[])`,
    [etats],
  );
  return lignes
    .filter((l) => couvreStructure(utilisateur.portee, { code: l.code_structure, ...l }))
    .map((l) => {
      const echeance = echeanceDe(l, l.etat);
      return {
        id: l.id,
        annee: l.annee,
        etat: l.etat,
        code_structure: l.code_structure,
        nom: l.nom,
        libelle_etat: libelleEtat(cadre, l.etat),
        echeance,
        ...retard(echeance, aujourdhui),
        actions: actionsPossibles(cadre, l.etat, utilisateur.role).map((t) => t.libelle),
      };
    })
    .sort((a, b) => (a.echeance ?? '9999').localeCompare(b.echeance ?? '9999') || a.nom.localeCompare(b.nom, 'fr'));
}
