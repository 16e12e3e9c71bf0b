// Ce que chaque étape du dialogue apporte, contrôlé à l'entrée : un message français par champ fautif.
import * as z from 'zod';
import { estDateValide } from '../temps/dates.ts';

const texteLibre = (max: number) => z.string().trim().max(max, `${max} caractères au plus`);
const requis = (champ: string, max = 20_000) => z.string({ error: `${champ} : à remplir` }).trim().min(1, `${champ} : à remplir`).max(max, `${champ} : ${max} caractères au plus`);
const date = (champ: string) => z.string({ error: `${champ} : date AAAA-MM-JJ attendue` }).refine(estDateValide, `${champ} : date AAAA-MM-JJ attendue`);
const valeur = z.number().finite().min(0, 'une cible ne peut pas être négative');

export const autodiagnostic = z.object({
  /** Un commentaire par objectif de la CPO (identifiant de l'objectif du catalogue). */
  commentaires: z.record(z.string(), texteLibre(5000)),
  contexte: texteLibre(5000),
  planPropose: texteLibre(10_000),
  /** Cibles proposées par la ML, en valeur du ratio (0,35 pour 35 %). */
  ciblesProposees: z.record(z.string(), valeur.nullable()),
});
export type Autodiagnostic = z.infer<typeof autodiagnostic>;

export const renvoi = z.object({ motif: requis('Motif du renvoi', 2000) });

export const entretien = z.object({
  date: date("Date de l'entretien"),
  participants: requis('Participants', 2000),
  regionPresente: z.boolean(),
  compteRendu: requis('Compte rendu'),
});
export type Entretien = z.infer<typeof entretien>;

export const actionDuPlan = z.object({
  titre: requis("Titre de l'action", 200),
  description: texteLibre(2000),
  echeance: date("Échéance de l'action"),
  indicateur: z.string().max(64).nullable(),
});

export const objectifs = z.object({
  cibles: z.record(z.string(), valeur),
  plan: z.array(actionDuPlan).max(50, '50 actions au plus'),
  qualitatifs: texteLibre(10_000),
});
export type Objectifs = z.infer<typeof objectifs>;

export const decision = z.object({
  /** Euros entiers, par ligne de financement du cadre. */
  montants: z.record(z.string(), z.number().int('montant en euros entiers').min(0, 'un montant ne peut pas être négatif').max(100_000_000)),
  justification: texteLibre(5000).optional(),
});
export type Decision = z.infer<typeof decision>;

export const bilan = z.object({ commentaire: requis('Commentaire du bilan', 10_000) });

/** Signer, c'est confirmer un document précis (l'empreinte SHA-256 de son PDF), en une qualité, en un lieu. */
export const signature = z.object({
  empreinte: z
    .string({ error: "Empreinte de l'avenant : à confirmer" })
    .regex(/^[0-9a-f]{64}$/, "Empreinte de l'avenant : 64 caractères hexadécimaux attendus (SHA-256 du PDF)"),
  qualite: requis('Qualité du signataire', 200),
  lieu: requis('Lieu de signature', 100),
});
export type ContenuSignature = z.infer<typeof signature>;

/** Le contenu attendu par chaque action (la soumission et la génération n'en ont pas). */
export const CONTENUS: Record<string, z.ZodType> = {
  soumettre_autodiagnostic: z.object({}),
  renvoyer: renvoi,
  enregistrer_entretien: entretien,
  arreter_objectifs: objectifs,
  decider_financement: decision,
  generer_avenant: z.object({}),
  signer_ml: signature,
  signer_etat: signature,
};

/** Les erreurs de zod en une phrase : « champ : message ; … ». */
export function messagesDe(erreur: z.ZodError): string {
  return erreur.issues.map((i) => (i.path.length && !i.message.includes(':') ? `${i.path.join('.')} : ${i.message}` : i.message)).join(' ; ');
}
