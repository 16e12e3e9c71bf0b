// Schémas zod partagés par les routes.
import * as z from 'zod';

export const annee = z.coerce.number().int().min(1990).max(2100).describe('année civile');
export const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'code invalide');
export const erreur = z.object({ message: z.string() });
