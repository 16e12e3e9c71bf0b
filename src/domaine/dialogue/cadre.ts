// Le cadre du dialogue de gestion est une donnée (catalogues/dialogue-de-gestion-*.json) : ses états,
// la table des transitions (de, vers, rôles, règle), les lignes de financement et la règle des 10 %,
// les textes de l'avenant. Une seule garde, `refusTransition`, l'applique ; les écrans la lisent.
import * as z from 'zod';
import { ROLES, type Role } from '../acces/droits.ts';
import { ErreurMetier } from '../erreurs.ts';

/** Les règles que le code sait vérifier ; une transition du cadre en nomme au plus une. */
export const REGLES = ['autodiagnostic_complet', 'motif_obligatoire', 'entretien_complet', 'une_cible_par_ratio', 'enveloppe_justifiee', 'convention_connue'] as const;
export type Regle = (typeof REGLES)[number];

const identifiant = z.string().regex(/^[a-z0-9_]+$/, 'identifiant en minuscules, chiffres et _ attendu');
const texte = z.string().trim().min(1, 'texte manquant');

const schemaCadre = z.object({
  version: texte,
  libelle: texte,
  etats: z.array(z.object({ id: identifiant, libelle: texte })).min(1),
  transitions: z
    .array(
      z.object({
        action: identifiant,
        libelle: texte,
        de: z.array(identifiant).min(1),
        vers: identifiant,
        roles: z.array(z.enum(Object.keys(ROLES) as [Role, ...Role[]])).min(1),
        regle: z.enum(REGLES).optional(),
      }),
    )
    .min(1),
  financement: z.object({
    variation_maximale: z.number().positive().max(1),
    regle: texte,
    lignes: z.array(z.object({ id: identifiant, libelle: texte, dans_enveloppe: z.boolean() })).min(1),
    ligne_budgetaire: texte,
  }),
  avenant: z.object({
    titre: texte,
    /** Ce que dit le numéro de l'avenant (k = année − première année de la convention + 1). */
    numero: texte,
    /** La qualité proposée à chaque signataire, qu'il confirme ou corrige en signant. */
    signataires: z.object({ ml: texte, etat: texte }),
    visas: z.array(texte),
    articles: z.object({ objet: texte, objectifs: texte, montant: texte, versement: texte, justificatifs: texte, autres: texte }),
  }),
});

export type CadreDialogue = z.infer<typeof schemaCadre>;
export type Transition = CadreDialogue['transitions'][number];

export class ErreurCadre extends ErreurMetier {}

export function validerCadre(brut: unknown, source = 'cadre du dialogue'): CadreDialogue {
  const resultat = schemaCadre.safeParse(brut);
  if (!resultat.success) {
    const details = resultat.error.issues.map((i) => `${i.path.join('.') || '(racine)'} : ${i.message}`);
    throw new ErreurCadre(`${source} invalide — ${details.join(' ; ')}`);
  }
  const cadre = resultat.data;
  const etats = new Set(cadre.etats.map((e) => e.id));
  const erreurs: string[] = [];
  const actions = new Set<string>();
  for (const t of cadre.transitions) {
    if (actions.has(t.action)) erreurs.push(`action en double : ${t.action}`);
    actions.add(t.action);
    for (const e of [...t.de, t.vers]) if (!etats.has(e)) erreurs.push(`transition ${t.action} : état inconnu ${e}`);
  }
  if (!cadre.financement.lignes.some((l) => l.dans_enveloppe)) erreurs.push("financement : aucune ligne n'entre dans l'enveloppe");
  if (erreurs.length) throw new ErreurCadre(`${source} invalide — ${erreurs.join(' ; ')}`);
  return cadre;
}

/** Le premier état d'un dialogue, celui où l'ouverture de la campagne le crée. */
export const etatInitial = (cadre: CadreDialogue) => cadre.etats[0].id;
export const libelleEtat = (cadre: CadreDialogue, etat: string) => cadre.etats.find((e) => e.id === etat)?.libelle ?? etat;

/**
 * Pourquoi ce rôle ne peut pas faire cette action sur un dialogue dans cet état ; null s'il le peut.
 * Le périmètre (sa ML, son département, sa région) et la règle propre à l'action se vérifient ensuite.
 */
export function refusTransition(cadre: CadreDialogue, etat: string, action: string, role: Role): string | null {
  const t = cadre.transitions.find((x) => x.action === action);
  if (!t) return `Action inconnue : ${action}.`;
  if (!t.roles.includes(role)) {
    return `« ${t.libelle} » est réservé à : ${t.roles.map((r) => ROLES[r].libelle).join(', ')}.`;
  }
  if (!t.de.includes(etat)) {
    return `« ${t.libelle} » n'est pas possible quand le dialogue est « ${libelleEtat(cadre, etat)} » (il faut : ${t.de.map((e) => `« ${libelleEtat(cadre, e)} »`).join(' ou ')}).`;
  }
  return null;
}

/** Les actions qu'un rôle peut faire sur un dialogue dans cet état : les boutons de l'écran. */
export function actionsPossibles(cadre: CadreDialogue, etat: string, role: Role): Transition[] {
  return cadre.transitions.filter((t) => refusTransition(cadre, etat, t.action, role) === null);
}

/** Remplace les {champs} d'un texte de l'avenant ; un champ inconnu est une erreur du cadre. */
export function remplir(modele: string, valeurs: Record<string, string | number>): string {
  return modele.replace(/\{([a-z_]+)\}/g, (_, cle: string) => {
    if (!(cle in valeurs)) throw new ErreurCadre(`champ inconnu dans un texte de l'avenant : {${cle}}`);
    return String(valeurs[cle]);
  });
}
