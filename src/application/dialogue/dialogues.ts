// Le dialogue de gestion d'une ML : lecture, « à faire », brouillon d'autodiagnostic, et l'unique
// chemin d'écriture des étapes, `agir` : valider le contenu, puis en une transaction charger, vérifier
// le périmètre, laisser le noyau du domaine décider (`decider` : rôle, état, règle, écritures), écrire, tracer.
import { createHash } from 'node:crypto';
import { couvreStructure, ErreurAcces, exiger, peut, type Utilisateur } from '../../domaine/acces/droits.ts';
import { documentAvenant, valeursDuModele, type AvenantSigne, type DonneesAvenant, type Signature } from '../../domaine/dialogue/avenant.ts';
import { actionsPossibles, estAction, ETAT_SIGNE, libelleEtat, refusTransition, remplir, type CadreDialogue, type EtatDialogue, type Refus } from '../../domaine/dialogue/cadre.ts';
import { decider, type Ecritures } from '../../domaine/dialogue/decider.ts';
import { contenus, messagesDe, type ContenuSignature, type Decision, type Entretien, type Objectifs } from '../../domaine/dialogue/contenus.ts';
import type { Enveloppe, Montants } from '../../domaine/dialogue/financement.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { atteinte, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import { empreinteSha256, jsonCanonique } from '../../domaine/outils/jsonCanonique.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { lireInstantane } from '../indicateurs/instantanes.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import type { ServiceChiffres } from '../indicateurs/serviceChiffres.ts';
import type { ChiffresTerritoire, TableauAnnuel } from '../indicateurs/tableauDeBord.ts';
import { echeanceDe, retard, type Campagne } from './campagnes.ts';
import { horodatageParis } from '../fragmentsSql.ts';

/** Un pas refusé parce que l'état ne le permet pas (dialogue dans un autre état, campagne déjà ouverte). */
export class ErreurTransition extends ErreurMetier {
  constructor(message: string) {
    super(message, 'etat_incompatible');
  }
}
/** L'avenant regénéré ne correspond plus à son empreinte : la base a été altérée. */
export class ErreurIntegrite extends ErreurMetier {
  constructor(message: string) {
    super(`Intégrité compromise : ${message}`, 'integrite');
  }
}

interface LigneDialogue {
  id: number;
  campagne_id: number;
  code_structure: string;
  annee: number;
  etat: EtatDialogue;
  autodiagnostic: unknown;
  entretien: Entretien | null;
  objectifs: Objectifs | null;
  decision: (Decision & { enveloppe: Enveloppe }) | null;
  nom: string;
  siret: string;
  adresse: string | null;
  code_departement: string;
  code_region: string;
  nom_region: string;
  instantane_id: number;
}

const SELECT_DIALOGUE = `
  SELECT d.id, d.campagne_id, d.code_structure, d.annee, d.etat, d.autodiagnostic, d.entretien, d.objectifs, d.decision,
         m.nom, m.siret, m.adresse, m.code_departement, m.code_region, r.nom AS nom_region, c.instantane_id
  FROM dialogue d JOIN mission_locale m USING (code_structure) JOIN region r ON r.code = m.code_region JOIN campagne c ON c.id = d.campagne_id`;

const situee = (d: LigneDialogue) => ({ code: d.code_structure, code_departement: d.code_departement, code_region: d.code_region });

async function chargerDialogue(db: Requeteur, id: number, verrou = false): Promise<LigneDialogue | null> {
  const [d] = await db.query<LigneDialogue>(`${SELECT_DIALOGUE} WHERE d.id = $1${verrou ? ' FOR UPDATE OF d' : ''}`, [id]);
  return d ?? null;
}

// Les instantanés ne changent jamais : relus une fois.
const instantanes = new Map<number, Promise<TableauAnnuel>>();
function contenuInstantane(db: Requeteur, id: number): Promise<TableauAnnuel> {
  let contenu = instantanes.get(id);
  if (!contenu) {
    contenu = lireInstantane(db, id).then((i) => {
      if (!i?.integre) throw new ErreurIntegrite(`l'instantané ${id} ne correspond plus à son empreinte`);
      return i.contenu;
    });
    instantanes.set(id, contenu);
    contenu.catch(() => instantanes.delete(id));
  }
  return contenu;
}

