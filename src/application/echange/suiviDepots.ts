// Cas d'usage : le suivi des dépôts pour l'État. Une UD, une DIRECCTE, la DGEFP voient, pour chaque ML
// de leur périmètre, son dernier dépôt (date, résultat, âge en jours, lignes et erreurs comptées) et
// si elle a un dépôt accepté ce mois-ci ; jamais le contenu des rapports (il cite les fichiers).
import { couvreStructure, type Utilisateur } from '../../domaine/acces/droits.ts';
import { dateEnFrancais, joursEntre } from '../../domaine/temps/dates.ts';
import type { TableauExport } from '../../domaine/outils/tableur.ts';
import { horodatageParis, jourParis } from '../fragmentsSql.ts';
import type { Requeteur } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { LIBELLES_ETAT_DEPOT, type EtatDepot } from '../../domaine/echange/depot.ts';

export interface SuiviStructure {
  code: string;
  nom: string;
  code_departement: string;
  code_region: string;
  /** Le dernier dépôt, quel que soit son résultat ; null si la ML n'a jamais déposé. */
  dernier: { id: number; depose_le: string; etat: EtatDepot; age_jours: number; lignes: number | null; erreurs: number | null } | null;
  dernier_accepte_le: string | null;
  accepte_ce_mois: boolean;
}

export interface SuiviDepots {
  /** Le mois en cours (AAAA-MM). */
  mois: string;
  structures: SuiviStructure[];
  /** Les ML du périmètre sans dépôt accepté ce mois-ci. */
  sansDepotCeMois: number;
}

export async function suivreDepots(db: Requeteur, utilisateur: Pick<Utilisateur, 'portee'>, horloge: Horloge): Promise<SuiviDepots> {
  const aujourdhui = horloge.dateDuJour();
  const mois = aujourdhui.slice(0, 7);
  const lignes = await db.query<{
    code: string;
    nom: string;
    code_departement: string;
    code_region: string;
    id: number | null;
    depose_le: string | null;
    jour: string | null;
    etat: EtatDepot | null;
    lignes: number | null;
    erreurs: number | null;
    dernier_accepte_le: string | null;
  }>(
    `SELECT m.code_structure AS code, m.nom, m.code_departement, m.code_region,
            d.id, ${horodatageParis('d.depose_le')} AS depose_le, ${jourParis('d.depose_le')} AS jour, d.etat, d.lignes, d.erreurs,
            ${horodatageParis('a.depose_le')} AS dernier_accepte_le
     FROM mission_locale m
     LEFT JOIN LATERAL (SELECT id, depose_le, etat, lignes, erreurs FROM depot WHERE code_structure = m.code_structure ORDER BY depose_le DESC, id DESC LIMIT 1) d ON true
     LEFT JOIN LATERAL (SELECT max(depose_le) AS depose_le FROM depot WHERE code_structure = m.code_structure AND etat = 'accepte') a ON true
     ORDER BY m.code_structure COLLATE "C"`,
  );
  const structures = lignes
    .filter((l) => couvreStructure(utilisateur.portee, { code: l.code, code_departement: l.code_departement, code_region: l.code_region }))
    .map(
      (l): SuiviStructure => ({
        code: l.code,
        nom: l.nom,
        code_departement: l.code_departement,
        code_region: l.code_region,
        dernier: l.id === null ? null : { id: l.id, depose_le: l.depose_le!, etat: l.etat!, age_jours: joursEntre(l.jour!, aujourdhui), lignes: l.lignes, erreurs: l.erreurs },
        dernier_accepte_le: l.dernier_accepte_le,
        accepte_ce_mois: l.dernier_accepte_le?.startsWith(mois) ?? false,
      }),
    );
  return { mois, structures, sansDepotCeMois: structures.filter((s) => !s.accepte_ce_mois).length };
}

/** Le suivi en tableau, pour l'export CSV ou XLSX. */
export function suiviEnTableau(suivi: SuiviDepots): TableauExport {
  const date = (horodatage: string | null) => (horodatage ? { date: horodatage, texte: dateEnFrancais(horodatage.slice(0, 10)) } : '');
  const nombre = (n: number | null | undefined) => ({ nombre: n ?? null, unite: 'nombre' });
  return {
    titre: `Suivi des dépôts ${suivi.mois}`,
    entetes: ['Code', 'Mission locale', 'Département', 'Région', 'Dernier dépôt', 'Résultat', 'Âge (jours)', 'Lignes', 'Erreurs', 'Dernier dépôt accepté', 'Accepté ce mois-ci'],
    lignes: suivi.structures.map((s) => [
      s.code,
      s.nom,
      s.code_departement,
      s.code_region,
      date(s.dernier?.depose_le ?? null),
      s.dernier ? LIBELLES_ETAT_DEPOT[s.dernier.etat] : 'Aucun dépôt',
      nombre(s.dernier?.age_jours),
      nombre(s.dernier?.lignes),
      nombre(s.dernier?.erreurs),
      date(s.dernier_accepte_le),
      s.accepte_ce_mois ? 'oui' : 'non',
    ]),
  };
}
