// Le PDF de l'avenant, reconstruit depuis ses données figées et vérifié contre ses empreintes.
import { couvreStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { CadreDialogue } from '../../domaine/dialogue/cadre.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Base } from '../ports/base.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import { situee, chargerDialogue } from './commun.ts';
import { lireAvenant, reconstruire } from './avenants.ts';

/** Le PDF de l'avenant (généré, ou signé par les deux parties), reconstruit et vérifié ; null si le dialogue n'en a pas (encore). */
export async function pdfAvenant(base: Base, cadre: CadreDialogue, utilisateur: Utilisateur, id: number, version: 'genere' | 'signe', rendu: RenduPdf): Promise<{ pdf: Buffer; nom: string } | null> {
  const d = await chargerDialogue(base, id);
  if (!d) throw new ErreurMetier(`Dialogue inconnu : ${id}`, 'introuvable');
  exiger(couvreStructure(utilisateur.portee, situee(d)), `Hors de votre périmètre : le dialogue ${id}.`);
  const a = await lireAvenant(base, id);
  if (!a || (version === 'signe' && a.empreinte_pdf_signe === null)) return null;
  const pdf = await reconstruire(cadre, id, a, version, rendu);
  return { pdf, nom: `avenant-${a.numero}-${d.annee}-${d.code_structure}${version === 'signe' ? '-signe' : ''}.pdf` };
}