/** Les chiffres N-1 figés de la ML et ses références, tels que l'instantané de la campagne les a gardés. */
async function chiffresFiges(db: Requeteur, d: LigneDialogue) {
  const t = await contenuInstantane(db, d.instantane_id);
  const ml = t.structures.find((s) => s.code_structure === d.code_structure);
  const ref = (v: { indicateurs: Valeurs; ratios: Valeurs } | undefined) => (v ? { indicateurs: v.indicateurs, ratios: v.ratios } : null);
  // Les ML sur lesquelles porte une référence, et celles du réseau (absent des instantanés d'avant le réseau de référence).
  const couverture = (v: ChiffresTerritoire | undefined) => (v ? { structures: v.structures, attendues: v.attendues ?? null } : null);
  const departement = t.departements.find((x) => x.code === d.code_departement);
  const region = t.regions.find((x) => x.code === d.code_region);
  return {
    annee: t.annee,
    ml: ref(ml),
    departement: ref(departement),
    region: ref(region),
    national: ref(t.national),
    couverture: { departement: couverture(departement), region: couverture(region), national: couverture(t.national) },
    distributionsRegion: t.distributions.regions[d.code_region] ?? {},
  };
}

async function decisionsAnterieures(db: Requeteur, d: LigneDialogue) {
  return db.query<{ annee: number; montants: Montants }>(
    `SELECT annee, decision->'montants' AS montants FROM dialogue WHERE code_structure = $1 AND annee <> $2 AND decision IS NOT NULL`,
    [d.code_structure, d.annee],
  );
}

interface Convention {
  numero: string;
  annee_debut: number;
  annee_fin: number;
  date_signature: string;
  montant_reference: number;
}

async function convention(db: Requeteur, code: string): Promise<Convention | null> {
  const [c] = await db.query<Convention>(
    'SELECT numero, annee_debut, annee_fin, date_signature, montant_reference FROM convention WHERE code_structure = $1',
    [code],
  );
  return c ?? null;
}

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

/** Les chiffres de l'année N à ce jour, contre les cibles arrêtées (bilan intermédiaire). */
async function chiffresDuMoment(catalogue: Catalogue, service: ServiceChiffres, d: LigneDialogue, horloge: Horloge) {
  const chiffres = await service.structure(d.annee, d.code_structure);
  const cibles = d.objectifs?.cibles ?? {};
  return {
    date: horloge.dateDuJour(),
    ratios: catalogue.ratios.map((r) => {
      const valeur = chiffres?.ratios[r.id] ?? null;
      const cible = cibles[r.id] ?? null;
      return { ratio: r.id, valeur, cible, atteinte: atteinte(valeur, cible, r.sens) };
    }),
  };
}

/** Les dialogues d'une ML, du plus récent au plus ancien, avec les cibles arrêtées. */
export async function dialoguesDeLaStructure(db: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, code: string) {
  const [ml] = await db.query<{ code_departement: string; code_region: string }>('SELECT code_departement, code_region FROM mission_locale WHERE code_structure = $1', [code]);
  if (!ml) return null;
  exiger(couvreStructure(utilisateur.portee, { code, ...ml }), `Hors de votre périmètre : la Mission locale ${code}.`);
  const lignes = await db.query<{ id: number; annee: number; etat: string; cibles: Record<string, number> | null }>(
    `SELECT id, annee, etat, objectifs->'cibles' AS cibles FROM dialogue WHERE code_structure = $1 ORDER BY annee DESC`,
    [code],
  );
  return lignes.map((l) => ({ ...l, libelle_etat: libelleEtat(cadre, l.etat) }));
}

/** Les dialogues qui attendent une action de cet utilisateur, dans son périmètre ; en retard au regard d'`aujourdhui`. */
export async function aFaire(db: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, aujourdhui: DateCalendaire) {
  const etats = cadre.etats.map((e) => e.id).filter((e) => actionsPossibles(cadre, e, utilisateur.role).length > 0);
  if (etats.length === 0) return [];
  const lignes = await db.query<
    { id: number; annee: number; etat: EtatDialogue; code_structure: string; nom: string; code_departement: string; code_region: string } & Pick<
      Campagne,
      'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature'
    >
  >(
    `SELECT d.id, d.annee, d.etat, d.code_structure, m.nom, m.code_departement, m.code_region, c.echeance_autodiagnostic, c.echeance_entretien, c.echeance_signature
     FROM dialogue d JOIN mission_locale m USING (code_structure) JOIN campagne c ON c.id = d.campagne_id
     WHERE d.etat = ANY($1::text[])`,
    [etats],
  );
  return lignes
    .filter((l) => couvreStructure(utilisateur.portee, { code: l.code_structure, ...l }))
    .map((l) => {
      const echeance = echeanceDe(l, l.etat);
      return {
        id: l.id,
        annee: l.annee,
        etat: l.etat,
        code_structure: l.code_structure,
        nom: l.nom,
        libelle_etat: libelleEtat(cadre, l.etat),
        echeance,
        ...retard(echeance, aujourdhui),
        actions: actionsPossibles(cadre, l.etat, utilisateur.role).map((t) => t.libelle),
      };
    })
    .sort((a, b) => (a.echeance ?? '9999').localeCompare(b.echeance ?? '9999') || a.nom.localeCompare(b.nom, 'fr'));
}

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

