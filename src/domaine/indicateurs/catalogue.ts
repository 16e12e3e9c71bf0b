// Le catalogue des indicateurs et des ratios est une donnée (catalogues/*.json) qu'un administrateur
// remplace quand l'État change ses définitions. Il est contrôlé au chargement : un ratio qui cite un
// indicateur inconnu, un identifiant en double, un libellé manquant sont des erreurs claires.
import * as z from 'zod';
import { ErreurMetier } from '../erreurs.ts';

/** Les caractéristiques d'un jeune selon lesquelles un indicateur peut se ventiler. */
export const COLONNES_DECLINABLES = ['sexe', 'age_au_31_decembre', 'niveau_formation', 'qpv', 'zrr'] as const;

const identifiant = z.string().regex(/^[a-z0-9_]+$/, 'identifiant en minuscules, chiffres et _ attendu');
const libelle = z.string().trim().min(1, 'libellé manquant');

const schemaCatalogue = z.object({
  version: z.string().min(1, 'version manquante'),
  libelle,
  annees: z.object({ debut: z.number().int(), fin: z.number().int() }),
  groupes: z.array(z.object({ id: identifiant, libelle })).min(1),
  /** Ventilations des indicateurs : la colonne du jeune lue, et la règle de chaque modalité. */
  declinaisons: z.array(
    z.object({
      id: identifiant,
      libelle,
      colonne: z.enum(COLONNES_DECLINABLES),
      modalites: z
        .array(
          z.object({
            id: z.string().regex(/^[A-Za-z0-9_]+$/, 'identifiant de modalité attendu'),
            libelle,
            /** Codes du format d'échange ; null : la valeur n'est pas renseignée. */
            valeurs: z.array(z.string()).nullable().optional(),
            age_min: z.number().int().optional(),
            age_max: z.number().int().optional(),
          }),
        )
        .min(1),
    }),
  ),
  indicateurs: z
    .array(
      z.object({
        id: identifiant,
        libelle,
        unite: z.string().min(1, 'unité manquante'),
        groupe: identifiant,
        definition: z.string().trim().min(1, 'définition manquante'),
        version_definition: z.number().int().positive(),
        source: z.enum(['texte', 'défaut']),
        declinaisons: z.array(identifiant).optional(),
        /** Passage d'une ML à un territoire : somme par défaut ; une part ou un taux se pondère. */
        agregation: z.object({ mode: z.literal('moyenne_ponderee'), poids: identifiant }).optional(),
        /** En colonne du tableau des ML d'un territoire tant que l'utilisateur n'a pas choisi les siennes. */
        colonne_par_defaut: z.boolean().optional(),
      }),
    )
    .min(1),
  objectifs: z.array(z.object({ id: z.string().min(1), libelle, libelle_court: libelle })).min(1),
  ratios: z
    .array(
      z.object({
        id: identifiant,
        objectif: z.string().min(1),
        libelle,
        numerateur: identifiant,
        denominateur: identifiant,
        unite: z.string().min(1, 'unité manquante'),
        sens: z.enum(['hausse', 'baisse']),
        source: z.enum(['texte', 'défaut']),
        colonne_par_defaut: z.boolean().optional(),
        /** Cible montrée au suivi régional d'une campagne, sous cet en-tête court. */
        suivi_campagne: z.object({ libelle_court: libelle }).optional(),
      }),
    )
    .min(1),
});

export type Catalogue = z.infer<typeof schemaCatalogue>;
export type DefinitionIndicateur = Catalogue['indicateurs'][number];
export type DefinitionRatio = Catalogue['ratios'][number];
export type Declinaison = Catalogue['declinaisons'][number];

export class ErreurCatalogue extends ErreurMetier {}

/**
 * Valide un catalogue lu depuis un fichier. `calculables` : les identifiants d'indicateurs que le
 * moteur sait calculer ; un indicateur du catalogue sans calcul est une erreur.
 */
export function validerCatalogue(brut: unknown, calculables: ReadonlySet<string>, source = 'catalogue'): Catalogue {
  const lecture = schemaCatalogue.safeParse(brut);
  if (!lecture.success) {
    const e = lecture.error.issues[0];
    throw new ErreurCatalogue(`${source} : ${e.path.join('.') || 'racine'} : ${e.message}`);
  }
  const c = lecture.data;
  const erreurs: string[] = [];
  const doublons = (ids: string[], quoi: string) => {
    const vus = new Set<string>();
    for (const id of ids) {
      if (vus.has(id)) erreurs.push(`${quoi} en double : ${id}`);
      vus.add(id);
    }
    return vus;
  };
  const groupes = doublons(c.groupes.map((g) => g.id), 'groupe');
  const declinaisons = doublons(c.declinaisons.map((d) => d.id), 'déclinaison');
  const indicateurs = doublons(c.indicateurs.map((i) => i.id), 'indicateur');
  const objectifs = doublons(c.objectifs.map((o) => o.id), 'objectif');
  doublons(c.ratios.map((r) => r.id), 'ratio');
  for (const i of c.indicateurs) {
    if (!groupes.has(i.groupe)) erreurs.push(`indicateur ${i.id} : groupe inconnu « ${i.groupe} »`);
    if (!calculables.has(i.id)) erreurs.push(`indicateur ${i.id} : le moteur ne sait pas le calculer`);
    for (const d of i.declinaisons ?? []) if (!declinaisons.has(d)) erreurs.push(`indicateur ${i.id} : déclinaison inconnue « ${d} »`);
    if (i.agregation && !c.indicateurs.some((x) => x.id === i.agregation!.poids)) {
      erreurs.push(`indicateur ${i.id} : poids d'agrégation inconnu « ${i.agregation.poids} »`);
    }
  }
  for (const r of c.ratios) {
    if (!objectifs.has(r.objectif)) erreurs.push(`ratio ${r.id} : objectif inconnu « ${r.objectif} »`);
    for (const terme of [r.numerateur, r.denominateur]) {
      if (!indicateurs.has(terme)) erreurs.push(`ratio ${r.id} : indicateur inconnu « ${terme} »`);
    }
  }
  if (c.annees.debut > c.annees.fin) erreurs.push('années : le début est après la fin');
  if (erreurs.length) throw new ErreurCatalogue(`${source} : ${erreurs.join(' ; ')}`);
  return c;
}
