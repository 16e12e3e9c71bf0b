// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validerCadre, type ActionDialogue } from '../../../domaine/dialogue/cadre.ts';
import type { Catalogue } from '../../../domaine/indicateurs/catalogue.ts';
import { ContexteSession, type Session } from '../../session.tsx';
import type { DonneesDialogue } from './Dialogue.tsx';
import { Etape } from './Etapes.tsx';

const lire = (chemin: string) => JSON.parse(readFileSync(join(process.cwd(), chemin), 'utf8'));
const catalogue = lire('catalogues/cpo-2015-2018.json') as Catalogue;
const cadre = validerCadre(lire('catalogues/dialogue-de-gestion-2015-2018.json'));
const EMPLOI = /^Taux d'accès à l'emploi des jeunes accompagnés/;

/** Un dialogue à l'étape voulue : seuls les champs que lit le formulaire. */
const dialogue = (etape: Partial<DonneesDialogue>) =>
  ({
    id: 7,
    annee: 2018,
    actions: [],
    peutEnregistrerAutodiagnostic: false,
    peutSaisirBilan: false,
    autodiagnostic: null,
    chiffresFiges: { annee: 2017, ml: { indicateurs: {}, ratios: { ratio_07: 0.352 } }, departement: null, region: null, national: null, distributionsRegion: {} },
    convention: { numero: 'CPO-1', annee_debut: 2015, annee_fin: 2018, date_signature: '2015-04-15', montant_reference: 100_000 },
    decisionsAnterieures: [],
    campagne: { echeance_entretien: '2018-03-15' },
    ...etape,
  }) as unknown as DonneesDialogue;

const actions = (...ids: ActionDialogue[]) => ids.map((action) => ({ action, libelle: cadre.transitions.find((t) => t.action === action)!.libelle, regle: null }));

