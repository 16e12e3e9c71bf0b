// Lecture des dossiers nominatifs d'une ML : seuls ses propres utilisateurs y ont droit, et chaque
// lecture (liste, dossier, export) laisse une ligne d'audit, écrite dans la même transaction.
import { exiger, voitNominatif, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { DossierJeune, JeuneListe, TriJeunes } from '../../domaine/parcours/dossier.ts';
import { BESOINS_DIAGNOSTIC } from '../../domaine/referentiel/codes.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';

export const JEUNES_PAR_PAGE = 50;

export interface FiltreJeunes {
  /** Nom, prénom ou identifiant, en partie. */
  recherche?: string;
  tri?: TriJeunes;
  ordre?: 'asc' | 'desc';
}

export const refus = (code: string) => `Les dossiers des jeunes de la Mission locale ${code} ne sont visibles que par ses propres utilisateurs.`;

/**
 * Les noms se trient à la française (« Aïcha » avant « Anthony », « Émile » avant « Eric ») : la
 * collation ICU racine, celle que le français suit (CLDR n'y ajoute rien), est présente dans PGlite
 * et dans PostgreSQL construit avec ICU ; « fr-x-icu » manque à PGlite.
 */
export const FRANCAIS = 'COLLATE "und-x-icu"';

const CLES: Record<TriJeunes, string> = {
  nom: `i.nom ${FRANCAIS}`,
  prenom: `i.prenom ${FRANCAIS}`,
  id: 'j.id_jeune COLLATE "C"',
  naissance: 'j.date_naissance',
  sexe: 'j.sexe',
  accueil: 'j.date_premier_accueil',
  conseiller: `j.id_conseiller ${FRANCAIS}`,
};

/** Les jeunes du filtre, dans l'ordre demandé, puis par nom, prénom et identifiant : un ordre total. */
function requete(codeStructure: string, filtre: FiltreJeunes) {
  const recherche = filtre.recherche?.trim() ?? '';
  const motif = `%${recherche.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Une valeur absente (identité effacée, pas de conseiller) va en dernier, dans un sens comme dans l'autre.
  const ordre = [`${CLES[filtre.tri ?? 'nom']} ${filtre.ordre === 'desc' ? 'DESC' : 'ASC'} NULLS LAST`, `i.nom ${FRANCAIS} NULLS LAST`, `i.prenom ${FRANCAIS} NULLS LAST`, CLES.id];
  return {
    recherche,
    depuis: `FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune)
      WHERE j.code_structure = $1 AND ($2 = '' OR j.id_jeune ILIKE $3 OR i.nom ILIKE $3 OR i.prenom ILIKE $3)`,
    parametres: [codeStructure, recherche, motif],
    ordre: ordre.join(', '),
  };
}

const COLONNES_LISTE = 'j.id_jeune, i.nom, i.prenom, j.date_naissance, j.sexe, j.date_premier_accueil, j.id_conseiller';

export async function listerJeunes(
  base: Base,
  utilisateur: Utilisateur,
  codeStructure: string,
  filtre: FiltreJeunes & { page?: number },
  origine: string,
): Promise<{ total: number; page: number; parPage: number; jeunes: JeuneListe[] }> {
  exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));
  const page = Math.max(1, filtre.page ?? 1);
  const q = requete(codeStructure, filtre);
  return base.transaction(async (tx) => {
    const [{ total }] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total ${q.depuis}`, q.parametres);
    const jeunes = await tx.query<JeuneListe>(`SELECT ${COLONNES_LISTE} ${q.depuis} ORDER BY ${q.ordre} LIMIT $4::int OFFSET $5::int`, [
      ...q.parametres,
      JEUNES_PAR_PAGE,
      (page - 1) * JEUNES_PAR_PAGE,
    ]);
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'lire_jeunes',
      objet: `structures/${codeStructure}/jeunes`,
      codeStructure,
      origine,
      details: { recherche: q.recherche, tri: filtre.tri ?? 'nom', ordre: filtre.ordre ?? 'asc', page, lus: jeunes.map((j) => j.id_jeune) },
    });
    return { total, page, parPage: JEUNES_PAR_PAGE, jeunes };
  });
}

