// Les dialogues vus par leurs cas d'usage : un port, en mots du domaine, pour que ces cas d'usage ne
// parlent pas SQL et se testent sur un jumeau en mémoire (test/outils/depotDialoguesMemoire.ts).
// L'infrastructure l'implémente sur la base (db/depotDialogues.ts) ; la racine de composition le câble.
import type { ActionDialogue, EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import type { Decision, Entretien, Objectifs } from '../../domaine/dialogue/contenus.ts';
import type { Ecritures } from '../../domaine/dialogue/decider.ts';
import type { Enveloppe, Montants } from '../../domaine/dialogue/financement.ts';
import type { Role } from '../../domaine/acces/droits.ts';
import type { TableauAnnuel } from '../indicateurs/tableauDeBord.ts';
import type { Trace } from '../audit.ts';

/** Un dialogue, avec sa ML, son département, sa région et l'instantané de sa campagne. */
export interface LigneDialogue {
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

export interface Convention {
  numero: string;
  annee_debut: number;
  annee_fin: number;
  date_signature: string;
  montant_reference: number;
}

export interface DecisionAnterieure {
  annee: number;
  montants: Montants;
}

/** L'avenant tel qu'il est gardé : données et signatures en JSON canonique, leurs empreintes. */
export interface LigneAvenant {
  numero: number;
  donnees: string;
  empreinte_donnees: string;
  empreinte_pdf: string;
  signature_ml: string | null;
  signature_etat: string | null;
  empreinte_signatures: string | null;
  empreinte_pdf_signe: string | null;
  /** Horodatage de la génération, heure de Paris (AAAA-MM-JJTHH:MM:SS). */
  genere_le: string;
}

export interface NouvelAvenant {
  numero: number;
  donnees: string;
  empreinte_donnees: string;
  empreinte_pdf: string;
  genere_par: string;
}

/** L'en-tête d'un instantané (sans ses chiffres). */
export interface EnteteInstantane {
  id: number;
  annee: number;
  catalogue: string;
  empreinte: string;
  cree_le: string;
}

/** Les chiffres figés d'un instantané, et s'ils ont encore l'empreinte de leur création. */
export interface ContenuInstantane {
  integre: boolean;
  contenu: TableauAnnuel;
}

export interface Evenement {
  action: string;
  de: EtatDialogue;
  vers: EtatDialogue;
  acteur: string;
  role: string;
  horodatage: string;
  motif: string | null;
}

export interface Bilan {
  commentaire: string;
  chiffres: unknown;
  cree_par: string;
  cree_le: string;
}

export interface EcheancesCampagne {
  id: number;
  echeance_autodiagnostic: string;
  echeance_entretien: string;
  echeance_signature: string;
  instantane_id: number;
}

/** Un pas du dialogue : son nouvel état, ce qu'il remplit, et l'événement qui le raconte. */
export interface Transition {
  dialogue: number;
  action: ActionDialogue;
  de: EtatDialogue;
  vers: EtatDialogue;
  definitif: boolean;
  ecritures: Ecritures;
  acteur: string;
  role: Role;
  motif: string | null;
}

/** Ce qui se lit, dans une transaction ou hors d'elle. */
export interface LecturesDialogues {
  /** Le dialogue ; `verrou` : verrouillé jusqu'à la fin de la transaction (dans une transaction seulement). */
  dialogue(id: number, verrou?: boolean): Promise<LigneDialogue | null>;
  convention(codeStructure: string): Promise<Convention | null>;
  /** Les montants décidés les autres années de la même ML. */
  decisionsAnterieures(codeStructure: string, annee: number): Promise<DecisionAnterieure[]>;
  avenant(dialogue: number): Promise<LigneAvenant | null>;
  enteteInstantane(id: number): Promise<EnteteInstantane | null>;
  contenuInstantane(id: number): Promise<ContenuInstantane | null>;
  /** Les événements du dialogue, dans l'ordre. */
  historique(dialogue: number): Promise<Evenement[]>;
  /** Les bilans intermédiaires du dialogue, dans l'ordre. */
  bilans(dialogue: number): Promise<Bilan[]>;
  echeances(campagne: number): Promise<EcheancesCampagne | null>;
}

/** Ce qui s'écrit, dans une transaction : tout ou rien. */
export interface DialoguesEnTransaction extends LecturesDialogues {
  /** L'horodatage de la transaction, heure de Paris (AAAA-MM-JJTHH:MM:SS) : celui d'une signature. */
  horodatage(): Promise<string>;
  enregistrerTransition(t: Transition): Promise<void>;
  enregistrerAutodiagnostic(dialogue: number, contenu: unknown): Promise<void>;
  ajouterAvenant(dialogue: number, a: NouvelAvenant): Promise<void>;
  /** La signature de la ML, en JSON canonique. */
  signerAvenantMl(dialogue: number, signature: string): Promise<void>;
  /** La signature de l'État (JSON canonique), l'empreinte des deux signatures et celle du PDF signé. */
  signerAvenantEtat(dialogue: number, signature: string, empreinteSignatures: string, empreintePdfSigne: string): Promise<void>;
  ajouterBilan(dialogue: number, bilan: { commentaire: string; chiffres: unknown; cree_par: string }): Promise<void>;
  /** La ligne du journal d'audit, dans la même transaction. */
  auditer(t: Trace): Promise<void>;
}

export interface DepotDialogues extends LecturesDialogues {
  /** Le travail réussit et tout est écrit, ou il lève et rien ne l'est. */
  transaction<T>(travail: (d: DialoguesEnTransaction) => Promise<T>): Promise<T>;
}
