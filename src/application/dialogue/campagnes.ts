// Ce que les cas d'usage des campagnes partagent : la ligne d'une campagne, ses colonnes, l'échéance
// qui attend un dialogue et son retard.
import { joursEntre, type DateCalendaire } from '../../domaine/temps/dates.ts';
import { horodatageParis } from '../fragmentsSql.ts';

export interface Campagne {
  id: number;
  code_region: string;
  annee: number;
  instantane_id: number;
  echeance_autodiagnostic: string;
  echeance_entretien: string;
  echeance_signature: string;
  ouverte_par: string;
  ouverte_le: string;
}

/** Les colonnes d'une `Campagne`, sur la table campagne d'alias c. */
export const COLONNES_CAMPAGNE = `c.id, c.code_region, c.annee, c.instantane_id, c.echeance_autodiagnostic, c.echeance_entretien, c.echeance_signature, c.ouverte_par,
  ${horodatageParis('c.ouverte_le')} AS ouverte_le`;

/** L'échéance qui attend un dialogue dans cet état ; null une fois signé. */
export function echeanceDe(c: Pick<Campagne, 'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature'>, etat: string): DateCalendaire | null {
  if (etat === 'signe') return null;
  return etat === 'ouvert' ? c.echeance_autodiagnostic : etat === 'autodiagnostic_soumis' ? c.echeance_entretien : c.echeance_signature;
}

/** Une échéance passée au regard d'`aujourdhui` (la date du serveur, pas celle du navigateur). */
export function retard(echeance: DateCalendaire | null, aujourdhui: DateCalendaire) {
  const jours = echeance === null ? 0 : Math.max(joursEntre(echeance, aujourdhui), 0);
  return { en_retard: jours > 0, jours_de_retard: jours };
}
