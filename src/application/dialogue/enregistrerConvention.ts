// La DIRECCTE enregistre (ou corrige) la convention d'une ML de sa région.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { ecrireConvention, schemaConvention, type Convention } from './conventions.ts';

/** Valider → transaction → charger, autoriser, décider, écrire (`ecrireConvention`) → auditer. */
export async function enregistrerConvention(base: Base, utilisateur: Utilisateur, brut: unknown, origine: string): Promise<Convention> {
  const lu = schemaConvention.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Convention invalide — ${messagesDe(lu.error)}`);
  return base.transaction(async (tx) => {
    await ecrireConvention(tx, utilisateur, lu.data);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'enregistrer_convention', objet: `conventions/${lu.data.code_structure}`, codeStructure: lu.data.code_structure, origine, details: lu.data });
    return lu.data;
  });
}
