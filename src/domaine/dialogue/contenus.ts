// Ce que chaque étape du dialogue apporte, contrôlé à l'entrée : un message français par champ fautif,
// qui nomme le champ. Les cibles et les montants suivent les règles que l'écran applique sous chaque
// champ (`refusCible`, `refusMontant`) ; les dates se lisent à la française ou AAAA-MM-JJ.
import * as z from 'zod';
import type { ActionDialogue } from './cadre.ts';
import type { DefinitionRatio } from '../indicateurs/catalogue.ts';
import { formaterValeur } from '../indicateurs/format.ts';
import { lireDate } from '../temps/dates.ts';
import { refusCible } from './cibles.ts';
import { refusMontant } from './financement.ts';

const texteLibre = (champ: string, max: number) => z.string({ error: `${champ} : texte attendu` }).trim().max(max, `${champ} : ${max} caractères au plus`);
const requis = (champ: string, max = 20_000) => z.string({ error: `${champ} : à remplir` }).trim().min(1, `${champ} : à remplir`).max(max, `${champ} : ${max} caractères au plus`);
const date = (champ: string) =>
  z.string({ error: `${champ} : à remplir` }).transform((texte, ctx) => {
    const lue = lireDate(texte);
    if (lue === null) ctx.addIssue({ code: 'custom', message: `${champ} : date attendue au format JJ/MM/AAAA (par exemple 14/03/2017), reçu « ${texte.slice(0, 40)} »` });
    return lue ?? '';
  });

/** La valeur reçue, telle qu'on la lit, pour le message d'erreur. */
const recu = (v: unknown, unite: string) => (typeof v === 'number' && Number.isFinite(v) ? formaterValeur(v, unite) : typeof v === 'string' ? `« ${v.slice(0, 40)} »` : String(JSON.stringify(v)).slice(0, 40));

/** Une valeur par ratio du catalogue, contrôlée selon son unité ; `sansCible` : null admis (pas de cible proposée). */
function cibles(ratios: readonly DefinitionRatio[], champ: string, sansCible: boolean) {
  return z.record(z.string(), z.unknown(), { error: `${champ} : une valeur par ratio attendue` }).superRefine((valeurs, ctx) => {
    for (const [id, v] of Object.entries(valeurs)) {
      const ratio = ratios.find((r) => r.id === id);
      const refus = !ratio ? 'ratio inconnu du catalogue' : v === null && sansCible ? null : refusCible(v, ratio.unite);
      if (refus) ctx.addIssue({ code: 'custom', message: `${champ}.${id}${ratio ? ` (${ratio.libelle})` : ''} : ${refus}, reçu ${recu(v, ratio?.unite ?? '')}` });
    }
  });
}

function construire(ratios: readonly DefinitionRatio[]) {
  const autodiagnostic = z.object({
    /** Un commentaire par objectif de la CPO (identifiant de l'objectif du catalogue). */
    commentaires: z.record(z.string(), texteLibre('Commentaire d’un objectif', 5000), { error: 'commentaires : un texte par objectif attendu' }),
    contexte: texteLibre('Éléments de contexte', 5000),
    planPropose: texteLibre("Plan d'action proposé", 10_000),
    /** Cibles proposées par la ML, en valeur du ratio (0,35 pour 35 %). */
    ciblesProposees: cibles(ratios, 'ciblesProposees', true) as z.ZodType<Record<string, number | null>>,
  });

  const actionDuPlan = z.object({
    titre: requis("Titre de l'action", 200),
    description: texteLibre("Description de l'action", 2000),
    echeance: date("Échéance de l'action"),
    indicateur: z.string({ error: 'Indicateur suivi : identifiant attendu' }).max(64).nullable(),
  });

  const objectifs = z.object({
    cibles: cibles(ratios, 'cibles', false) as z.ZodType<Record<string, number>>,
    plan: z.array(actionDuPlan, { error: "Plan d'action : liste d'actions attendue" }).max(50, '50 actions au plus'),
    qualitatifs: texteLibre('Objectifs qualitatifs', 10_000),
  });

  const entretien = z.object({
    date: date("Date de l'entretien"),
    // Remplis : la règle `entretien_complet` du cadre.
    participants: texteLibre('Participants', 2000),
    regionPresente: z.boolean({ error: 'Présence du Conseil régional : oui ou non attendu' }),
    compteRendu: texteLibre('Compte rendu', 20_000),
  });

  const decision = z.object({
    /** Euros entiers, par ligne de financement du cadre. */
    montants: z.record(z.string(), z.unknown(), { error: 'montants : un montant par ligne de financement attendu' }).superRefine((montants, ctx) => {
      for (const [ligne, v] of Object.entries(montants)) {
        const refus = refusMontant(v);
        if (refus) ctx.addIssue({ code: 'custom', message: `montants.${ligne} : ${refus}, reçu ${recu(v, 'euros')}` });
      }
    }) as z.ZodType<Record<string, number>>,
    justification: texteLibre('Justification', 5000).optional(),
  });

  return {
    autodiagnostic,
    bilan: z.object({ commentaire: requis('Commentaire du bilan', 10_000) }),
    /** Le contenu attendu par chaque action (la soumission et la génération n'en ont pas). */
    parAction: {
      soumettre_autodiagnostic: z.object({}),
      // Exigé : la règle `motif_obligatoire` du cadre.
      renvoyer: z.object({ motif: texteLibre('Motif du renvoi', 2000).optional() }),
      enregistrer_entretien: entretien,
      arreter_objectifs: objectifs,
      decider_financement: decision,
      generer_avenant: z.object({}),
      signer_ml: signature,
      signer_etat: signature,
    } satisfies Record<ActionDialogue, z.ZodType>,
    entretien,
    objectifs,
    decision,
  };
}

type Contenus = ReturnType<typeof construire>;
export type Entretien = z.infer<Contenus['entretien']>;
export type Objectifs = z.infer<Contenus['objectifs']>;
export type Decision = z.infer<Contenus['decision']>;

const construits = new WeakMap<readonly DefinitionRatio[], Contenus>();

/** Les contenus des étapes pour les ratios de ce catalogue. */
export function contenus(ratios: readonly DefinitionRatio[]): Contenus {
  let c = construits.get(ratios);
  if (!c) construits.set(ratios, (c = construire(ratios)));
  return c;
}

/** Signer, c'est confirmer un document précis (l'empreinte SHA-256 de son PDF), en une qualité, en un lieu. */
export const signature = z.object({
  empreinte: z
    .string({ error: "Empreinte de l'avenant : à confirmer" })
    .regex(/^[0-9a-f]{64}$/, "Empreinte de l'avenant : 64 caractères hexadécimaux attendus (SHA-256 du PDF)"),
  qualite: requis('Qualité du signataire', 200),
  lieu: requis('Lieu de signature', 100),
});
export type ContenuSignature = z.infer<typeof signature>;

/** Les erreurs de zod en une phrase : « champ : message ; … ». */
export function messagesDe(erreur: z.ZodError): string {
  return erreur.issues.map((i) => (i.path.length && !i.message.includes(':') ? `${i.path.join('.')} : ${i.message}` : i.message)).join(' ; ');
}
