// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { UtilisateurPresente } from '../types.ts';
import { Connexion } from './Connexion.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const compte = (id: number, nom: string, role: string, libelleRole: string, type: string, libelleType: string, organisation: string) =>
  ({ id, nom, courriel: `${id}@demo`, role, libelleRole, organisation: { type, libelleType, code: String(id), nom: organisation }, portee: { niveau: 'departement' } }) as UtilisateurPresente;

it("propose une carte par rôle et, pour l'UD, le choix du département ; se connecte au compte choisi", async () => {
  const utilisateurs = [
    compte(1, 'Marc Robin', 'agent_ud', 'Agent UD', 'ud', 'Unité départementale (UD)', 'UD Ille-et-Vilaine'),
    compte(2, 'Sophie Bernard', 'agent_direccte', 'Agent DIRECCTE', 'direccte', 'DIRECCTE', 'DIRECCTE Bretagne'),
    compte(3, 'Yann Le Gall', 'agent_ud', 'Agent UD', 'ud', 'Unité départementale (UD)', 'UD Finistère'),
  ];
  const envois: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/csrf') return Response.json({ jeton: 'j' });
      if (init?.method === 'POST') envois.push(JSON.parse(String(init.body)));
      return Response.json({ active: true, proconnect: false, utilisateurs });
    }),
  );
  const apresConnexion = vi.fn(async () => {});
  render(<Connexion apresConnexion={apresConnexion} />);
  const departement = await screen.findByLabelText(/^Unité départementale/);
  expect([...(departement as HTMLSelectElement).options].map((o) => o.textContent)).toEqual(['UD Ille-et-Vilaine — Marc Robin', 'UD Finistère — Yann Le Gall']);
  expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Agent UD', 'Agent DIRECCTE']);
  fireEvent.change(departement, { target: { value: '3' } });
  // jsdom colle le texte masqué au précédent : « Se connecteren tant que ».
  fireEvent.click(screen.getByRole('button', { name: /^Se connecter ?en tant que Yann Le Gall$/ }));
  await waitFor(() => expect(apresConnexion).toHaveBeenCalled());
  expect(envois).toEqual([{ id: 3 }]);
});
