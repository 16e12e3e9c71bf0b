// Cas d'usage : déclarer dans un formulaire les moyens d'une ML (sa direction) ou le contexte de son
// territoire (DIRECCTE de la région, DGEFP) pour une année. Valider (la règle de l'import) →
// transaction → charger la ML → autoriser → écrire avec l'historique → auditer ; les chiffres sont
// périmés dans la même transaction.
import * as z from 'zod';
import { ErreurAcces, type Utilisateur } from '../../domaine/acces/droits.ts';
import { lireDeclaration, type NatureDeclaree } from '../../domaine/declarees/declaration.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { accepter, executerTrace, refuser } from '../casDUsage.ts';
import { marquerDonneesMisesAJour } from '../indicateurs/donneesMisesAJour.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import { chargerMissionsLocales, ecrireDeclaration, messageManquements, peutDeclarer, type Changement } from './commun.ts';

/** Le corps : chaque champ tel que tapé (texte), un nombre JSON, ou null pour vider. */
const schemaSaisie = z.object({ valeurs: z.record(z.string(), z.union([z.string(), z.number(), z.null()])) }, { error: 'corps { "valeurs": { champ: valeur } } attendu' });

type Refus = { code: 'introuvable' | 'hors_perimetre'; message: string };

const LIBELLE: Record<NatureDeclaree, string> = { moyens: 'des moyens', contexte: 'du contexte' };

export async function declarer(
  base: Base,
  ports: { catalogue: Catalogue; horloge: Horloge },
  utilisateur: Utilisateur,
  nature: NatureDeclaree,
  code: string,
  annee: number,
  brut: unknown,
  origine: string,
): Promise<{ changements: Changement[] }> {
  const lu = schemaSaisie.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Déclaration ${LIBELLE[nature]} ${annee} de ${code} refusée : ${lu.error.issues[0].message}. Rien n'a été écrit.`);
  const saisie = Object.fromEntries(Object.entries(lu.data.valeurs).map(([c, v]) => [c, v === null ? null : String(v)]));
  const { valeurs, manquements } = lireDeclaration(nature, saisie, ports.horloge.dateDuJour());
  if (manquements.length) throw new ErreurMetier(`Déclaration ${LIBELLE[nature]} ${annee} de ${code} refusée, rien n'a été écrit — ${messageManquements(ports.catalogue, manquements)}`);

  const objet = `structures/${code}/${nature}/${annee}`;
  const resultat = await executerTrace<{ changements: Changement[] }, Refus>(
    base,
    async (tx) => {
      const ml = (await chargerMissionsLocales(tx, [code])).get(code);
      if (!ml) return refuser({ code: 'introuvable', message: `Mission locale inconnue : ${code}` });
      if (!peutDeclarer(utilisateur, nature, ml)) return refuser({ code: 'hors_perimetre', message: `Hors de votre périmètre : la déclaration ${LIBELLE[nature]} de la Mission locale ${code}.` });
      const changements = await ecrireDeclaration(tx, { nature, code, annee, valeurs, acteur: utilisateur.courriel, origine });
      if (changements.length) await marquerDonneesMisesAJour(tx, [code]);
      return accepter({ changements });
    },
    {
      accepte: ({ changements }) => ({ acteur: utilisateur.courriel, action: `declarer_${nature}`, objet, codeStructure: code, origine, details: { annee, changements } }),
      refuse: (r) => ({ acteur: utilisateur.courriel, action: 'declaration_refusee', objet, codeStructure: code, origine, details: { annee, motif: r.message } }),
      echoue: (e) => ({ acteur: utilisateur.courriel, action: 'declaration_refusee', objet, codeStructure: code, origine, details: { annee, motif: e instanceof Error ? e.message : String(e) } }),
    },
  );
  if (!resultat.accepte) throw resultat.refus.code === 'hors_perimetre' ? new ErreurAcces(resultat.refus.message, 'hors_perimetre') : new ErreurMetier(resultat.refus.message, 'introuvable');
  return resultat.valeur;
}
