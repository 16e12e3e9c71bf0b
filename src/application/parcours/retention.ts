// Durée de conservation : l'identité (nom, prénom, courriel, téléphone) d'un jeune sans aucune activité
// depuis la durée configurée est effacée. Le reste du dossier demeure, pseudonyme : les chiffres passés
// ne changent pas. Lancé par `cpo retention`, à planifier (cron, minuteur systemd).
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { ajouterMois, estDateValide } from '../../domaine/temps/dates.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import type { Horloge } from '../ports/horloge.ts';

export interface RapportRetention {
  date: string;
  annees: number;
  /** Dernière activité avant cette date : identité effacée. */
  limite: string;
  simulation: boolean;
  anonymises: number;
  parStructure: { code_structure: string; anonymises: number }[];
}

export const RETENTION_ANNEES_PAR_DEFAUT = 2;

/** La durée de conservation en vigueur : CPO_RETENTION_ANNEES, 2 ans par défaut. */
export const dureeConservationAnnees = () => Number(process.env.CPO_RETENTION_ANNEES) || RETENTION_ANNEES_PAR_DEFAUT;

/** Les jeunes dont l'identité est encore là et dont la dernière trace (premier accueil, événement,
 * diagnostic, dispositif, phase, situation, aide) précède $1 : des agrégats par table, pas une sous-requête par jeune. */
const INACTIFS = `
  WITH dates AS (
    SELECT code_structure, id_jeune, date_premier_accueil AS d FROM jeune
    UNION ALL SELECT code_structure, id_jeune, max(date) FROM evenement GROUP BY code_structure, id_jeune
    UNION ALL SELECT code_structure, id_jeune, max(greatest(date_debut, date_fin)) FROM dispositif GROUP BY code_structure, id_jeune
    UNION ALL SELECT code_structure, id_jeune, max(greatest(date_debut, date_fin)) FROM situation GROUP BY code_structure, id_jeune
    UNION ALL SELECT code_structure, id_jeune, max(date) FROM aide GROUP BY code_structure, id_jeune
    UNION ALL SELECT code_structure, id_jeune, max(date) FROM diagnostic GROUP BY code_structure, id_jeune
    UNION ALL SELECT code_structure, id_jeune, max(greatest(date_debut, date_fin)) FROM phase GROUP BY code_structure, id_jeune)
  SELECT d.code_structure, d.id_jeune FROM dates d
  JOIN jeune_identite i ON i.code_structure = d.code_structure AND i.id_jeune = d.id_jeune AND i.anonymise_le IS NULL
  GROUP BY d.code_structure, d.id_jeune HAVING max(d.d) < $1`;

/** Valider (durée, date) → transaction → charger les inactifs → décider (simulation ou non) → écrire → auditer. */
export async function appliquerRetention(
  base: Base,
  horloge: Horloge,
  options: { annees?: number; date?: string; simulation?: boolean; acteur?: string } = {},
): Promise<RapportRetention> {
  const annees = options.annees ?? dureeConservationAnnees();
  if (!Number.isInteger(annees) || annees < 1 || annees > 50) throw new ErreurMetier(`Durée de conservation invalide : ${annees} (un nombre entier d'années, de 1 à 50).`);
  const date = options.date ?? horloge.dateDuJour();
  if (!estDateValide(date)) throw new ErreurMetier(`Date invalide : ${date} (AAAA-MM-JJ attendu).`);
  const limite = ajouterMois(date, -12 * annees);
  return base.transaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE a_anonymiser ON COMMIT DROP AS ${INACTIFS}`, [limite]);
    const parStructure = await tx.query<{ code_structure: string; anonymises: number }>(
      `SELECT code_structure, count(*)::int AS anonymises FROM a_anonymiser GROUP BY code_structure ORDER BY code_structure COLLATE "C"`,
    );
    if (!options.simulation) {
      await tx.query(
        `UPDATE jeune_identite i SET nom = NULL, prenom = NULL, courriel = NULL, telephone = NULL, anonymise_le = $1
         FROM a_anonymiser a WHERE i.code_structure = a.code_structure AND i.id_jeune = a.id_jeune`,
        [date],
      );
    }
    const anonymises = parStructure.reduce((s, p) => s + p.anonymises, 0);
    await auditer(tx, {
      acteur: options.acteur ?? 'cli',
      action: options.simulation ? 'retention_simulee' : 'retention',
      origine: 'cli',
      details: { date, annees, limite, anonymises, parStructure },
    });
    return { date, annees, limite, simulation: !!options.simulation, anonymises, parStructure };
  });
}
