// La page d'un dialogue : son état, ses contenus, ses chiffres figés, son historique, son avenant, ses bilans,
// et les actions que l'utilisateur peut y faire.
import { peut, type Utilisateur } from '../../domaine/acces/droits.ts';
import { valeursDuModele, type Signature } from '../../domaine/dialogue/avenant.ts';
import { actionsPossibles, ETAT_SIGNE, libelleEtat, refusTransition, remplir, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { DepotDialogues, LigneAvenant } from '../ports/depotDialogues.ts';
import type { Horloge } from '../ports/horloge.ts';
import { chargerDansPerimetre, chiffresFiges, chiffresDuMoment, type ChiffresDuMoment } from './commun.ts';

export async function lireDialogue(
  depot: DepotDialogues,
  cadre: CadreDialogue,
  catalogue: Catalogue,
  service: ChiffresDuMoment,
  utilisateur: Utilisateur,
  id: number,
  horloge: Horloge,
) {
  const d = await chargerDansPerimetre(depot, utilisateur, id, false);
  const [figes, historique, avenant, bilans, conv, anterieures, campagne, instantane] = await Promise.all([
    chiffresFiges(depot, d),
    depot.historique(id),
    depot.avenant(id),
    depot.bilans(id),
    depot.convention(d.code_structure),
    depot.decisionsAnterieures(d.code_structure, d.annee),
    depot.echeances(d.campagne_id),
    depot.enteteInstantane(d.instantane_id),
  ]);
  // Les clés étrangères les garantissent : leur absence est une base abîmée, pas un dialogue inconnu.
  if (!campagne || !instantane) throw new ErreurMetier(`La campagne ou l'instantané du dialogue ${id} manque en base.`, 'integrite');
  return {
    id: d.id,
    annee: d.annee,
    etat: d.etat,
    libelleEtat: libelleEtat(cadre, d.etat),
    structure: { code: d.code_structure, nom: d.nom, siret: d.siret, adresse: d.adresse, code_departement: d.code_departement, code_region: d.code_region, nom_region: d.nom_region },
    campagne: { ...campagne, instantane },
    convention: conv,
    decisionsAnterieures: anterieures,
    autodiagnostic: d.autodiagnostic,
    entretien: d.entretien,
    objectifs: d.objectifs,
    decision: d.decision,
    chiffresFiges: figes,
    historique,
    avenant: avenant ? avenantPresente(cadre, avenant) : null,
    bilans,
    bilanEnCours: d.etat === ETAT_SIGNE ? await chiffresDuMoment(catalogue, service, d, horloge) : null,
    actions: actionsPossibles(cadre, d.etat, utilisateur.role).map((t) => ({ action: t.action, libelle: t.libelle, regle: t.regle ?? null })),
    peutEnregistrerAutodiagnostic: refusTransition(cadre, d.etat, 'soumettre_autodiagnostic', utilisateur.role) === null,
    peutSaisirBilan: d.etat === ETAT_SIGNE && peut(utilisateur, 'saisir_bilan'),
  };
}

/** Ce que la page du dialogue montre de l'avenant : ses empreintes, son numéro expliqué, ses signatures. */
function avenantPresente(cadre: CadreDialogue, a: LigneAvenant) {
  const signature = (texte: string | null): Signature | null => (texte === null ? null : JSON.parse(texte));
  return {
    numero: a.numero,
    explicationNumero: remplir(cadre.avenant.numero, valeursDuModele(cadre, JSON.parse(a.donnees))),
    empreinte_donnees: a.empreinte_donnees,
    empreinte_pdf: a.empreinte_pdf,
    genere_le: a.genere_le,
    signatures: { ml: signature(a.signature_ml), etat: signature(a.signature_etat) },
    empreinte_pdf_signe: a.empreinte_pdf_signe,
  };
}
