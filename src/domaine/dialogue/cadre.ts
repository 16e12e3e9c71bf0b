// Le cadre du dialogue de gestion est une donnée (catalogues/dialogue-de-gestion-*.json) : ses états,
// la table des transitions (de, vers, rôles, règle), les lignes de financement et la règle des 10 %,
// les textes de l'avenant. Une seule garde, `refusTransition`, l'applique ; les écrans la lisent.
// Les noms d'état et d'action sont ceux dont le code dépend (types vérifiés par le compilateur) :
// un cadre qui en retire ou en renomme un est refusé au démarrage.
import * as z from 'zod';
import { ROLES, type Role } from '../acces/droits.ts';
import { ErreurMetier } from '../erreurs.ts';

export const ETATS = ['ouvert', 'autodiagnostic_soumis', 'entretien_realise', 'objectifs_arretes', 'decision_financiere', 'avenant_genere', 'signe_ml', 'signe'] as const;
export type EtatDialogue = (typeof ETATS)[number];
export const ACTIONS = ['soumettre_autodiagnostic', 'renvoyer', 'enregistrer_entretien', 'arreter_objectifs', 'decider_financement', 'generer_avenant', 'signer_ml', 'signer_etat'] as const;
export type ActionDialogue = (typeof ACTIONS)[number];
/** L'état définitif : plus rien ne part de lui, le déclencheur SQL refuse toute modification, le bilan s'y rattache. */
export const ETAT_SIGNE = 'signe' satisfies EtatDialogue;

export const estAction = (action: string): action is ActionDialogue => (ACTIONS as readonly string[]).includes(action);

/** Les règles que le code sait vérifier ; une transition du cadre en nomme au plus une. */
export const REGLES = ['autodiagnostic_complet', 'motif_obligatoire', 'entretien_complet', 'une_cible_par_ratio', 'enveloppe_justifiee'] as const;
export type Regle = (typeof REGLES)[number];

/** Pourquoi un pas est refusé : le rôle ne le permet pas (403), l'état ne le permet pas (409), la saisie ou une règle (400). */
export type GenreRefus = 'role' | 'etat' | 'saisie';
export interface Refus {
  genre: GenreRefus;
  message: string;
}

const identifiant = z.string().regex(/^[a-z0-9_]+$/, 'identifiant en minuscules, chiffres et _ attendu');
const texte = z.string().trim().min(1, 'texte manquant');
const attendus = (noms: readonly string[]) => noms.map((n) => `« ${n} »`).join(', ');
const etat = z.enum(ETATS, { error: (i) => `état « ${String(i.input)} » inconnu du code (attendus : ${attendus(ETATS)})` });
const action = z.enum(ACTIONS, { error: (i) => `action « ${String(i.input)} » inconnue du code (attendues : ${attendus(ACTIONS)})` });

const schemaCadre = z.object({
  version: texte,
  libelle: texte,
  etats: z.array(z.object({ id: etat, libelle: texte })).min(1),
  transitions: z
    .array(
      z.object({
        action,
        libelle: texte,
        de: z.array(etat).min(1),
        vers: etat,
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
  const etats = new Set<string>(cadre.etats.map((e) => e.id));
  const erreurs: string[] = [];
  const actions = new Set<string>();
  for (const t of cadre.transitions) {
    if (actions.has(t.action)) erreurs.push(`action en double : ${t.action}`);
    actions.add(t.action);
    for (const e of [...t.de, t.vers]) if (!etats.has(e)) erreurs.push(`transition ${t.action} : état inconnu ${e}`);
    if (t.de.includes(ETAT_SIGNE)) erreurs.push(`transition ${t.action} : l'état « ${ETAT_SIGNE} » est définitif, aucune transition n'en part`);
  }
  for (const e of ETATS) if (!etats.has(e)) erreurs.push(`l'état « ${e} », dont le code dépend, manque`);
  for (const a of ACTIONS) if (!actions.has(a)) erreurs.push(`l'action « ${a} », dont le code dépend, manque`);
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
export function refusTransition(cadre: CadreDialogue, etat: EtatDialogue, action: string, role: Role): Refus | null {
  const t = cadre.transitions.find((x) => x.action === action);
  if (!t) return { genre: 'saisie', message: `Action inconnue : ${action}.` };
  if (!t.roles.includes(role)) {
    return { genre: 'role', message: `« ${t.libelle} » est réservé à : ${t.roles.map((r) => ROLES[r].libelle).join(', ')}.` };
  }
  if (!t.de.includes(etat)) {
    const attendus = t.de.map((e) => `« ${libelleEtat(cadre, e)} »`).join(' ou ');
    return { genre: 'etat', message: `« ${t.libelle} » n'est pas possible quand le dialogue est « ${libelleEtat(cadre, etat)} » (il faut : ${attendus}).` };
  }
  return null;
}

/** Les actions qu'un rôle peut faire sur un dialogue dans cet état : les boutons de l'écran. */
export function actionsPossibles(cadre: CadreDialogue, etat: EtatDialogue, role: Role): Transition[] {
  return cadre.transitions.filter((t) => refusTransition(cadre, etat, t.action, role) === null);
}

/** Remplace les {champs} d'un texte de l'avenant ; un champ inconnu est une erreur du cadre. */
export function remplir(modele: string, valeurs: Record<string, string | number>): string {
  return modele.replace(/\{([a-z_]+)\}/g, (_, cle: string) => {
    if (!(cle in valeurs)) throw new ErreurCadre(`champ inconnu dans un texte de l'avenant : {${cle}}`);
    return String(valeurs[cle]);
  });
}
