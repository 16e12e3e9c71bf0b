// L'unique chemin d'écriture des étapes du dialogue : valider le contenu, puis en une transaction charger,
// vérifier le périmètre, laisser le noyau du domaine décider (`decider` : rôle, état, règle, écritures), écrire, tracer.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { estAction, type CadreDialogue, type EtatDialogue } from '../../domaine/dialogue/cadre.ts';
import { decider, type Ecritures } from '../../domaine/dialogue/decider.ts';
import { contenus, messagesDe, type ContenuSignature } from '../../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { RenduPdf } from '../ports/pdf.ts';
import { chargerDansPerimetre, convention, decisionsAnterieures, erreurDe } from './commun.ts';
import { genererAvenant, lireAvenant, signerAvenant } from './avenants.ts';

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
    const [conv, anterieures, avenant] = [
      await convention(tx, d.code_structure),
      await decisionsAnterieures(tx, d),
      await lireAvenant(tx, d.id),
    ];
    const contexte = { annee: d.annee, code_structure: d.code_structure, autodiagnostic: d.autodiagnostic, convention: conv, decisionsAnterieures: anterieures, avenant, catalogue };
    const verdict = decider(d.etat, action, utilisateur.role, lu.data, cadre, contexte);
    if (!verdict.ok) throw erreurDe(verdict.refus);
    const { ecritures } = verdict;
    if (action === 'generer_avenant') await genererAvenant(tx, cadre, catalogue, utilisateur, d, conv!, horloge, pdf);
    const signature =
      action === 'signer_ml' || action === 'signer_etat' ? await signerAvenant(tx, cadre, utilisateur, d, avenant!, action === 'signer_ml' ? 'ml' : 'etat', lu.data as ContenuSignature, pdf) : null;
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
