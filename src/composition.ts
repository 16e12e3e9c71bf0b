// La racine de composition : le seul endroit qui choisit les implémentations des ports de l'application
// (src/application/ports/). Le serveur et les commandes de la ligne de commande les prennent ici ; un
// test en remplace une (une horloge fixe) et garde les autres.
import type { Base } from './application/ports/base.ts';
import type { DepotDialogues } from './application/ports/depotDialogues.ts';
import type { LecteurFichiers } from './application/ports/fichiers.ts';
import type { Horloge } from './application/ports/horloge.ts';
import type { Messagerie } from './application/ports/messagerie.ts';
import type { RenduPdf } from './application/ports/pdf.ts';
import { depotDialogues } from './infrastructure/db/depotDialogues.ts';
import { lecteurFichiers } from './infrastructure/fichiers/lecteur.ts';
import { horlogeDeLEnvironnement } from './infrastructure/horloge.ts';
import { messagerieDeLEnvironnement } from './infrastructure/messagerie/journal.ts';
import { renduPdfmake } from './infrastructure/pdf/pdf.ts';

export interface Ports {
  /** L'heure ; par défaut celle du système, ou le jour fixé par CPO_AUJOURDHUI. */
  horloge: Horloge;
  /** Le rendu des avenants en PDF ; par défaut pdfmake avec la police Marianne. */
  pdf: RenduPdf;
  /** La lecture des extraits (dossier ou zip) et de leurs CSV ; par défaut sur le disque. */
  fichiers: LecteurFichiers;
  /** Les dialogues de gestion sur la base ouverte par l'entrée ; par défaut en SQL. */
  dialogues(base: Base): DepotDialogues;
  /** Les courriels (invitations) ; par défaut un journal, sans envoi réel (CPO_JOURNAL_COURRIELS). */
  messagerie: Messagerie;
}

/** Les implémentations de production, sauf celles que l'appelant fournit. */
export function ports(fournis: Partial<Ports> = {}): Ports {
  return {
    horloge: fournis.horloge ?? horlogeDeLEnvironnement(),
    pdf: fournis.pdf ?? renduPdfmake,
    fichiers: fournis.fichiers ?? lecteurFichiers,
    dialogues: fournis.dialogues ?? depotDialogues,
    messagerie: fournis.messagerie ?? messagerieDeLEnvironnement(),
  };
}
