// Schémas zod partagés par les routes.
import * as z from 'zod';
import { CODES_ERREUR } from '../domaine/erreurs.ts';

export const annee = z.coerce.number().int().min(1990).max(2100).describe('année civile');
/** Une date de coupure : les chiffres de l'année du 1er janvier à ce jour inclus (l'année est vérifiée par le cas d'usage). */
export const au = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date de coupure AAAA-MM-JJ attendue')
  .optional()
  .describe("date de coupure AAAA-MM-JJ dans l'année : du 1er janvier à ce jour inclus, et N-1 au même jour");
export const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'code invalide');
/** Toute réponse d'erreur de l'API : son code (le statut HTTP en découle) et un message en français. */
export const erreur = z
  .object({ code: z.enum(CODES_ERREUR).describe('ce qui ne va pas, pour décider'), message: z.string().describe('le message en français, à montrer') })
  .describe('Erreur');
