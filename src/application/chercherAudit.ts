// Chercher dans le journal d'audit : la DGEFP voit tout, sans rien qui désigne un jeune ; une ML, les
// lignes entières de ses propres données. Les lignes rendues sont lisibles, et la recherche elle-même est tracée.
import { exiger, voitNominatif, type Utilisateur } from '../domaine/acces/droits.ts';
import { sansNominatif } from '../domaine/acces/journal.ts';
import { libelleActionAudit, nomActeur, resumerDetails } from '../domaine/audit/journal.ts';
import type { Base, Requeteur } from './ports/base.ts';
import { auditer } from './audit.ts';
import { chargerCadre } from './dialogue/cadreEnVigueur.ts';
import { horodatageParis, minuitParis } from './fragmentsSql.ts';

interface LigneAudit {
  id: number;
  horodatage: string;
  acteur: string;
  action: string;
  objet: string | null;
  code_structure: string | null;
  origine: string | null;
  details: unknown;
}

export interface FiltreAudit {
  acteur?: string;
  action?: string;
  structure?: string;
  /** Jours AAAA-MM-JJ, bornes comprises (heure de Paris). */
  depuis?: string;
  jusqua?: string;
}

export const AUDIT_PAR_PAGE = 200;
/** L'export CSV d'une recherche : ses lignes les plus récentes, 100 000 au plus. */
const AUDIT_EXPORT_MAX = 100_000;

/** Autoriser (DGEFP ou ML) → transaction → compter et lire la page → auditer la recherche → rendre lisible. */
export async function chercherAudit(
  base: Base,
  utilisateur: Utilisateur,
  filtre: FiltreAudit,
  options: { page?: number; tout?: boolean; origine: string },
): Promise<{ total: number; lignes: LigneAuditLisible[] }> {
  const structure = utilisateur.portee.niveau === 'structure' ? utilisateur.portee.code : (filtre.structure ?? null);
  exiger(utilisateur.portee.niveau === 'national' || utilisateur.portee.niveau === 'structure', 'Le journal d’audit se consulte à la DGEFP ou, pour ses propres données, dans une Mission locale.');
  const conditions = `($1::text IS NULL OR code_structure = $1) AND ($2::text IS NULL OR acteur ILIKE $2) AND ($3::text IS NULL OR action = $3)
    AND ($4::date IS NULL OR horodatage >= ${minuitParis('$4::date')})
    AND ($5::date IS NULL OR horodatage < ${minuitParis('$5::date + 1')})`;
  const motif = filtre.acteur ? `%${filtre.acteur.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const parametres = [structure, motif, filtre.action || null, filtre.depuis || null, filtre.jusqua || null];
  const page = Math.max(1, options.page ?? 1);
  const [limite, decalage] = options.tout ? [AUDIT_EXPORT_MAX, 0] : [AUDIT_PAR_PAGE, (page - 1) * AUDIT_PAR_PAGE];
  return base.transaction(async (tx) => {
    const [{ total }] = await tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM journal_audit WHERE ${conditions}`, parametres);
    const lignes = await tx.query<LigneAudit>(
      `SELECT id, ${horodatageParis('horodatage')} AS horodatage, acteur, action, objet, code_structure, origine, details
       FROM journal_audit WHERE ${conditions} ORDER BY id DESC LIMIT $6::int OFFSET $7::int`,
      [...parametres, limite, decalage],
    );
    await auditer(tx, { acteur: utilisateur.courriel, action: 'lire_audit', codeStructure: structure, origine: options.origine, details: { ...filtre, page, export: !!options.tout } });
    return { total, lignes: await rendreLisibles(tx, lignes.map((l) => (voitNominatif(utilisateur, l.code_structure ?? '') ? l : sansNominatif(l)))) };
  });
}

/** Une ligne du journal telle qu'on la lit : l'action en français, la personne et son organisation, le changement en une phrase. */
export interface LigneAuditLisible extends LigneAudit {
  libelle_action: string;
  nom_acteur: string;
  organisation_acteur: string | null;
  resume: string;
}

/**
 * Les lignes cherchées, rendues lisibles : l'acteur rapproché des utilisateurs par son courriel. Le
 * résumé se calcule sur les détails tels qu'ils seront montrés : après tout masquage.
 */
async function rendreLisibles(db: Requeteur, lignes: LigneAudit[]): Promise<LigneAuditLisible[]> {
  const courriels = [...new Set(lignes.map((l) => l.acteur.toLowerCase()))];
  const personnes = await db.query<{ courriel: string; nom: string; organisation: string }>(
    `SELECT lower(u.courriel) AS courriel, u.nom, o.nom AS organisation FROM utilisateur u JOIN organisation o ON o.id = u.organisation_id
     WHERE lower(u.courriel) = ANY($1::text[])`,
    [courriels],
  );
  const parCourriel = new Map(personnes.map((p) => [p.courriel, p]));
  const cadre = chargerCadre();
  const libelles = {
    etats: Object.fromEntries(cadre.etats.map((e) => [e.id, e.libelle])),
    champs: Object.fromEntries(cadre.financement.lignes.map((l) => [l.id, l.libelle])),
  };
  return lignes.map((l) => {
    const personne = parCourriel.get(l.acteur.toLowerCase());
    return {
      ...l,
      libelle_action: libelleActionAudit(l.action),
      nom_acteur: nomActeur(l.acteur, personne?.nom ?? null),
      organisation_acteur: personne?.organisation ?? null,
      resume: resumerDetails(l.details, libelles),
    };
  });
}
