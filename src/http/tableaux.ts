// Les tableaux que le serveur fait télécharger (jeunes, suivi des dépôts), en CSV ou en XLSX.
import type { FastifyReply } from 'fastify';
import { tableauEnCsv, tableauEnXlsx, TYPE_XLSX, type TableauExport } from '../domaine/outils/tableur.ts';

export const FORMATS_TABLEUR = ['csv', 'xlsx'] as const;

/** Envoie `tableau` en pièce jointe `nom.format`. */
export async function envoyerTableau(rep: FastifyReply, tableau: TableauExport, format: (typeof FORMATS_TABLEUR)[number], nom: string) {
  rep.header('content-disposition', `attachment; filename="${nom}.${format}"`).type(format === 'csv' ? 'text/csv; charset=utf-8' : TYPE_XLSX);
  return rep.send(format === 'csv' ? tableauEnCsv(tableau) : Buffer.from(await tableauEnXlsx(tableau)));
}