/** Charge le dialogue verrouillé et vérifie le périmètre ; rend le dialogue. */
async function chargerDansPerimetre(tx: Requeteur, utilisateur: Utilisateur, id: number): Promise<LigneDialogue> {
  const d = await chargerDialogue(tx, id, true);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`, 'introuvable');
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  return d;
}

/** Un refus du domaine, en erreur de l'application : rôle 403, état 409, saisie ou règle 400. */
function erreurDe(refus: Refus): Error {
  if (refus.genre === 'role') return new ErreurAcces(refus.message);
  if (refus.genre === 'etat') return new ErreurTransition(refus.message);
  return new ErreurMetier(refus.message);
}

/** Valider → transaction → charger → autoriser (périmètre) → décider (`decider`, pur) → écrire → auditer. */
export async function agir(
  base: Base,
  cadre: CadreDialogue,
  catalogue: Catalogue,
  utilisateur: Utilisateur,
  id: number,
  action: string,
  brut: unknown,
  origine: string,
  horloge: Horloge,
  pdf: RenduPdf,
): Promise<{ etat: EtatDialogue }> {
  if (!estAction(action)) throw new ErreurMetier(`Action inconnue : ${action}`);
  const lu = contenus(catalogue.ratios).parAction[action].safeParse(brut ?? {});
  if (!lu.success) throw new ErreurMetier(`Saisie invalide — ${messagesDe(lu.error)}`);
  return base.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    const [conv, anterieures, [avenant]] = [
      await convention(tx, d.code_structure),
      await decisionsAnterieures(tx, d),
      await tx.query<LigneAvenant>(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [d.id]),
    ];
    const contexte = { annee: d.annee, code_structure: d.code_structure, autodiagnostic: d.autodiagnostic, convention: conv, decisionsAnterieures: anterieures, avenant: avenant ?? null, catalogue };
    const verdict = decider(d.etat, action, utilisateur.role, lu.data, cadre, contexte);
    if (!verdict.ok) throw erreurDe(verdict.refus);
    const { ecritures } = verdict;
    if (action === 'generer_avenant') await genererAvenant(tx, cadre, catalogue, utilisateur, d, conv!, horloge, pdf);
    const signature =
      action === 'signer_ml' || action === 'signer_etat' ? await signerAvenant(tx, cadre, utilisateur, d, avenant, action === 'signer_ml' ? 'ml' : 'etat', lu.data as ContenuSignature, pdf) : null;
    const colonnes = Object.keys(ecritures) as (keyof Ecritures)[];
    await tx.query(
      `UPDATE dialogue SET etat = $2, definitif = $3, modifie_le = now()${colonnes.map((c, i) => `, ${c} = $${i + 4}`).join('')} WHERE id = $1`,
      [id, verdict.vers, verdict.definitif, ...colonnes.map((c) => JSON.stringify(ecritures[c]))],
    );
    await tx.query(`INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role, motif) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      id,
      action,
      verdict.de,
      verdict.vers,
      utilisateur.courriel,
      utilisateur.role,
      verdict.motif,
    ]);
    await auditer(tx, { acteur: utilisateur.courriel, action: `dialogue_${action}`, objet: `dialogues/${id}`, codeStructure: d.code_structure, origine, details: { de: verdict.de, vers: verdict.vers, ...ecritures, ...(signature && { signature }) } });
    return { etat: verdict.vers };
  });
}

async function genererAvenant(tx: Requeteur, cadre: CadreDialogue, catalogue: Catalogue, utilisateur: Utilisateur, d: LigneDialogue, conv: Convention, horloge: Horloge, rendu: RenduPdf) {
  const [instantane] = await tx.query<{ id: number; annee: number; cree_le: string; empreinte: string; catalogue: string }>(
    `SELECT id, annee, ${horodatageParis('cree_le')} AS cree_le, empreinte, catalogue FROM instantane WHERE id = $1`,
    [d.instantane_id],
  );
  const figes = await chiffresFiges(tx, d);
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
  await tx.query(`INSERT INTO avenant (dialogue_id, numero, donnees, empreinte_donnees, empreinte_pdf, genere_par) VALUES ($1, $2, $3, $4, $5, $6)`, [
    d.id,
    donnees.numero,
    texte,
    empreinteDonnees,
    sha256(pdf),
    utilisateur.courriel,
  ]);
}

/** Les données figées de l'avenant ont-elles encore l'empreinte SHA-256 enregistrée à sa génération ? */
export const donneesAvenantIntegres = (a: { donnees: string; empreinte_donnees: string }) => empreinteSha256(a.donnees) === a.empreinte_donnees;

