// La page d'un dialogue : son état, ses contenus, ses chiffres figés, son historique, son avenant, ses bilans,
// et les actions que l'utilisateur peut y faire.
import { couvreStructure, exiger, peut, type Utilisateur } from '../../domaine/acces/droits.ts';
import { valeursDuModele, type Signature } from '../../domaine/dialogue/avenant.ts';
import { actionsPossibles, ETAT_SIGNE, libelleEtat, refusTransition, remplir, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { ServiceChiffres } from '../indicateurs/serviceChiffres.ts';
import type { Campagne } from './campagnes.ts';
import { horodatageParis } from '../fragmentsSql.ts';
import { situee, chargerDialogue, chiffresFiges, decisionsAnterieures, convention, chiffresDuMoment } from './commun.ts';
import { COLONNES_AVENANT, type LigneAvenant } from './avenants.ts';

export async function lireDialogue(base: Base, cadre: CadreDialogue, catalogue: Catalogue, service: ServiceChiffres, utilisateur: Utilisateur, id: number, horloge: Horloge) {
  const d = await chargerDialogue(base, id);
  if (!d) return null;
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  const [figes, historique, [avenant], bilans, conv, anterieures, [campagne]] = await Promise.all([
    chiffresFiges(base, d),
    base.query(
      `SELECT action, de, vers, acteur, role, ${horodatageParis('horodatage')} AS horodatage, motif
       FROM dialogue_evenement WHERE dialogue_id = $1 ORDER BY id`,
      [id],
    ),
    base.query<LigneAvenant & { genere_le: string }>(
      `SELECT ${COLONNES_AVENANT}, ${horodatageParis('genere_le')} AS genere_le FROM avenant WHERE dialogue_id = $1`,
      [id],
    ),
    base.query(`SELECT commentaire, chiffres, cree_par, ${horodatageParis('cree_le')} AS cree_le FROM bilan_intermediaire WHERE dialogue_id = $1 ORDER BY id`, [id]),
    convention(base, d.code_structure),
    decisionsAnterieures(base, d),
    base.query<Pick<Campagne, 'id' | 'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature' | 'instantane_id'>>(
      `SELECT id, echeance_autodiagnostic, echeance_entretien, echeance_signature, instantane_id FROM campagne WHERE id = $1`,
      [d.campagne_id],
    ),
  ]);
  const [instantane] = await base.query(
    `SELECT id, annee, catalogue, empreinte, ${horodatageParis('cree_le')} AS cree_le FROM instantane WHERE id = $1`,
    [d.instantane_id],
  );
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
function avenantPresente(cadre: CadreDialogue, a: LigneAvenant & { genere_le: string }) {
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
