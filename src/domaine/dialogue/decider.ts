// Le noyau de décision du dialogue de gestion : pur, sans base. Pour un dialogue (son état et ce que
// l'application en a chargé), une action, un rôle et un contenu déjà contrôlé par zod, il rend ce qu'il
// faut écrire, ou un refus et son genre. Le périmètre (sa ML, son département, sa région) se vérifie
// avant, dans l'application ; l'avenant (PDF) et les signatures s'écrivent après.
import type { Role } from '../acces/droits.ts';
import type { Catalogue } from '../indicateurs/catalogue.ts';
import { ETAT_SIGNE, refusTransition, type ActionDialogue, type CadreDialogue, type EtatDialogue, type Refus, type Regle } from './cadre.ts';
import type { ContenuSignature, Decision, Entretien, Objectifs } from './contenus.ts';
import { enveloppe, texteVariation, type Enveloppe, type Montants } from './financement.ts';

/** Ce que l'application charge du dialogue, dans la transaction, avant de décider. */
export interface ContexteDialogue {
  annee: number;
  code_structure: string;
  autodiagnostic: unknown;
  convention: { montant_reference: number } | null;
  decisionsAnterieures: { annee: number; montants: Montants }[];
  avenant: { numero: number; empreinte_pdf: string } | null;
  catalogue: Pick<Catalogue, 'ratios' | 'indicateurs'>;
}

/** Les colonnes du dialogue que le pas remplit. */
export interface Ecritures {
  entretien?: Entretien;
  objectifs?: Objectifs;
  decision?: { montants: Montants; justification: string | null; enveloppe: Enveloppe };
}

export type Verdict =
  | { ok: true; de: EtatDialogue; vers: EtatDialogue; definitif: boolean; ecritures: Ecritures; motif: string | null }
  | { ok: false; refus: Refus };

const refus = (genre: Refus['genre'], message: string): Verdict => ({ ok: false, refus: { genre, message } });

/** Le pas demandé est-il permis, et qu'écrit-il ? Ne lève pas d'exception : un refus est une valeur. */
export function decider(etat: EtatDialogue, action: ActionDialogue, role: Role, contenu: unknown, cadre: CadreDialogue, contexte: ContexteDialogue): Verdict {
  const interdit = refusTransition(cadre, etat, action, role);
  if (interdit) return { ok: false, refus: interdit };
  const t = cadre.transitions.find((x) => x.action === action)!;
  const c = contenu as Record<string, unknown>;

  const regle = t.regle ? refusRegle(t.regle, c, contexte) : null;
  if (regle) return refus('saisie', regle);

  const ecritures: Ecritures = {};
  switch (action) {
    case 'enregistrer_entretien':
      ecritures.entretien = c as Entretien;
      break;
    case 'arreter_objectifs': {
      const o = c as Objectifs;
      const suivis = o.plan.filter((p) => p.indicateur !== null && !contexte.catalogue.indicateurs.some((i) => i.id === p.indicateur));
      if (suivis.length) return refus('saisie', `Indicateur suivi inconnu du catalogue : ${suivis.map((p) => `${p.indicateur} (action « ${p.titre} »)`).join(', ')}.`);
      ecritures.objectifs = o;
      break;
    }
    case 'decider_financement': {
      const dec = c as Decision;
      const inconnues = Object.keys(dec.montants).filter((k) => !cadre.financement.lignes.some((l) => l.id === k));
      if (inconnues.length) return refus('saisie', `Lignes de financement inconnues : ${inconnues.join(', ')}.`);
      if (!contexte.convention) return refus('saisie', `La Mission locale ${contexte.code_structure} n'a pas de convention enregistrée : le montant de référence manque.`);
      const env = enveloppe(cadre, contexte.convention.montant_reference, contexte.decisionsAnterieures, { annee: contexte.annee, montants: dec.montants });
      if (env.depasse && t.regle === 'enveloppe_justifiee' && !dec.justification?.trim()) {
        return refus('saisie', `La variation sur la convention atteint ${texteVariation(cadre, env)} : une justification écrite est obligatoire.`);
      }
      ecritures.decision = { montants: dec.montants, justification: env.depasse ? dec.justification?.trim() || null : null, enveloppe: env };
      break;
    }
    case 'generer_avenant':
      // Le montant de référence et les années de la convention sont dans l'avenant.
      if (!contexte.convention) return refus('saisie', `La Mission locale ${contexte.code_structure} n'a pas de convention enregistrée.`);
      break;
    case 'signer_ml':
    case 'signer_etat': {
      const a = contexte.avenant;
      if (!a) return refus('etat', `Ce dialogue n'a pas d'avenant à signer.`);
      const { empreinte } = c as ContenuSignature;
      if (empreinte !== a.empreinte_pdf) {
        return refus(
          'etat',
          `L'empreinte confirmée (${empreinte.slice(0, 16)}…) n'est pas celle de l'avenant n° ${a.numero} en vigueur (${a.empreinte_pdf.slice(0, 16)}…) : rechargez la page, relisez l'avenant, puis signez.`,
        );
      }
      break;
    }
  }
  const motif = (c.motif as string | undefined)?.trim() || ecritures.decision?.justification || null;
  return { ok: true, de: etat, vers: t.vers, definitif: t.vers === ETAT_SIGNE, ecritures, motif };
}

/** Pourquoi la règle nommée par la transition n'est pas satisfaite ; null si elle l'est. */
function refusRegle(regle: Regle, c: Record<string, unknown>, contexte: ContexteDialogue): string | null {
  const manque = (champs: [unknown, string][]) => champs.filter(([v]) => typeof v !== 'string' || !v.trim()).map(([, nom]) => nom);
  switch (regle) {
    case 'autodiagnostic_complet': {
      const a = contexte.autodiagnostic as { contexte?: string; planPropose?: string } | null;
      const absents = manque([[a?.contexte, 'le contexte'], [a?.planPropose, "le plan d'action proposé"]]);
      return absents.length ? `Autodiagnostic incomplet : il manque ${absents.join(' et ')}. Enregistrez-le puis soumettez.` : null;
    }
    case 'motif_obligatoire':
      return manque([[c.motif, 'motif']]).length ? 'Motif du renvoi : à remplir (dites à la ML ce qui manque).' : null;
    case 'entretien_complet': {
      const absents = manque([[c.participants, 'les participants'], [c.compteRendu, 'le compte rendu']]);
      return absents.length ? `Entretien incomplet : il manque ${absents.join(' et ')}.` : null;
    }
    case 'une_cible_par_ratio': {
      const cibles = (c as Objectifs).cibles;
      const sans = contexte.catalogue.ratios.filter((r) => typeof cibles[r.id] !== 'number').map((r) => `« ${r.libelle} »`);
      return sans.length ? `Une cible par ratio est attendue ; il en manque pour : ${sans.join(', ')}.` : null;
    }
    case 'enveloppe_justifiee':
      // Se vérifie avec l'enveloppe calculée, dans le pas lui-même.
      return null;
  }
}
