// La liste de travail d'une ML à un jour (« Mes jeunes ») : une requête par ensemble, bornée à la ML,
// cherche les jeunes candidats et ce qu'il faut savoir d'eux ; le domaine (echeances.ts) décide de
// leurs alertes. Partagée par la lecture, l'export et les compteurs de l'accueil.
import { exiger, voitNominatif, type Utilisateur } from '../../domaine/acces/droits.ts';
import {
  alertesDuJeune,
  bornesListeDeTravail,
  compterAlertes,
  CONTRATS_APRES_DIAGNOSTIC,
  DISPOSITIFS_A_ECHEANCE,
  type Alerte,
  type FaitsDuJeune,
  type LigneTravail,
} from '../../domaine/parcours/echeances.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Requeteur } from '../ports/base.ts';
import { FRANCAIS, refus } from './jeunes.ts';

export interface FiltreListeDeTravail {
  /** L'identifiant du conseiller référent (id_conseiller du jeune). */
  conseiller?: string;
  alerte?: Alerte;
}

type LigneCandidat = FaitsDuJeune & Omit<LigneTravail, 'alertes'>;

/**
 * Les candidats : le dernier contact au plus tard à la borne des 3 mois (et la dernière sortie, qui l'excuse), un PACEA ou une Garantie jeunes
 * en cours, un dernier diagnostic qu'aucun CIVIS ni PACEA ne suit (ni ne couvre), une situation en cours
 * dont la fin prévue est passée. Chaque table est lue pour cette seule ML.
 */
const CANDIDATS = `
  WITH j AS (
    SELECT j.id_jeune, j.date_naissance, j.date_premier_accueil, j.id_conseiller, i.nom, i.prenom
    FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune)
    WHERE j.code_structure = $1 AND ($2::text IS NULL OR j.id_conseiller = $2)
  ), contact AS (
    SELECT id_jeune, max(date) AS dernier_contact FROM evenement WHERE code_structure = $1 GROUP BY id_jeune
  ), sortie AS (
    SELECT id_jeune, max(date_fin) AS sortie FROM dispositif d
    WHERE code_structure = $1 AND motif_fin IS NOT NULL AND date_fin <= $3::date
      AND NOT EXISTS (SELECT 1 FROM dispositif o WHERE o.code_structure = $1 AND o.id_jeune = d.id_jeune AND coalesce(o.date_fin, 'infinity'::date) > $3::date)
    GROUP BY id_jeune
  ), disp AS (
    SELECT id_jeune, json_agg(json_build_object('type', type, 'date_debut', date_debut) ORDER BY date_debut) AS dispositifs
    FROM dispositif WHERE code_structure = $1 AND date_fin IS NULL AND type = ANY($5::text[]) GROUP BY id_jeune
  ), diag AS (
    SELECT DISTINCT ON (id_jeune) id_jeune, date FROM diagnostic WHERE code_structure = $1 AND date <= $3::date ORDER BY id_jeune, date DESC
  ), diag_seul AS (
    SELECT d.id_jeune, d.date AS diagnostic FROM diag d
    WHERE NOT EXISTS (SELECT 1 FROM dispositif c WHERE c.code_structure = $1 AND c.id_jeune = d.id_jeune AND c.type = ANY($6::text[])
                        AND (c.date_debut >= d.date OR c.date_fin IS NULL OR c.date_fin >= d.date))
  ), sit AS (
    SELECT id_jeune, json_agg(json_build_object('categorie', categorie, 'type_contrat', type_contrat, 'date_fin_prevue', date_fin_prevue) ORDER BY date_fin_prevue) AS situations
    FROM situation WHERE code_structure = $1 AND date_fin IS NULL AND date_fin_prevue < $3::date GROUP BY id_jeune
  )
  SELECT j.id_jeune, j.nom, j.prenom, j.id_conseiller, j.date_naissance, j.date_premier_accueil, c.dernier_contact, o.sortie, d.dispositifs, g.diagnostic, s.situations
  FROM j LEFT JOIN contact c USING (id_jeune) LEFT JOIN sortie o USING (id_jeune) LEFT JOIN disp d USING (id_jeune) LEFT JOIN diag_seul g USING (id_jeune) LEFT JOIN sit s USING (id_jeune)
  WHERE COALESCE(c.dernier_contact, j.date_premier_accueil) <= $4::date OR d.id_jeune IS NOT NULL OR g.id_jeune IS NOT NULL OR s.id_jeune IS NOT NULL
  ORDER BY j.nom ${FRANCAIS} NULLS LAST, j.prenom ${FRANCAIS} NULLS LAST, j.id_jeune COLLATE "C"`;

export interface ListeDeTravail {
  jour: DateCalendaire;
  /** Les jeunes par alerte, pour le conseiller choisi (toute la ML sinon), avant le filtre par alerte. */
  compteurs: Record<Alerte, number>;
  jeunes: LigneTravail[];
}

/** Refuse qui n'est pas de la ML : la liste porte des identités. */
export const autoriserListe = (utilisateur: Utilisateur, codeStructure: string) => exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));

/** La liste de la ML le `jour`, pour le conseiller du filtre, puis réduite à l'alerte du filtre. */
export async function chercherListe(db: Requeteur, codeStructure: string, jour: DateCalendaire, filtre: FiltreListeDeTravail): Promise<ListeDeTravail> {
  const b = bornesListeDeTravail(jour);
  const candidats = await db.query<LigneCandidat>(CANDIDATS, [
    codeStructure,
    filtre.conseiller ?? null,
    b.jour,
    b.dernierContactAuPlusTard,
    DISPOSITIFS_A_ECHEANCE,
    CONTRATS_APRES_DIAGNOSTIC,
  ]);
  const lignes = candidats
    .map((c): LigneTravail => ({ id_jeune: c.id_jeune, nom: c.nom, prenom: c.prenom, id_conseiller: c.id_conseiller, alertes: alertesDuJeune(c, jour) }))
    .filter((l) => l.alertes.length > 0);
  return { jour, compteurs: compterAlertes(lignes), jeunes: filtre.alerte ? lignes.filter((l) => l.alertes.some((a) => a.alerte === filtre.alerte)) : lignes };
}

/** Ce qu'une lecture ou un export écrit au journal : le jour et les filtres. */
export const filtreAudite = (jour: DateCalendaire, filtre: FiltreListeDeTravail) => ({ jour, conseiller: filtre.conseiller ?? null, alerte: filtre.alerte ?? null });
