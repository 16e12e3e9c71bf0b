// Des constructeurs pour les tests unitaires : chaque objet a des valeurs par défaut lisibles (la ML
// de Rennes, la campagne 2018 de Bretagne), et le test ne nomme que ce qui compte pour lui.
import type { ContenuInstantane, Convention, EcheancesCampagne, EnteteInstantane } from '../../src/application/ports/depotDialogues.ts';
import type { TableauAnnuel } from '../../src/application/indicateurs/tableauDeBord.ts';
import { ROLES, type Portee, type Role, type Utilisateur } from '../../src/domaine/acces/droits.ts';
import { ETATS, type EtatDialogue } from '../../src/domaine/dialogue/cadre.ts';
import type { Catalogue } from '../../src/domaine/indicateurs/catalogue.ts';
import type { DialogueStocke, InstantaneStocke, MissionLocale } from './depotDialoguesMemoire.ts';

export const uneML = (autre: Partial<MissionLocale> = {}): MissionLocale => ({
  code_structure: 'RA01',
  nom: 'Mission locale de Rennes',
  siret: '12345678900011',
  adresse: '3 rue de la Volga, 35200 Rennes',
  code_departement: '35',
  code_region: '53',
  nom_region: 'Bretagne',
  ...autre,
});

const ML = uneML();

/** La portée par défaut de chaque rôle : la ML de Rennes, son département, sa région, la nation. */
function porteeDuRole(role: Role): Portee {
  switch (ROLES[role].organisation) {
    case 'ml':
      return { niveau: 'structure', code: ML.code_structure, code_departement: ML.code_departement, code_region: ML.code_region };
    case 'ud':
      return { niveau: 'departement', code: ML.code_departement, code_region: ML.code_region };
    case 'direccte':
    case 'conseil_regional':
      return { niveau: 'region', code: ML.code_region };
    case 'dgefp':
      return { niveau: 'national' };
  }
}

/** Par défaut la direction de la ML de Rennes ; un autre rôle prend la portée et l'organisation qui vont avec. */
export function unUtilisateur(autre: Partial<Utilisateur> = {}): Utilisateur {
  const role = autre.role ?? 'direction_ml';
  const type = ROLES[role].organisation;
  return {
    id: 1,
    nom: `Camille ${role}`,
    courriel: `${role.replace('_', '.')}@exemple.fr`,
    role,
    organisation: { type, code: type === 'ml' ? ML.code_structure : ML.code_region, nom: type === 'ml' ? ML.nom : `${type} Bretagne` },
    portee: porteeDuRole(role),
    ...autre,
  };
}

export const uneConvention = (autre: Partial<Convention & { code_structure: string }> = {}): Convention & { code_structure: string } => ({
  code_structure: ML.code_structure,
  numero: 'CPO-2015-RA01',
  annee_debut: 2015,
  annee_fin: 2018,
  date_signature: '2015-03-02',
  montant_reference: 100_000,
  ...autre,
});

export const uneCampagne = (autre: Partial<EcheancesCampagne> = {}): EcheancesCampagne => ({
  id: 1,
  instantane_id: 1,
  echeance_autodiagnostic: '2018-02-15',
  echeance_entretien: '2018-03-31',
  echeance_signature: '2018-05-31',
  ...autre,
});

/** Un instantané 2017 qui connaît la ML de Rennes, sa région et la nation ; intègre par défaut. */
export function unInstantane(autre: Partial<EnteteInstantane & ContenuInstantane> = {}): InstantaneStocke {
  const territoire = (code: string, nom: string) => ({ code, nom, structures: 1, attendues: 1, indicateurs: {}, ratios: { ratio_07: 0.3 } });
  const contenu: TableauAnnuel = {
    annee: 2017,
    catalogue: 'cpo-2015-2018',
    structures: [{ code_structure: ML.code_structure, nom: ML.nom, code_departement: ML.code_departement, code_region: ML.code_region, indicateurs: {}, ratios: { ratio_07: 0.3 }, declinaisons: {} }],
    departements: [territoire(ML.code_departement, 'Ille-et-Vilaine')],
    regions: [territoire(ML.code_region, ML.nom_region)],
    national: territoire('FR', 'France'),
    distributions: { regions: {}, national: {} },
  };
  const { integre = true, contenu: c = contenu, ...entete } = autre;
  return { entete: { id: 1, annee: 2017, catalogue: 'cpo-2015-2018', empreinte: 'e'.repeat(64), cree_le: '2018-01-10T09:00:00', ...entete }, integre, contenu: c };
}

const ENTRETIEN = { date: '2018-03-12', participants: 'UD 35, direction de la ML', regionPresente: true, compteRendu: 'Échange sur les résultats 2017.' };
const MONTANTS = { fonctionnement_cpo: 100_000, garantie_jeunes: 40_000 };

/** Les objectifs arrêtés : une cible par ratio du catalogue, et une action de plan. */
export const desObjectifs = (catalogue: Catalogue) => ({
  cibles: Object.fromEntries(catalogue.ratios.map((r) => [r.id, 0.4])),
  plan: [{ titre: 'Prospection', description: 'Rencontrer 30 entreprises', echeance: '2018-09-30', indicateur: null }],
  qualitatifs: 'Renforcer le partenariat avec les entreprises',
});

/**
 * Un dialogue de la ML de Rennes, en 2018 ; à l'état demandé (« ouvert » par défaut), il a ce que les pas
 * précédents ont écrit : l'autodiagnostic, l'entretien, les objectifs (`catalogue` requis dès
 * « objectifs_arretes »), la décision.
 */
export function unDialogue(autre: Partial<DialogueStocke> = {}, catalogue?: Catalogue): DialogueStocke {
  const etat: EtatDialogue = autre.etat ?? 'ouvert';
  const apres = (e: EtatDialogue) => ETATS.indexOf(etat) >= ETATS.indexOf(e);
  if (apres('objectifs_arretes') && !catalogue && autre.objectifs === undefined) throw new Error(`unDialogue : le catalogue est requis à l'état « ${etat} »`);
  return {
    id: 1,
    campagne_id: 1,
    code_structure: ML.code_structure,
    annee: 2018,
    etat,
    definitif: etat === 'signe',
    autodiagnostic: apres('autodiagnostic_soumis') ? { commentaires: {}, contexte: 'Fermeture d’une usine', planPropose: 'Renforcer la prospection', ciblesProposees: {} } : null,
    entretien: apres('entretien_realise') ? ENTRETIEN : null,
    objectifs: apres('objectifs_arretes') && catalogue ? desObjectifs(catalogue) : null,
    decision: apres('decision_financiere')
      ? { montants: MONTANTS, enveloppe: { reference: 100_000, decide: 100_000, ecart: 0, variation: 0, borne: 10_000, depassement: 0, depasse: false } }
      : null,
    modifie_le: null,
    ...autre,
  };
}
