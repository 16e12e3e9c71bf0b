// Se connecter à l'API comme un compte de démonstration : rend l'en-tête Cookie de sa session.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export interface CompteDemo {
  id: number;
  courriel: string;
  role: string;
  organisation: { type: string; code: string };
}

export async function comptesDemo(app: FastifyInstance): Promise<CompteDemo[]> {
  return (await app.inject({ url: '/api/connexion/demo' })).json().utilisateurs;
}

const cookieDe = (reponse: { headers: Record<string, unknown> }) => String(reponse.headers['set-cookie']).split(';')[0];

/** Une session anonyme et son jeton anti-CSRF. */
export async function jetonAnonyme(app: FastifyInstance, cookie?: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const reponse = await app.inject({ url: '/api/csrf', headers: cookie ? { cookie } : {} });
  return { cookie: reponse.headers['set-cookie'] ? cookieDe(reponse) : cookie!, 'x-csrf-token': reponse.json().jeton };
}

/** Se connecte ; rend les en-têtes à joindre à chaque requête : cookie de session et jeton anti-CSRF. */
export async function connecter(app: FastifyInstance, compte: Pick<CompteDemo, 'id'>): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const reponse = await app.inject({ method: 'POST', url: '/api/connexion/demo', payload: { id: compte.id }, headers: await jetonAnonyme(app) });
  expect(reponse.statusCode).toBe(200);
  // La connexion renouvelle la session : un nouveau jeton pour elle.
  return jetonAnonyme(app, cookieDe(reponse));
}

/** Le compte de démonstration d'un rôle (et d'une organisation, s'il y en a plusieurs). */
export function compte(comptes: CompteDemo[], role: string, code?: string): CompteDemo {
  const trouve = comptes.find((c) => c.role === role && (code === undefined || c.organisation.code === code));
  if (!trouve) throw new Error(`pas de compte de démonstration ${role} ${code ?? ''}`);
  return trouve;
}
