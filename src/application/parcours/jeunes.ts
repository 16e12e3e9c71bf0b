// Lecture des dossiers nominatifs d'une ML : seuls ses propres utilisateurs y ont droit, et chaque
// lecture (liste, dossier, export) laisse une ligne d'audit, écrite dans la même transaction.
import { exiger, voitNominatif, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { DossierJeune, JeuneListe, TriJeunes } from '../../domaine/parcours/dossier.ts';
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

/** Le dossier entier d'un jeune : identité et parcours (événements, dispositifs, situations, aides). */
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
    const ou = 'WHERE code_structure = $1 AND id_jeune = $2';
    return {
      jeune,
      evenements: await tx.query<DossierJeune['evenements'][number]>(`SELECT id_evenement, date, type, id_conseiller FROM evenement ${ou} ORDER BY date, id_evenement COLLATE "C"`, cle),
      dispositifs: await tx.query<DossierJeune['dispositifs'][number]>(`SELECT id_dispositif, type, date_debut, date_fin, motif_fin FROM dispositif ${ou} ORDER BY date_debut, id_dispositif COLLATE "C"`, cle),
      situations: await tx.query<DossierJeune['situations'][number]>(
        `SELECT id_situation, categorie, type_contrat, date_debut, date_fin_prevue, date_fin FROM situation ${ou} ORDER BY date_debut, id_situation COLLATE "C"`,
        cle,
      ),
      aides: await tx.query<DossierJeune['aides'][number]>(`SELECT id_aide, type, date, montant FROM aide ${ou} ORDER BY date, id_aide COLLATE "C"`, cle),
    };
  });
}