/** Les deux signatures figées de l'avenant ont-elles encore l'empreinte enregistrée à la signature de l'État ? */
export const signaturesIntegres = (a: { signature_ml: string | null; signature_etat: string | null; empreinte_signatures: string | null }) =>
  a.signature_ml !== null &&
  a.signature_etat !== null &&
  empreinteSha256(jsonCanonique({ ml: JSON.parse(a.signature_ml), etat: JSON.parse(a.signature_etat) })) === a.empreinte_signatures;

interface LigneAvenant {
  numero: number;
  donnees: string;
  empreinte_donnees: string;
  empreinte_pdf: string;
  signature_ml: string | null;
  signature_etat: string | null;
  empreinte_signatures: string | null;
  empreinte_pdf_signe: string | null;
}
const COLONNES_AVENANT = 'numero, donnees, empreinte_donnees, empreinte_pdf, signature_ml, signature_etat, empreinte_signatures, empreinte_pdf_signe';

const sha256 = (pdf: Buffer) => createHash('sha256').update(pdf).digest('hex');

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

/**
 * Le PDF d'un avenant reconstruit depuis ses données figées : celui généré, ou celui signé (les mêmes
 * données et les deux signatures figées). Chaque empreinte est vérifiée ; une seule qui diffère, et la
 * base a été altérée.
 */
async function reconstruire(cadre: CadreDialogue, id: number, a: LigneAvenant, version: 'genere' | 'signe', rendu: RenduPdf): Promise<Buffer> {
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
async function signerAvenant(tx: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, d: LigneDialogue, a: LigneAvenant, partie: 'ml' | 'etat', c: ContenuSignature, rendu: RenduPdf): Promise<Signature> {
  // Ce qui est signé est bien ce qui est gardé : l'avenant généré se reconstruit à l'identique.
  await reconstruire(cadre, d.id, a, 'genere', rendu);
  const [{ maintenant }] = await tx.query<{ maintenant: string }>(`SELECT ${horodatageParis('now()')} AS maintenant`);
  const signature: Signature = { nom: utilisateur.nom, qualite: c.qualite, organisation: utilisateur.organisation.nom, lieu: c.lieu, signeLe: maintenant };
  if (partie === 'ml') {
    await tx.query('UPDATE avenant SET signature_ml = $2 WHERE dialogue_id = $1', [d.id, jsonCanonique(signature)]);
    return signature;
  }
  const signatures = { ml: JSON.parse(a.signature_ml!) as Signature, etat: signature };
  const empreinteSignatures = empreinteSha256(jsonCanonique(signatures));
  const pdf = await rendu.rendre(documentAvenant(cadre, JSON.parse(a.donnees), a.empreinte_donnees, { signatures, empreinteSignatures, empreintePdf: a.empreinte_pdf }));
  await tx.query('UPDATE avenant SET signature_etat = $2, empreinte_signatures = $3, empreinte_pdf_signe = $4 WHERE dialogue_id = $1', [
    d.id,
    jsonCanonique(signature),
    empreinteSignatures,
    sha256(pdf),
  ]);
  return signature;
}

/** Le PDF de l'avenant (généré, ou signé par les deux parties), reconstruit et vérifié ; null si le dialogue n'en a pas (encore). */
export async function pdfAvenant(base: Base, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, version: 'genere' | 'signe', rendu: RenduPdf): Promise<{ pdf: Buffer; nom: string } | null> {
  const d = await chargerDialogue(base, id);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`, 'introuvable');
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  const [a] = await base.query<LigneAvenant>(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [id]);
  if (!a || (version === 'signe' && a.empreinte_pdf_signe === null)) return null;
  const pdf = await reconstruire(cadre, id, a, version, rendu);
  return { pdf, nom: `avenant-${a.numero}-${d.annee}-${d.code_structure}${version === 'signe' ? '-signe' : ''}.pdf` };
}

export async function ajouterBilan(base: Base, cadre: CadreDialogue, catalogue: Catalogue, service: ServiceChiffres, utilisateur: Utilisateur, id: number, brut: unknown, origine: string, horloge: Horloge) {
  const lu = contenus(catalogue.ratios).bilan.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Bilan invalide — ${messagesDe(lu.error)}`);
  const d = await chargerDialogue(base, id);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`, 'introuvable');
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  if (d.etat !== ETAT_SIGNE) throw new ErreurTransition(`Le bilan intermédiaire se rattache à un dialogue signé ; celui-ci est « ${libelleEtat(cadre, d.etat)} ».`);
  const chiffres = await chiffresDuMoment(catalogue, service, d, horloge);
  return base.transaction(async (tx) => {
    await tx.query('INSERT INTO bilan_intermediaire (dialogue_id, commentaire, chiffres, cree_par) VALUES ($1, $2, $3, $4)', [id, lu.data.commentaire, JSON.stringify(chiffres), utilisateur.courriel]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'bilan_intermediaire', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
