// Cas d'usage : la qualité des données d'une ML, ou des ML d'un territoire, pour une année. Le
// périmètre est vérifié avant tout calcul. Les identifiants des jeunes à corriger ne vont qu'aux
// utilisateurs de la ML (lecture nominative, auditée dans la même transaction) ; l'État ne reçoit
// que les nombres.
import { couvreStructure, couvreTerritoire, exiger, voitNominatif, type Utilisateur } from '../../domaine/acces/droits.ts';
import { introuvable } from '../../domaine/erreurs.ts';
import type { CatalogueQualite } from '../../domaine/qualite/catalogue.ts';
import { noterQualite, sommerComptages, type Qualite } from '../../domaine/qualite/score.ts';
import { auditer } from '../audit.ts';
import { HORS_PERIMETRE, situerStructure, situerTerritoire, type Territoire } from '../indicateurs/situerChiffres.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { compterQualite, jeunesEnDefaut, MAX_JEUNES_PAR_REGLE } from './comptages.ts';

export interface QualiteStructure extends Qualite {
  annee: number;
  catalogue: string;
  structure: { code: string; nom: string };
  /** Pour les utilisateurs de la ML seulement : par règle, les jeunes en défaut (au plus MAX_JEUNES_PAR_REGLE). */
  jeunes?: Record<string, string[]>;
  maxJeunesParRegle?: number;
}

export async function lireQualiteStructure(
  base: Base,
  catalogue: CatalogueQualite,
  horloge: Horloge,
  utilisateur: Utilisateur,
  code: string,
  annee: number,
  origine: string,
): Promise<QualiteStructure> {
  const ml = (await situerStructure(base, code)) ?? introuvable(`Mission locale inconnue : ${code}`);
  exiger(couvreStructure(utilisateur.portee, ml), `${HORS_PERIMETRE} : la Mission locale ${code}.`);
  const jour = horloge.dateDuJour();
  const qualite = (await calculerQualiteStructure(base, catalogue, code, annee, jour))!;
  if (!voitNominatif(utilisateur, code)) return qualite;
  return base.transaction(async (tx) => {
    const jeunes = Object.fromEntries(await jeunesEnDefaut(tx, catalogue, code, annee, jour));
    await auditer(tx, {
      acteur: utilisateur.courriel,
      action: 'lire_qualite_jeunes',
      objet: `structures/${code}/qualite`,
      codeStructure: code,
      origine,
      details: { annee, lus: [...new Set(Object.values(jeunes).flat())] },
    });
    return { ...qualite, jeunes, maxJeunesParRegle: MAX_JEUNES_PAR_REGLE };
  });
}

/** Les nombres d'une ML, sans contrôle de périmètre (la ligne de commande, ou après ce contrôle) ; null si elle n'est pas en base. */
export async function calculerQualiteStructure(db: Requeteur, catalogue: CatalogueQualite, code: string, annee: number, jour: DateCalendaire): Promise<QualiteStructure | null> {
  const [[ml], comptages] = await Promise.all([
    db.query<{ nom: string }>('SELECT nom FROM mission_locale WHERE code_structure = $1', [code]),
    compterQualite(db, catalogue, [code], annee, jour),
  ]);
  return ml ? { annee, catalogue: catalogue.version, structure: { code, nom: ml.nom }, ...noterQualite(catalogue, comptages.get(code)!) } : null;
}

export interface QualiteTerritoire extends Qualite {
  annee: number;
  catalogue: string;
  /** Chaque ML du territoire : son score et son niveau de confiance, des nombres seulement. */
  structures: { code: string; nom: string; score: number | null; niveau: Qualite['niveau'] }[];
}

/** Ce qui calcule les nombres d'un territoire : `calculerQualiteTerritoire`, ou ce qui garde ses réponses. */
export type CalculQualiteTerritoire = (niveau: Territoire['niveau'], code: string, annee: number) => Promise<QualiteTerritoire>;

/** Un territoire : le score de chaque ML, et celui du territoire sur la somme de leurs comptages. */
export async function lireQualiteTerritoire(
  base: Base,
  calcul: CalculQualiteTerritoire,
  utilisateur: Pick<Utilisateur, 'portee'>,
  niveau: Territoire['niveau'],
  code: string,
  annee: number,
): Promise<QualiteTerritoire> {
  const territoire = (await situerTerritoire(base, niveau, code)) ?? introuvable(`Territoire sans Mission locale en base : ${code}`);
  exiger(couvreTerritoire(utilisateur.portee, territoire), `${HORS_PERIMETRE} : ce territoire.`);
  return calcul(niveau, code, annee);
}

/** Les nombres d'un territoire (code ignoré pour la nation) et de ses ML, sans contrôle de périmètre. */
export async function calculerQualiteTerritoire(
  db: Requeteur,
  catalogue: CatalogueQualite,
  niveau: Territoire['niveau'],
  code: string,
  annee: number,
  jour: DateCalendaire,
): Promise<QualiteTerritoire> {
  const colonne = { departement: 'code_departement', region: 'code_region', national: null }[niveau];
  const mls = await db.query<{ code: string; nom: string }>(
    `SELECT code_structure AS code, nom FROM mission_locale WHERE ${colonne ? `${colonne} = $1` : '$1::text IS NOT NULL'} ORDER BY code_structure COLLATE "C"`,
    [code],
  );
  const comptages = await compterQualite(db, catalogue, mls.map((m) => m.code), annee, jour);
  const structures = mls.map((m) => {
    const { score, niveau: confiance } = noterQualite(catalogue, comptages.get(m.code)!);
    return { ...m, score, niveau: confiance };
  });
  return { annee, catalogue: catalogue.version, ...noterQualite(catalogue, sommerComptages([...comptages.values()].flat())), structures };
}
