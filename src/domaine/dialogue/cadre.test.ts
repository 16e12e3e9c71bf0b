import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../acces/droits.ts';
import { actionsPossibles, refusTransition, remplir, validerCadre } from './cadre.ts';

const brut = JSON.parse(readFileSync(new URL('../../../catalogues/dialogue-de-gestion-2015-2018.json', import.meta.url), 'utf8'));
const cadre = validerCadre(brut);

// Cadre CPO §5, recopié à la main : (état de départ, action, rôle) permis. Tout le reste est refusé.
const PERMIS = new Set([
  'ouvert|soumettre_autodiagnostic|direction_ml',
  'autodiagnostic_soumis|renvoyer|agent_ud',
  'autodiagnostic_soumis|enregistrer_entretien|agent_ud',
  'entretien_realise|arreter_objectifs|agent_ud',
  'objectifs_arretes|decider_financement|agent_direccte',
  'decision_financiere|generer_avenant|agent_direccte',
  'avenant_genere|signer_ml|direction_ml',
  'signe_ml|signer_etat|agent_direccte',
]);

describe('table des transitions du dialogue de gestion', () => {
  const etats = cadre.etats.map((e) => e.id);
  const actions = cadre.transitions.map((t) => t.action);
  const roles = Object.keys(ROLES) as Role[];

  it('permet exactement les pas du cadre CPO §5, pour chaque état, chaque action et chaque rôle', () => {
    const ecarts: string[] = [];
    for (const etat of etats)
      for (const action of actions)
        for (const role of roles) {
          const permis = refusTransition(cadre, etat, action, role) === null;
          if (permis !== PERMIS.has(`${etat}|${action}|${role}`)) ecarts.push(`${etat} ${action} ${role} : ${permis ? 'permis' : 'refusé'}`);
        }
    expect(ecarts).toEqual([]);
    expect(etats.length * actions.length * roles.length).toBe(8 * 8 * 6);
  });

  it('dit pourquoi un pas est refusé : le rôle attendu, ou l’état attendu', () => {
    expect(refusTransition(cadre, 'ouvert', 'signer_etat', 'agent_ud')).toBe("« Signer l'avenant pour l'État » est réservé à : Agent DIRECCTE.");
    expect(refusTransition(cadre, 'ouvert', 'signer_etat', 'agent_direccte')).toBe(
      "« Signer l'avenant pour l'État » n'est pas possible quand le dialogue est « Ouvert : autodiagnostic de la ML attendu » (il faut : « Signé par la ML, à signer par l'État »).",
    );
    expect(refusTransition(cadre, 'ouvert', 'tout_valider', 'agent_dgefp')).toBe('Action inconnue : tout_valider.');
  });

  it("ne propose à l'écran que les pas permis", () => {
    expect(actionsPossibles(cadre, 'autodiagnostic_soumis', 'agent_ud').map((t) => t.action)).toEqual(['renvoyer', 'enregistrer_entretien']);
    expect(actionsPossibles(cadre, 'autodiagnostic_soumis', 'direction_ml')).toEqual([]);
    expect(actionsPossibles(cadre, 'signe', 'agent_direccte')).toEqual([]);
  });

  it('refuse un cadre mal écrit, en disant où', () => {
    const faux = structuredClone(brut);
    faux.transitions[0].vers = 'nulle_part';
    faux.transitions[1].action = faux.transitions[2].action;
    expect(() => validerCadre(faux, 'cadre.json')).toThrow(/cadre.json invalide — transition soumettre_autodiagnostic : état inconnu nulle_part ; action en double : enregistrer_entretien/);
    const sansRole = structuredClone(brut);
    sansRole.transitions[0].roles = ['maire'];
    expect(() => validerCadre(sansRole)).toThrow(/transitions\.0\.roles\.0/);
  });

  it('remplit les textes de l’avenant et refuse un champ inconnu', () => {
    expect(remplir('Avenant n° {numero} pour {annee}', { numero: 3, annee: 2018 })).toBe('Avenant n° 3 pour 2018');
    expect(() => remplir('{inconnu}', {})).toThrow('champ inconnu dans un texte de l’avenant : {inconnu}'.replace('’', "'"));
  });
});
