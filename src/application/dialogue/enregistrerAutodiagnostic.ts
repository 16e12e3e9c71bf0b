// Le brouillon de l'autodiagnostic, enregistré avant sa soumission (qui passe par `agir`).
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { refusTransition, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { contenus, messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { chargerDansPerimetre, erreurDe } from './commun.ts';

/** Le brouillon de l'autodiagnostic : mêmes conditions que sa soumission (rôle, état, périmètre). */
export async function enregistrerAutodiagnostic(base: Base, cadre: CadreDialogue, catalogue: Catalogue, utilisateur: Utilisateur, id: number, brut: unknown, origine: string) {
  const lu = contenus(catalogue.ratios).autodiagnostic.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Autodiagnostic invalide — ${messagesDe(lu.error)}`);
  return base.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    const refus = refusTransition(cadre, d.etat, 'soumettre_autodiagnostic', utilisateur.role);
    if (refus) throw erreurDe(refus);
    await tx.query('UPDATE dialogue SET autodiagnostic = $2, modifie_le = now() WHERE id = $1', [id, JSON.stringify(lu.data)]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'enregistrer_autodiagnostic', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
