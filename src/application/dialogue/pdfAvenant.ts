// Le PDF de l'avenant, reconstruit depuis ses données figées et vérifié contre ses empreintes.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import type { CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import type { DepotDialogues } from '../ports/depotDialogues.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import { chargerDansPerimetre } from './commun.ts';
import { reconstruire } from './avenants.ts';

/** Le PDF de l'avenant (généré, ou signé par les deux parties), reconstruit et vérifié ; null si le dialogue n'en a pas (encore). */
export async function pdfAvenant(depot: DepotDialogues, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, version: 'genere' | 'signe', rendu: RenduPdf): Promise<{ pdf: Buffer; nom: string } | null> {
  const d = await chargerDansPerimetre(depot, utilisateur, id, false);
  const a = await depot.avenant(id);
  if (!a || (version === 'signe' && a.empreinte_pdf_signe === null)) return null;
  const pdf = await reconstruire(cadre, id, a, version, rendu);
  return { pdf, nom: `avenant-${a.numero}-${d.annee}-${d.code_structure}${version === 'signe' ? '-signe' : ''}.pdf` };
}
