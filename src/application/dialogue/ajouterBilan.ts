// Le bilan intermédiaire d'un dialogue signé : les chiffres de l'année à ce jour contre les cibles arrêtées.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { ETAT_SIGNE, libelleEtat, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { contenus, messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { DepotDialogues } from '../ports/depotDialogues.ts';
import type { Horloge } from '../ports/horloge.ts';
import { ErreurTransition, chargerDansPerimetre, faceAuxCibles, type ChiffresDuMoment } from './commun.ts';

/** Le bilan intermédiaire d'un dialogue signé : l'état se vérifie sur le dialogue verrouillé, dans la transaction qui écrit. */
export async function ajouterBilan(depot: DepotDialogues, cadre: CadreDialogue, catalogue: Catalogue, service: ChiffresDuMoment, utilisateur: Utilisateur, id: number, brut: unknown, origine: string, horloge: Horloge) {
  const lu = contenus(catalogue.ratios).bilan.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Bilan invalide — ${messagesDe(lu.error)}`);
  // Les chiffres du moment se lisent avant la transaction, sur la base : la base embarquée n'a qu'une
  // connexion, que la transaction garde jusqu'à sa fin. L'année et la ML d'un dialogue ne changent pas.
  const { annee, code_structure } = await chargerDansPerimetre(depot, utilisateur, id, false);
  const chiffres = await service.structure(annee, code_structure);
  return depot.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    if (d.etat !== ETAT_SIGNE) throw new ErreurTransition(`Le bilan intermédiaire se rattache à un dialogue signé ; celui-ci est « ${libelleEtat(cadre, d.etat)} ».`);
    await tx.ajouterBilan(id, { commentaire: lu.data.commentaire, chiffres: faceAuxCibles(catalogue, chiffres, d, horloge), cree_par: utilisateur.courriel });
    await tx.auditer({ acteur: utilisateur.courriel, action: 'bilan_intermediaire', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
