// @vitest-environment jsdom
import { afterEach, expect, it, vi } from 'vitest';
import { appeler, ErreurApi, quandDeconnecte } from './api.ts';

afterEach(() => vi.unstubAllGlobals());

/** Un serveur simulé : ses réponses dans l'ordre, et les appels reçus (adresse, jeton anti-CSRF). */
function serveur(...reponses: Response[]) {
  const appels: [string, string | undefined][] = [];
  let jetons = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/csrf') return Response.json({ jeton: `j${++jetons}` });
      appels.push([url, (init?.headers as Record<string, string>)['x-csrf-token']]);
      return reponses.shift()!;
    }),
  );
  return appels;
}

it('un jeton anti-CSRF périmé est redemandé et la requête refaite une fois, sur le code et non sur le texte', async () => {
  const appels = serveur(Response.json({ code: 'jeton_csrf', message: 'Texte reformulé.' }, { status: 403 }), Response.json({ ok: 1 }));
  expect(await appeler('/api/instantanes', { methode: 'POST', corps: {} })).toEqual({ ok: 1 });
  expect(appels).toEqual([
    ['/api/instantanes', 'j1'],
    ['/api/instantanes', 'j2'],
  ]);
});

it('un autre refus 403 au texte semblable ne relance rien ; l’erreur porte son code', async () => {
  const appels = serveur(Response.json({ code: 'droit_insuffisant', message: 'Jeton anti-CSRF absent ou périmé : rechargez la page, puis recommencez.' }, { status: 403 }));
  const erreur = await appeler<never>('/api/instantanes', { methode: 'POST', corps: {} }).catch((e: ErreurApi) => e);
  expect(erreur).toBeInstanceOf(ErreurApi);
  expect([erreur.code, erreur.statut]).toEqual(['droit_insuffisant', 403]);
  expect(appels).toHaveLength(1);
});

it('seul le code non_connecte ramène à la connexion', async () => {
  const deconnecte = vi.fn();
  const oublier = quandDeconnecte(deconnecte);
  serveur(Response.json({ code: 'introuvable', message: 'Dialogue inconnu : 9' }, { status: 404 }), Response.json({ code: 'non_connecte', message: 'Connexion requise.' }, { status: 401 }));
  await expect(appeler('/api/dialogues/9')).rejects.toMatchObject({ code: 'introuvable', message: 'Dialogue inconnu : 9' });
  expect(deconnecte).not.toHaveBeenCalled();
  await expect(appeler('/api/moi')).rejects.toMatchObject({ code: 'non_connecte' });
  expect(deconnecte).toHaveBeenCalledOnce();
  oublier();
});
