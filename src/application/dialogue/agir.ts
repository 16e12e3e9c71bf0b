// L'unique chemin d'écriture des étapes du dialogue : valider le contenu, puis en une transaction charger,
// vérifier le périmètre, laisser le noyau du domaine décider (`decider` : rôle, état, règle, écritures), écrire, tracer.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { estAction, type CadreDialogue, type EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import { decider } from '../../domaine/dialogue/decider.ts';
import { contenus, messagesDe, type ContenuSignature } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { DepotDialogues } from '../ports/depotDialogues.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import { chargerDansPerimetre, erreurDe } from './commun.ts';
import { genererAvenant, signerAvenant } from './avenants.ts';

/** Valider → transaction → charger → autoriser (périmètre) → décider (`decider`, pur) → écrire → auditer. */
export async function agir(
  depot: DepotDialogues,
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
  return depot.transaction(async (tx) => {
    const d = await chargerDansPerimetre(tx, utilisateur, id);
    const [conv, anterieures, avenant] = [await tx.convention(d.code_structure), await tx.decisionsAnterieures(d.code_structure, d.annee), await tx.avenant(d.id)];
    const contexte = { annee: d.annee, code_structure: d.code_structure, autodiagnostic: d.autodiagnostic, convention: conv, decisionsAnterieures: anterieures, avenant, catalogue };
    const verdict = decider(d.etat, action, utilisateur.role, lu.data, cadre, contexte);
    if (!verdict.ok) throw erreurDe(verdict.refus);
    const { ecritures } = verdict;
    if (action === 'generer_avenant') await genererAvenant(tx, cadre, catalogue, utilisateur, d, conv!, horloge, pdf);
    const signature =
      action === 'signer_ml' || action === 'signer_etat' ? await signerAvenant(tx, cadre, utilisateur, d, avenant!, action === 'signer_ml' ? 'ml' : 'etat', lu.data as ContenuSignature, pdf) : null;
    await tx.enregistrerTransition({
      dialogue: id,
      action,
      de: verdict.de,
      vers: verdict.vers,
      definitif: verdict.definitif,
      ecritures,
      acteur: utilisateur.courriel,
      role: utilisateur.role,
      motif: verdict.motif,
    });
    await tx.auditer({ acteur: utilisateur.courriel, action: `dialogue_${action}`, objet: `dialogues/${id}`, codeStructure: d.code_structure, origine, details: { de: verdict.de, vers: verdict.vers, ...ecritures, ...(signature && { signature }) } });
    return { etat: verdict.vers };
  });
}
