// Lecture des dossiers nominatifs d'une ML : seuls ses propres utilisateurs y ont droit, et chaque
// lecture laisse une ligne d'audit, écrite dans la même transaction que la lecture.
import { exiger, voitNominatif, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { Base } from '../../infrastructure/db/base.ts';
import { auditer } from '../audit.ts';

export const JEUNES_PAR_PAGE = 50;

export interface JeuneListe {
  id_jeune: string;
  nom: string | null;
  prenom: string | null;
  date_naissance: string;
  sexe: string;
  date_premier_accueil: string;
  id_conseiller: string | null;
}

const refus = (code: string) => `Les dossiers des jeunes de la Mission locale ${code} ne sont visibles que par ses propres utilisateurs.`;

export async function listerJeunes(
  base: Base,
  utilisateur: Utilisateur,
  codeStructure: string,
  filtre: { recherche?: string; page?: number },
  origine: string,
): Promise<{ total: number; page: number; parPage: number; jeunes: JeuneListe[] }> {
  exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));
  const page = Math.max(1, filtre.page ?? 1);
  const recherche = filtre.recherche?.trim() ?? '';
  return base.transaction(async (tx) => {
    const condition = `j.code_structure = $1 AND ($2 = '' OR j.id_jeune ILIKE $3 OR i.nom ILIKE $3 OR i.prenom ILIKE $3)`;
    const motif = `%${recherche.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const [{ total }] = await tx.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune) WHERE ${condition}`,
      [codeStructure, recherche, motif],
    );
    const jeunes = await tx.query<JeuneListe>(
      `SELECT j.id_jeune, i.nom, i.prenom, j.date_naissance, j.sexe, j.date_premier_accueil, j.id_conseiller
       FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune)
       WHERE ${condition}
       ORDER BY i.nom COLLATE "C" NULLS LAST, i.prenom COLLATE "C", j.id_jeune COLLATE "C"
       LIMIT ${JEUNES_PAR_PAGE} OFFSET ${(page - 1) * JEUNES_PAR_PAGE}`,
      [codeStructure, recherche, motif],
    );
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'lire_jeunes',
      objet: `structures/${codeStructure}/jeunes`,
      codeStructure,
      origine,
      details: { recherche, page, lus: jeunes.map((j) => j.id_jeune) },
    });
    return { total, page, parPage: JEUNES_PAR_PAGE, jeunes };
  });
}

export interface FicheJeune {
  jeune: Record<string, unknown>;
  dispositifs: Record<string, unknown>[];
  situations: Record<string, unknown>[];
  evenements: { annee: number; type: string; nombre: number }[];
}

export async function ficheJeune(base: Base, utilisateur: Utilisateur, codeStructure: string, idJeune: string, origine: string): Promise<FicheJeune | null> {
  exiger(voitNominatif(utilisateur, codeStructure), refus(codeStructure));
  return base.transaction(async (tx) => {
    const cle = [codeStructure, idJeune];
    const [jeune] = await tx.query(
      `SELECT j.*, i.nom, i.prenom, i.courriel, i.telephone FROM jeune j LEFT JOIN jeune_identite i USING (code_structure, id_jeune)
       WHERE j.code_structure = $1 AND j.id_jeune = $2`,
      cle,
    );
    await auditer(tx, { acteur: utilisateur.courriel, action: 'lire_fiche_jeune', objet: `jeunes/${idJeune}`, codeStructure, origine, details: { trouve: !!jeune } });
    if (!jeune) return null;
    const [dispositifs, situations, evenements] = [
      await tx.query(`SELECT type, date_debut, date_fin, motif_fin FROM dispositif WHERE code_structure = $1 AND id_jeune = $2 ORDER BY date_debut`, cle),
      await tx.query(
        `SELECT categorie, type_contrat, date_debut, date_fin_prevue, date_fin FROM situation WHERE code_structure = $1 AND id_jeune = $2 ORDER BY date_debut`,
        cle,
      ),
      await tx.query<{ annee: number; type: string; nombre: number }>(
        `SELECT extract(year FROM date)::int AS annee, type, count(*)::int AS nombre FROM evenement
         WHERE code_structure = $1 AND id_jeune = $2 GROUP BY 1, 2 ORDER BY 1, 2`,
        cle,
      ),
    ];
    return { jeune, dispositifs, situations, evenements };
  });
}
