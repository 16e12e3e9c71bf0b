import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actionsPossibles, refusTransition, remplir, validerCadre } from './cadre.ts';

const brut = JSON.parse(readFileSync(new URL('../../../catalogues/dialogue-de-gestion-2015-2018.json', import.meta.url), 'utf8'));
const cadre = validerCadre(brut);

// La table entière (chaque état, chaque action, chaque rôle) est vérifiée par decider.test.ts.
describe('table des transitions du dialogue de gestion', () => {
  it('dit pourquoi un pas est refusé : le rôle attendu, ou l’état attendu', () => {
    expect(refusTransition(cadre, 'ouvert', 'signer_etat', 'agent_ud')).toEqual({ genre: 'role', message: "« Signer l'avenant pour l'État » est réservé à : Agent DIRECCTE." });
    expect(refusTransition(cadre, 'ouvert', 'signer_etat', 'agent_direccte')).toEqual({
      genre: 'etat',
      message: "« Signer l'avenant pour l'État » n'est pas possible quand le dialogue est « Ouvert : autodiagnostic de la ML attendu » (il faut : « Signé par la ML, à signer par l'État »).",
    });
    expect(refusTransition(cadre, 'ouvert', 'tout_valider', 'agent_dgefp')).toEqual({ genre: 'saisie', message: 'Action inconnue : tout_valider.' });
  });

  it("ne propose à l'écran que les pas permis", () => {
    expect(actionsPossibles(cadre, 'autodiagnostic_soumis', 'agent_ud').map((t) => t.action)).toEqual(['renvoyer', 'enregistrer_entretien']);
    expect(actionsPossibles(cadre, 'autodiagnostic_soumis', 'direction_ml')).toEqual([]);
    expect(actionsPossibles(cadre, 'signe', 'agent_direccte')).toEqual([]);
  });

  it('refuse un cadre mal écrit, en disant où', () => {
    const faux = structuredClone(brut);
    faux.transitions[1].action = faux.transitions[2].action;
    expect(() => validerCadre(faux, 'cadre.json')).toThrow(/^cadre.json invalide — action en double : enregistrer_entretien ; l'action « renvoyer », dont le code dépend, manque$/);
    const nullePart = structuredClone(brut);
    nullePart.transitions[0].vers = 'nulle_part';
    expect(() => validerCadre(nullePart)).toThrow(/transitions\.0\.vers : état « nulle_part » inconnu du code/);
    const sansRole = structuredClone(brut);
    sansRole.transitions[0].roles = ['maire'];
    expect(() => validerCadre(sansRole)).toThrow(/transitions\.0\.roles\.0/);
  });

  it('refuse un cadre qui retire ou renomme un nom dont le code dépend', () => {
    const sansSigne = structuredClone(brut);
    sansSigne.etats = sansSigne.etats.filter((e: { id: string }) => e.id !== 'signe');
    sansSigne.transitions.at(-1).vers = 'signe_ml';
    expect(() => validerCadre(sansSigne, 'cadre.json')).toThrow("cadre.json invalide — l'état « signe », dont le code dépend, manque");
    const renomme = structuredClone(brut);
    renomme.transitions[1].action = 'retourner';
    expect(() => validerCadre(renomme, 'cadre.json')).toThrow(
      /^cadre\.json invalide — transitions\.1\.action : action « retourner » inconnue du code \(attendues : « soumettre_autodiagnostic », « renvoyer », .*« signer_etat »\)$/,
    );
    const etatEnTrop = structuredClone(brut);
    etatEnTrop.etats.push({ id: 'archive', libelle: 'Archivé' });
    expect(() => validerCadre(etatEnTrop)).toThrow(/etats\.8\.id : état « archive » inconnu du code/);
    const sansAction = structuredClone(brut);
    sansAction.transitions.pop();
    expect(() => validerCadre(sansAction)).toThrow(/l'action « signer_etat », dont le code dépend, manque/);
    const signeRouvert = structuredClone(brut);
    signeRouvert.transitions[1].de.push('signe');
    expect(() => validerCadre(signeRouvert)).toThrow("transition renvoyer : l'état « signe » est définitif, aucune transition n'en part");
  });

  it('remplit les textes de l’avenant et refuse un champ inconnu', () => {
    expect(remplir('Avenant n° {numero} pour {annee}', { numero: 3, annee: 2018 })).toBe('Avenant n° 3 pour 2018');
    expect(() => remplir('{inconnu}', {})).toThrow('champ inconnu dans un texte de l’avenant : {inconnu}'.replace('’', "'"));
  });
});
