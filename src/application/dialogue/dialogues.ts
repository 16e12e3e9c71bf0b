// Le dialogue de gestion d'une ML : lecture, « à faire », brouillon d'autodiagnostic, et l'unique
// chemin d'écriture des étapes, `agir` : autoriser (table des transitions et périmètre), valider le
// contenu, appliquer la règle de l'étape, écrire en une transaction, tracer.
import { createHash } from 'node:crypto';
import { couvreStructure, ErreurAcces, exiger, peut, type Utilisateur } from '../../domaine/acces/droits.ts';
import { documentAvenant, valeursDuModele, type AvenantSigne, type DonneesAvenant, type Signature } from '../../domaine/dialogue/avenant.ts';
import { actionsPossibles, libelleEtat, refusTransition, remplir, type CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { contenus, messagesDe, type ContenuSignature, type Decision, type Entretien, type Objectifs } from '../../domaine/dialogue/contenus.ts';
import { enveloppe, texteVariation, type Enveloppe, type Montants } from '../../domaine/dialogue/financement.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { atteinte, type Valeurs } from '../../domaine/indicateurs/chiffres.ts';
import { empreinteSha256, jsonCanonique } from '../../domaine/outils/jsonCanonique.ts';
import type { DateCalendaire } from '../../domaine/temps/dates.ts';
import type { Base, Requeteur } from '../../infrastructure/db/base.ts';
import { rendrePdf } from '../../infrastructure/pdf/pdf.ts';
import { auditer } from '../audit.ts';
import { lireInstantane } from '../indicateurs/instantanes.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { ServiceChiffres } from '../indicateurs/serviceChiffres.ts';
import type { ChiffresTerritoire, TableauAnnuel } from '../indicateurs/tableauDeBord.ts';
import { echeanceDe, retard, type Campagne } from './campagnes.ts';

/** Un pas refusé parce que l'état ne le permet pas (dialogue dans un autre état, campagne déjà ouverte) : 409. */
export class ErreurTransition extends ErreurMetier {}
/** L'avenant regénéré ne correspond plus à son empreinte : la base a été altérée. */
export class ErreurIntegrite extends Error {}

interface LigneDialogue {
  id: number;
  campagne_id: number;
  code_structure: string;
  annee: number;
  etat: string;
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

async function convention(db: Requeteur, code: string) {
  const [c] = await db.query<{ numero: string; annee_debut: number; annee_fin: number; date_signature: string; montant_reference: number }>(
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
      `SELECT action, de, vers, acteur, role, to_char(horodatage AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS horodatage, motif
       FROM dialogue_evenement WHERE dialogue_id = $1 ORDER BY id`,
      [id],
    ),
    base.query<LigneAvenant & { genere_le: string }>(
      `SELECT ${COLONNES_AVENANT}, to_char(genere_le AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS genere_le FROM avenant WHERE dialogue_id = $1`,
      [id],
    ),
    base.query(`SELECT commentaire, chiffres, cree_par, to_char(cree_le AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS cree_le FROM bilan_intermediaire WHERE dialogue_id = $1 ORDER BY id`, [id]),
    convention(base, d.code_structure),
    decisionsAnterieures(base, d),
    base.query<Pick<Campagne, 'id' | 'echeance_autodiagnostic' | 'echeance_entretien' | 'echeance_signature' | 'instantane_id'>>(
      `SELECT id, echeance_autodiagnostic, echeance_entretien, echeance_signature, instantane_id FROM campagne WHERE id = $1`,
      [d.campagne_id],
    ),
  ]);
  const [instantane] = await base.query(
    `SELECT id, annee, catalogue, empreinte, to_char(cree_le AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS cree_le FROM instantane WHERE id = $1`,
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
    bilanEnCours: d.etat === 'signe' ? await chiffresDuMoment(catalogue, service, d, horloge) : null,
    actions: actionsPossibles(cadre, d.etat, utilisateur.role).map((t) => ({ action: t.action, libelle: t.libelle, regle: t.regle ?? null })),
    peutEnregistrerAutodiagnostic: refusTransition(cadre, d.etat, 'soumettre_autodiagnostic', utilisateur.role) === null,
    peutSaisirBilan: d.etat === 'signe' && peut(utilisateur, 'saisir_bilan'),
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
    { id: number; annee: number; etat: string; code_structure: string; nom: string; code_departement: string; code_region: string } & Pick<
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
    const d = await autoriser(tx, cadre, utilisateur, id, 'soumettre_autodiagnostic');
    await tx.query('UPDATE dialogue SET autodiagnostic = $2, modifie_le = now() WHERE id = $1', [id, JSON.stringify(lu.data)]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'enregistrer_autodiagnostic', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}

/** Charge le dialogue verrouillé et vérifie périmètre, rôle et état ; rend le dialogue. */
async function autoriser(tx: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, action: string): Promise<LigneDialogue> {
  const d = await chargerDialogue(tx, id, true);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`);
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  const refus = refusTransition(cadre, d.etat, action, utilisateur.role);
  if (refus) {
    const t = cadre.transitions.find((x) => x.action === action);
    if (!t || !t.roles.includes(utilisateur.role)) throw new ErreurAcces(refus);
    throw new ErreurTransition(refus);
  }
  return d;
}

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
): Promise<{ etat: string }> {
  const schema = contenus(catalogue.ratios).parAction[action];
  if (!schema) throw new ErreurMetier(`Action inconnue : ${action}`);
  const lu = schema.safeParse(brut ?? {});
  if (!lu.success) throw new ErreurMetier(`Saisie invalide — ${messagesDe(lu.error)}`);
  const contenu = lu.data as Record<string, unknown>;
  return base.transaction(async (tx) => {
    const d = await autoriser(tx, cadre, utilisateur, id, action);
    const t = cadre.transitions.find((x) => x.action === action)!;
    const ecritures: Record<string, unknown> = {};
    switch (t.regle) {
      case 'autodiagnostic_complet': {
        const a = d.autodiagnostic as { contexte?: string; planPropose?: string } | null;
        const manque = [!a?.contexte?.trim() && 'le contexte', !a?.planPropose?.trim() && "le plan d'action proposé"].filter(Boolean);
        if (manque.length) throw new ErreurMetier(`Autodiagnostic incomplet : il manque ${manque.join(' et ')}. Enregistrez-le puis soumettez.`);
        break;
      }
      case 'une_cible_par_ratio': {
        const o = contenu as Objectifs;
        const sans = catalogue.ratios.filter((r) => typeof o.cibles[r.id] !== 'number').map((r) => `« ${r.libelle} »`);
        if (sans.length) throw new ErreurMetier(`Une cible par ratio est attendue ; il en manque pour : ${sans.join(', ')}.`);
        const suivis = o.plan.filter((p) => p.indicateur !== null && !catalogue.indicateurs.some((i) => i.id === p.indicateur));
        if (suivis.length) throw new ErreurMetier(`Indicateur suivi inconnu du catalogue : ${suivis.map((p) => `${p.indicateur} (action « ${p.titre} »)`).join(', ')}.`);
        ecritures.objectifs = o;
        break;
      }
      case 'enveloppe_justifiee': {
        const dec = contenu as Decision;
        const inconnues = Object.keys(dec.montants).filter((k) => !cadre.financement.lignes.some((l) => l.id === k));
        if (inconnues.length) throw new ErreurMetier(`Lignes de financement inconnues : ${inconnues.join(', ')}.`);
        const conv = await convention(tx, d.code_structure);
        if (!conv) throw new ErreurMetier(`La Mission locale ${d.code_structure} n'a pas de convention enregistrée : le montant de référence manque.`);
        const env = enveloppe(cadre, conv.montant_reference, await decisionsAnterieures(tx, d), { annee: d.annee, montants: dec.montants });
        if (env.depasse && !dec.justification?.trim()) {
          throw new ErreurMetier(`La variation sur la convention atteint ${texteVariation(cadre, env)} : une justification écrite est obligatoire.`);
        }
        ecritures.decision = { montants: dec.montants, justification: env.depasse ? dec.justification!.trim() : null, enveloppe: env };
        break;
      }
      case 'convention_connue':
        if (!(await convention(tx, d.code_structure))) throw new ErreurMetier(`La Mission locale ${d.code_structure} n'a pas de convention enregistrée.`);
        break;
    }
    if (action === 'enregistrer_entretien') ecritures.entretien = contenu;
    if (action === 'generer_avenant') await genererAvenant(tx, cadre, catalogue, utilisateur, d, horloge);
    const signature =
      action === 'signer_ml' || action === 'signer_etat' ? await signerAvenant(tx, cadre, utilisateur, d, action === 'signer_ml' ? 'ml' : 'etat', contenu as ContenuSignature) : null;
    const colonnes = Object.keys(ecritures);
    await tx.query(
      `UPDATE dialogue SET etat = $2, modifie_le = now()${colonnes.map((c, i) => `, ${c} = $${i + 3}`).join('')} WHERE id = $1`,
      [id, t.vers, ...colonnes.map((c) => JSON.stringify(ecritures[c]))],
    );
    const motif = (contenu as { motif?: string }).motif ?? (ecritures.decision as { justification?: string } | undefined)?.justification ?? null;
    await tx.query(`INSERT INTO dialogue_evenement (dialogue_id, action, de, vers, acteur, role, motif) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      id,
      action,
      d.etat,
      t.vers,
      utilisateur.courriel,
      utilisateur.role,
      motif,
    ]);
    await auditer(tx, { acteur: utilisateur.courriel, action: `dialogue_${action}`, objet: `dialogues/${id}`, codeStructure: d.code_structure, origine, details: { de: d.etat, vers: t.vers, ...ecritures, ...(signature && { signature }) } });
    return { etat: t.vers };
  });
}

async function genererAvenant(tx: Requeteur, cadre: CadreDialogue, catalogue: Catalogue, utilisateur: Utilisateur, d: LigneDialogue, horloge: Horloge) {
  const conv = (await convention(tx, d.code_structure))!;
  const [instantane] = await tx.query<{ id: number; annee: number; cree_le: string; empreinte: string; catalogue: string }>(
    `SELECT id, annee, to_char(cree_le AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS cree_le, empreinte, catalogue FROM instantane WHERE id = $1`,
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
  const pdf = await rendrePdf(documentAvenant(cadre, donnees, empreinteDonnees));
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
async function reconstruire(cadre: CadreDialogue, id: number, a: LigneAvenant, version: 'genere' | 'signe'): Promise<Buffer> {
  if (!donneesAvenantIntegres(a)) throw new ErreurIntegrite(`les données de l'avenant du dialogue ${id} ne correspondent plus à leur empreinte`);
  let signe: AvenantSigne | undefined;
  if (version === 'signe') {
    const signatures = { ml: JSON.parse(a.signature_ml!), etat: JSON.parse(a.signature_etat!) };
    if (!signaturesIntegres(a)) throw new ErreurIntegrite(`les signatures de l'avenant du dialogue ${id} ne correspondent plus à leur empreinte`);
    signe = { signatures, empreinteSignatures: a.empreinte_signatures!, empreintePdf: a.empreinte_pdf };
  }
  const pdf = await rendrePdf(documentAvenant(cadre, JSON.parse(a.donnees), a.empreinte_donnees, signe));
  if (sha256(pdf) !== (version === 'signe' ? a.empreinte_pdf_signe : a.empreinte_pdf)) {
    throw new ErreurIntegrite(`l'avenant ${version === 'signe' ? 'signé' : 'généré'} du dialogue ${id} regénéré diffère de celui d'origine`);
  }
  return pdf;
}

/**
 * Une signature : le signataire confirme l'empreinte du PDF de l'avenant en vigueur (sinon 409 : il a
 * relu un autre document), sa qualité et son lieu ; la signature est figée. La seconde, celle de l'État,
 * produit l'avenant signé : son empreinte est gardée, et il se reconstruit comme l'original.
 */
async function signerAvenant(tx: Requeteur, cadre: CadreDialogue, utilisateur: Utilisateur, d: LigneDialogue, partie: 'ml' | 'etat', c: ContenuSignature): Promise<Signature> {
  const [a] = await tx.query<LigneAvenant>(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [d.id]);
  if (!a) throw new ErreurTransition(`Le dialogue ${d.id} n'a pas d'avenant à signer.`);
  if (c.empreinte !== a.empreinte_pdf) {
    throw new ErreurTransition(
      `L'empreinte confirmée (${c.empreinte.slice(0, 16)}…) n'est pas celle de l'avenant n° ${a.numero} en vigueur (${a.empreinte_pdf.slice(0, 16)}…) : rechargez la page, relisez l'avenant, puis signez.`,
    );
  }
  // Ce qui est signé est bien ce qui est gardé : l'avenant généré se reconstruit à l'identique.
  await reconstruire(cadre, d.id, a, 'genere');
  const [{ maintenant }] = await tx.query<{ maintenant: string }>(`SELECT to_char(now() AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD"T"HH24:MI:SS') AS maintenant`);
  const signature: Signature = { nom: utilisateur.nom, qualite: c.qualite, organisation: utilisateur.organisation.nom, lieu: c.lieu, signeLe: maintenant };
  if (partie === 'ml') {
    await tx.query('UPDATE avenant SET signature_ml = $2 WHERE dialogue_id = $1', [d.id, jsonCanonique(signature)]);
    return signature;
  }
  const signatures = { ml: JSON.parse(a.signature_ml!) as Signature, etat: signature };
  const empreinteSignatures = empreinteSha256(jsonCanonique(signatures));
  const pdf = await rendrePdf(documentAvenant(cadre, JSON.parse(a.donnees), a.empreinte_donnees, { signatures, empreinteSignatures, empreintePdf: a.empreinte_pdf }));
  await tx.query('UPDATE avenant SET signature_etat = $2, empreinte_signatures = $3, empreinte_pdf_signe = $4 WHERE dialogue_id = $1', [
    d.id,
    jsonCanonique(signature),
    empreinteSignatures,
    sha256(pdf),
  ]);
  return signature;
}

/** Le PDF de l'avenant (généré, ou signé par les deux parties), reconstruit et vérifié ; null s'il n'existe pas (encore). */
export async function pdfAvenant(base: Base, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, version: 'genere' | 'signe'): Promise<{ pdf: Buffer; nom: string } | null> {
  const d = await chargerDialogue(base, id);
  if (!d) return null;
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  const [a] = await base.query<LigneAvenant>(`SELECT ${COLONNES_AVENANT} FROM avenant WHERE dialogue_id = $1`, [id]);
  if (!a || (version === 'signe' && a.empreinte_pdf_signe === null)) return null;
  const pdf = await reconstruire(cadre, id, a, version);
  return { pdf, nom: `avenant-${a.numero}-${d.annee}-${d.code_structure}${version === 'signe' ? '-signe' : ''}.pdf` };
}

export async function ajouterBilan(base: Base, cadre: CadreDialogue, catalogue: Catalogue, service: ServiceChiffres, utilisateur: Utilisateur, id: number, brut: unknown, origine: string, horloge: Horloge) {
  const lu = contenus(catalogue.ratios).bilan.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`Bilan invalide — ${messagesDe(lu.error)}`);
  const d = await chargerDialogue(base, id);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`);
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  if (d.etat !== 'signe') throw new ErreurTransition(`Le bilan intermédiaire se rattache à un dialogue signé ; celui-ci est « ${libelleEtat(cadre, d.etat)} ».`);
  const chiffres = await chiffresDuMoment(catalogue, service, d, horloge);
  return base.transaction(async (tx) => {
    await tx.query('INSERT INTO bilan_intermediaire (dialogue_id, commentaire, chiffres, cree_par) VALUES ($1, $2, $3, $4)', [id, lu.data.commentaire, JSON.stringify(chiffres), utilisateur.courriel]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'bilan_intermediaire', objet: `dialogues/${id}`, codeStructure: d.code_structure, origine });
    return { enregistre: true };
  });
}
