// Le bilan intermédiaire d'un dialogue signé : les chiffres de l'année à ce jour contre les cibles arrêtées.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { ETAT_SIGNE, libelleEtat, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { contenus, messagesDe } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { ServiceChiffres } from '../indicateurs/serviceChiffres.ts';
import { ErreurTransition, chiffresDuMoment, chargerDansPerimetre, type LigneDialogue } from './commun.ts';

/**
 * Le bilan intermédiaire d'un dialogue signé : l'état se vérifie sur le dialogue verrouillé, dans la transaction qui écrit.
 * Les chiffres du moment se calculent avant elle : le service lit la base hors de la transaction, ce qui,
 * sur PGlite (une seule connexion), attendrait sa fin. Un dialogue signé ne change plus (ML, année, cibles) :
 * lus avant la transaction, ses chiffres sont ceux qu'elle verrait.
 */
export async function ajouterBilan(base: Base, cadre: CadreDialogue, catalogue: Catalogue, service: ServiceChiffres, utilisateur: Utilisateur, id: number, brut: unknown, origine: string, horloge: Horloge) {
  const lu = contenus(catalogue.ratios).bilan.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Bilan invalide — ${messagesDe(lu.error)}`);
  const exigerSigne = (d: LigneDialogue) => {
    if (d.etat !== ETAT_SIGNE) throw new ErreurTransition(`Le bilan intermédiaire se rattache à un dialogue signé ; celui-ci est « ${libelleEtat(cadre, d.etat)} ».`);
  };
  const signe = await chargerDansPerimetre(base, utilisateur, id);
  exigerSigne(signe);
  const chiffres = await chiffresDuMoment(catalogue, service, signe, horloge);
  return base.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    exigerSigne(d);
    await tx.query('INSERT INTO bilan_intermediaire (dialogue_id, commentaire, chiffres, cree_par) VALUES ($1, $2, $3, $4)', [id, lu.data.commentaire, JSON.stringify(chiffres), utilisateur.courriel]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'bilan_intermediaire', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
