// L'avenant du dialogue : sa génération (données figées, empreintes), sa reconstruction vérifiée, ses signatures.
import { createHash } from 'node:crypto';
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { documentAvenant, type AvenantSigne, type DonneesAvenant, type Signature } from '../../domaine/dialogue/avenant.ts';
import type { CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import type { ContenuSignature } from '../../domaine/dialogue/contenus.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import { empreinteSha256, jsonCanonique } from '../../domaine/outils/jsonCanonique.ts';
import type { Convention, DialoguesEnTransaction, LigneAvenant, LigneDialogue } from '../ports/depotDialogues.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import { ErreurIntegrite, chiffresFiges } from './commun.ts';

const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

export async function genererAvenant(
  depot: DialoguesEnTransaction,
  cadre: CadreDialogue,
  catalogue: Catalogue,
  utilisateur: Utilisateur,
  d: LigneDialogue,
  conv: Convention,
  horloge: Horloge,
  rendu: RenduPdf,
) {
  const instantane = (await depot.enteteInstantane(d.instantane_id))!;
  const figes = await chiffresFiges(depot, d);
  const ratio = (v: { ratios: Valeurs } | null, id: string) => v?.ratios[id] ?? null;
  const donnees: DonneesAvenant = {
    numero: d.annee - conv.annee_debut + 1,
    annee: d.annee,
    genereLe: horloge.dateDuJour(),
    cadre: cadre.version,
    catalogue: instantane.catalogue,
    convention: { numero: conv.numero, anneeDebut: conv.annee_debut, anneeFin: conv.annee_fin, dateSignature: conv.date_signature, montantReference: conv.montant_reference },
    ml: { code: d.code_structure, nom: d.nom, siret: d.siret, adresse: d.adresse },
    region: { code: d.code_region, nom: d.nom_region },
    dateEntretien: d.entretien!.date,
    instantane: { id: instantane.id, annee: instantane.annee, creeLe: instantane.cree_le, empreinte: instantane.empreinte },
    objectifs: catalogue.ratios.map((r) => ({
      ratio: r.id,
      libelle: r.libelle,
      unite: r.unite,
      valeurN1: ratio(figes.ml, r.id),
      cible: d.objectifs!.cibles[r.id],
      departement: ratio(figes.departement, r.id),
      region: ratio(figes.region, r.id),
      national: ratio(figes.national, r.id),
    })),
    couverture: { region: figes.couverture.region ?? { structures: 0, attendues: null }, national: figes.couverture.national! },
    qualitatifs: d.objectifs!.qualitatifs,
    plan: d.objectifs!.plan.map((p) => ({
      titre: p.titre,
      description: p.description,
      echeance: p.echeance,
      indicateur: p.indicateur === null ? null : (catalogue.indicateurs.find((i) => i.id === p.indicateur)?.libelle ?? p.indicateur),
    })),
    montants: cadre.financement.lignes.map((l) => ({ ligne: l.id, libelle: l.libelle, montant: d.decision!.montants[l.id] ?? 0 })),
    enveloppe: { variation: d.decision!.enveloppe.variation, depasse: d.decision!.enveloppe.depasse, justification: d.decision!.justification ?? null },
  };
  const texte = jsonCanonique(donnees);
  const empreinteDonnees = empreinteSha256(texte);
  const pdf = await rendu.rendre(documentAvenant(cadre, donnees, empreinteDonnees));
  await depot.ajouterAvenant(d.id, { numero: donnees.numero, donnees: texte, empreinte_donnees: empreinteDonnees, empreinte_pdf: sha256(pdf), genere_par: utilisateur.courriel });
}

/** Les données figées de l'avenant ont-elles encore l'empreinte SHA-256 enregistrée à sa génération ? */
export const donneesAvenantIntegres = (a: { donnees: string; empreinte_donnees: string }) => empreinteSha256(a.donnees) === a.empreinte_donnees;

/** Les deux signatures figées de l'avenant ont-elles encore l'empreinte enregistrée à la signature de l'État ? */
export const signaturesIntegres = (a: { signature_ml: string | null; signature_etat: string | null; empreinte_signatures: string | null }) =>
  a.signature_ml !== null &&
  a.signature_etat !== null &&
  empreinteSha256(jsonCanonique({ ml: JSON.parse(a.signature_ml), etat: JSON.parse(a.signature_etat) })) === a.empreinte_signatures;

/**
 * Le PDF d'un avenant reconstruit depuis ses données figées : celui généré, ou celui signé (les mêmes
 * données et les deux signatures figées). Chaque empreinte est vérifiée ; une seule qui diffère, et la
 * base a été altérée.
 */
export async function reconstruire(cadre: CadreDialogue, id: number, a: LigneAvenant, version: 'genere' | 'signe', rendu: RenduPdf): Promise<Buffer> {
  if (!donneesAvenantIntegres(a)) throw new ErreurIntegrite(`les données de l'avenant du dialogue ${id} ne correspondent plus à leur empreinte`);
  let signe: AvenantSigne | undefined;
  if (version === 'signe') {
    const signatures = { ml: JSON.parse(a.signature_ml!), etat: JSON.parse(a.signature_etat!) };
    if (!signaturesIntegres(a)) throw new ErreurIntegrite(`les signatures de l'avenant du dialogue ${id} ne correspondent plus à leur empreinte`);
    signe = { signatures, empreinteSignatures: a.empreinte_signatures!, empreintePdf: a.empreinte_pdf };
  }
  const pdf = await rendu.rendre(documentAvenant(cadre, JSON.parse(a.donnees), a.empreinte_donnees, signe));
  if (sha256(pdf) !== (version === 'signe' ? a.empreinte_pdf_signe : a.empreinte_pdf)) {
    throw new ErreurIntegrite(`l'avenant ${version === 'signe' ? 'signé' : 'généré'} du dialogue ${id} regénéré diffère de celui d'origine`);
  }
  return pdf;
}

/**
 * Une signature, une fois l'empreinte confirmée par le signataire (`decider`) : sa qualité et son lieu ;
 * la signature est figée. La seconde, celle de l'État, produit l'avenant signé : son empreinte est
 * gardée, et il se reconstruit comme l'original.
 */
export async function signerAvenant(depot: DialoguesEnTransaction, cadre: CadreDialogue, utilisateur: Utilisateur, d: LigneDialogue, a: LigneAvenant, partie: 'ml' | 'etat', c: ContenuSignature, rendu: RenduPdf): Promise<Signature> {
  // Ce qui est signé est bien ce qui est gardé : l'avenant généré se reconstruit à l'identique.
  await reconstruire(cadre, d.id, a, 'genere', rendu);
  const signature: Signature = { nom: utilisateur.nom, qualite: c.qualite, organisation: utilisateur.organisation.nom, lieu: c.lieu, signeLe: await depot.horodatage() };
  if (partie === 'ml') {
    await depot.signerAvenantMl(d.id, jsonCanonique(signature));
    return signature;
  }
  const signatures = { ml: JSON.parse(a.signature_ml!) as Signature, etat: signature };
  const empreinteSignatures = empreinteSha256(jsonCanonique(signatures));
  const pdf = await rendu.rendre(documentAvenant(cadre, JSON.parse(a.donnees), a.empreinte_donnees, { signatures, empreinteSignatures, empreintePdf: a.empreinte_pdf }));
  await depot.signerAvenantEtat(d.id, jsonCanonique(signature), empreinteSignatures, sha256(pdf));
  return signature;
}