let envois: { url: string; corps: unknown }[];
beforeEach(() => {
  envois = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/csrf') return Response.json({ jeton: 'j' });
      envois.push({ url, corps: init?.body ? JSON.parse(String(init.body)) : undefined });
      return Response.json({ enregistre: true });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function afficher(d: DonneesDialogue) {
  const session = { catalogue } as Session;
  return render(
    <ContexteSession.Provider value={session}>
      <Etape d={d} cadre={cadre} recharger={() => {}} />
    </ContexteSession.Provider>,
  );
}

/** Le message DSFR sous le champ : relié par aria-describedby, dans le groupe en erreur. */
function messageSous(champ: HTMLElement): string | null {
  const id = champ.getAttribute('aria-describedby');
  const message = id ? document.getElementById(id) : null;
  expect(champ.closest('.fr-input-group')!.classList.contains('fr-input-group--error')).toBe(true);
  expect(champ.getAttribute('aria-invalid')).toBe('true');
  return message?.classList.contains('fr-message--error') ? message.textContent : null;
}

describe("l'autodiagnostic", () => {
  const autodiagnostic = dialogue({ peutEnregistrerAutodiagnostic: true, actions: actions('soumettre_autodiagnostic') });

  it('refuse une cible « abc » avec un message sous le champ, le focus dessus, et n’envoie rien', async () => {
    afficher(autodiagnostic);
    const champ = screen.getByLabelText(EMPLOI);
    fireEvent.change(champ, { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await screen.findByText(/^Rien n'a été envoyé : un champ est à corriger/);
    expect(messageSous(champ)).toBe('Un nombre est attendu (chiffres, virgule pour les décimales).');
    expect(document.activeElement).toBe(champ);
    expect(screen.queryByText('Brouillon enregistré.')).toBeNull();
    expect(envois).toEqual([]);
  });

  it('refuse une part au-dessus de 100 %, enregistre une part lisible dans l’unité du ratio', async () => {
    afficher(autodiagnostic);
    const champ = screen.getByLabelText(EMPLOI);
    fireEvent.change(champ, { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await waitFor(() => expect(messageSous(champ)).toBe('Une part entre 0 et 100 % est attendue.'));
    fireEvent.change(champ, { target: { value: '36,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le brouillon' }));
    await screen.findByText('Brouillon enregistré.');
    expect(envois).toHaveLength(1);
    expect((envois[0].corps as { ciblesProposees: Record<string, number | null> }).ciblesProposees.ratio_07).toBe(0.365);
    expect(champ.getAttribute('aria-invalid')).toBeNull();
  });

  it('marque et contrôle les champs obligatoires pour soumettre, sans la bulle du navigateur', async () => {
    const { container } = afficher(autodiagnostic);
    expect(container.querySelector('form')!.noValidate).toBe(true);
    const contexte = screen.getByLabelText(/^Éléments de contexte/);
    expect(contexte.hasAttribute('required')).toBe(true);
    expect(document.querySelector(`label[for="${contexte.id}"]`)!.textContent).toMatch(/Éléments de contexte\u00a0\*/);
    fireEvent.click(screen.getByRole('button', { name: "Soumettre l'autodiagnostic" }));
    await screen.findByText(/^Rien n'a été envoyé : 2 champs sont à corriger/);
    expect(messageSous(contexte)).toBe('Champ obligatoire : décrivez le contexte pour soumettre.');
    expect(messageSous(screen.getByLabelText(/^Plan d'action proposé/))).toMatch(/^Champ obligatoire/);
    expect(envois).toEqual([]);
  });

  it('garde chaque libellé de ratio avec son champ, dans la même cellule de la grille DSFR', () => {
    afficher(autodiagnostic);
    for (const r of catalogue.ratios) {
      const champ = screen.getByLabelText(new RegExp(`^${r.libelle.replace(/[()]/g, '\\$&')}`));
      const label = document.querySelector(`label[for="${champ.id}"]`)!;
      const cellule = champ.closest('[class*="fr-col-"]');
      expect(cellule, r.id).not.toBeNull();
      expect(cellule!.contains(label), r.id).toBe(true);
      expect(cellule!.parentElement!.classList.contains('fr-grid-row'), r.id).toBe(true);
    }
  });
});

describe("l'entretien et les objectifs", () => {
  it("contrôle la date et les champs de l'entretien ; une date saisie à la française part en AAAA-MM-JJ", async () => {
    afficher(dialogue({ actions: actions('renvoyer', 'enregistrer_entretien') }));
    fireEvent.click(screen.getByRole('button', { name: "Enregistrer l'entretien" }));
    await screen.findByText(/^Rien n'a été envoyé : 3 champs sont à corriger/);
    expect(screen.getByLabelText(/^Date de l'entretien/).closest('.fr-input-group')!.textContent).toContain('Échéance des entretiens de la campagne : 15 mars 2018');
    expect(messageSous(screen.getByLabelText(/^Date de l'entretien/))).toBe("Champ obligatoire : saisissez la date de l'entretien, une date du calendrier (JJ/MM/AAAA).");
    fireEvent.change(screen.getByLabelText(/^Date de l'entretien/), { target: { value: '2018-03-12' } });
    fireEvent.change(screen.getByLabelText(/^Participants/), { target: { value: 'UD, ML' } });
    fireEvent.change(screen.getByLabelText(/^Compte rendu/), { target: { value: 'Résultats examinés.' } });
    fireEvent.click(screen.getByRole('button', { name: "Enregistrer l'entretien" }));
    await waitFor(() => expect(envois).toHaveLength(1));
    expect(envois[0]).toMatchObject({ url: '/api/dialogues/7/actions/enregistrer_entretien', corps: { date: '2018-03-12', participants: 'UD, ML' } });
  });

  it('exige une cible par ratio, dans ses bornes', async () => {
    afficher(dialogue({ actions: actions('arreter_objectifs') }));
    const champ = screen.getByLabelText(EMPLOI);
    expect(champ.hasAttribute('required')).toBe(true);
    fireEvent.change(champ, { target: { value: '-3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Arrêter les objectifs' }));
    await screen.findByText(/^Rien n'a été envoyé : 13 champs sont à corriger/);
    expect(messageSous(champ)).toBe('Une part entre 0 et 100 % est attendue.');
    expect(messageSous(screen.getByLabelText(/^Jeunes accompagnés par conseiller/))).toBe('Champ obligatoire : une cible par ratio.');
    expect(envois).toEqual([]);
  });
});

describe('la décision financière', () => {
  it('dit la règle en mots et le montant au-delà de la borne quand « 10,0 % » ne suffit pas à le voir', async () => {
    afficher(dialogue({ actions: actions('decider_financement') }));
    expect(screen.getByText(/^Autrement dit/).textContent).toContain('de 90\u00a0000\u00a0€ à 110\u00a0000\u00a0€');
    const credit = screen.getByLabelText(/^Crédit de fonctionnement CPO/);
    fireEvent.change(credit, { target: { value: '110 000' } });
    expect(screen.getByText(/^\+10,0 %, dans la borne de ±10 %$/)).toBeTruthy();
    expect(screen.queryByLabelText(/^Justification du dépassement/)).toBeNull();
    fireEvent.change(credit, { target: { value: '110 001' } });
    expect(screen.getByText(/^\+10,0 %, soit 1 € au-delà de la borne de \+10 %$/)).toBeTruthy();
    expect(screen.getByLabelText(/^Justification du dépassement/)).toBeTruthy();
  });

  it('refuse un montant illisible au lieu de le compter pour zéro', async () => {
    afficher(dialogue({ actions: actions('decider_financement') }));
    const parrainage = screen.getByLabelText(/^Parrainage/);
    fireEvent.change(parrainage, { target: { value: 'abc' } });
    expect(screen.getByText(/à calculer une fois les montants corrigés/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Prendre la décision financière' }));
    await screen.findByText(/^Rien n'a été envoyé/);
    expect(messageSous(parrainage)).toBe('Un montant en euros entiers est attendu.');
    expect(envois).toEqual([]);
  });
});