/** Toutes les lignes du filtre, dans l'ordre de la liste, pour un export ; l'export laisse sa propre ligne d'audit. */
export async function exporterJeunes(
  base: Base,
  utilisateur: Utilisateur,
  codeStructure: string,
  filtre: FiltreJeunes,
  format: 'csv' | 'xlsx',
  origine: string,
): Promise<JeuneListe[]> {
  exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));
  const q = requete(codeStructure, filtre);
  return base.transaction(async (tx) => {
    const jeunes = await tx.query<JeuneListe>(`SELECT ${COLONNES_LISTE} ${q.depuis} ORDER BY ${q.ordre}`, q.parametres);
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'exporter_jeunes',
      objet: `structures/${codeStructure}/jeunes.${format}`,
      codeStructure,
      origine,
      details: { format, lignes: jeunes.length, recherche: q.recherche, tri: filtre.tri ?? 'nom', ordre: filtre.ordre ?? 'asc' },
    });
    return jeunes;
  });
}

/** Le dossier entier d'un jeune : identité et parcours (événements, diagnostics, dispositifs, phases, situations, aides), l'origine de chaque ligne. */
export async function ficheJeune(base: Base, utilisateur: Utilisateur, codeStructure: string, idJeune: string, origine: string): Promise<DossierJeune | null> {
  exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));
  return base.transaction(async (tx) => {
    const cle = [codeStructure, idJeune];
    const [jeune] = await tx.query<DossierJeune['jeune']>(
      `SELECT ${COLONNES_LISTE}, i.courriel, i.telephone, i.anonymise_le, j.niveau_formation, j.commune_residence, j.qpv, j.zrr, j.rqth, j.inscrit_pole_emploi
       FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune) WHERE j.code_structure = $1 AND j.id_jeune = $2`,
      cle,
    );
    await auditer(tx, { acteur: utilisateur.courriel, action: 'lire_fiche_jeune', objet: `jeunes/${idJeune}`, codeStructure, origine, details: { trouve: !!jeune } });
    if (!jeune) return null;
    // L'origine de chaque ligne : saisie dans l'application (ligne_saisie), sinon reçue par dépôt (décision 0030).
    const lire = <T>(table: string, id: string, colonnes: string, tri: string) =>
      tx.query<T>(
        `SELECT ${colonnes}, CASE WHEN s.id_ligne IS NULL THEN 'depot' ELSE 'saisie' END AS origine FROM ${table} t
         LEFT JOIN ligne_saisie s ON s.code_structure = t.code_structure AND s.table_parcours = '${table}' AND s.id_ligne = t.${id}
         WHERE t.code_structure = $1 AND t.id_jeune = $2 ORDER BY ${tri}, t.${id} COLLATE "C"`,
        cle,
      );
    const [{ saisi }] = await tx.query<{ saisi: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ligne_saisie WHERE code_structure = $1 AND table_parcours = 'jeune' AND id_ligne = $2) AS saisi`,
      cle,
    );
    return {
      jeune: { ...jeune, origine: saisi ? 'saisie' : 'depot' },
      evenements: await lire<DossierJeune['evenements'][number]>('evenement', 'id_evenement', 't.id_evenement, t.date, t.type, t.id_conseiller', 't.date'),
      diagnostics: await lire<DossierJeune['diagnostics'][number]>(
        'diagnostic',
        'id_diagnostic',
        `t.id_diagnostic, t.date, ${BESOINS_DIAGNOSTIC.map((b) => `t.besoin_${b}`).join(', ')}, t.id_conseiller`,
        't.date',
      ),
      dispositifs: await lire<DossierJeune['dispositifs'][number]>('dispositif', 'id_dispositif', 't.id_dispositif, t.type, t.date_debut, t.date_fin, t.motif_fin', 't.date_debut'),
      phases: await lire<DossierJeune['phases'][number]>(
        'phase',
        'id_phase',
        't.id_phase, t.id_dispositif, t.objectif, t.date_debut, t.date_fin_prevue, t.date_fin, t.evaluation',
        't.date_debut',
      ),
      situations: await lire<DossierJeune['situations'][number]>(
        'situation',
        'id_situation',
        't.id_situation, t.categorie, t.type_contrat, t.date_debut, t.date_fin_prevue, t.date_fin',
        't.date_debut',
      ),
      aides: await lire<DossierJeune['aides'][number]>('aide', 'id_aide', 't.id_aide, t.type, t.date, t.montant', 't.date'),
    };
  });
}
