// Le brouillon de l'autodiagnostic, enregistré avant sa soumission (qui passe par `agir`).
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { refusTransition, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { contenus, messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { DepotDialogues } from '../ports/depotDialogues.ts';
import { chargerDansPerimetre, erreurDe } from './commun.ts';

/** Le brouillon de l'autodiagnostic : mêmes conditions que sa soumission (rôle, état, périmètre). */
export async function enregistrerAutodiagnostic(depot: DepotDialogues, cadre: CadreDialogue, catalogue: Catalogue, utilisateur: Utilisateur, id: number, brut: unknown, origine: string) {
  const lu = contenus(catalogue.ratios).autodiagnostic.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Autodiagnostic invalide — ${messagesDe(lu.error)}`);
  return depot.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    const refus = refusTransition(cadre, d.etat, 'soumettre_autodiagnostic', utilisateur.role);
    if (refus) throw erreurDe(refus);
    await tx.enregistrerAutodiagnostic(id, lu.data);
    await tx.auditer({ acteur: utilisateur.courriel, action: 'enregistrer_autodiagnostic', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
