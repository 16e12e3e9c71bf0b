// Les formes des réponses de l'API, reprises des types du serveur : un seul modèle des chiffres.
export type { Catalogue, DefinitionIndicateur, DefinitionRatio } from '../domaine/indicateurs/catalogue.ts';
export type { Distribution, Valeurs } from '../domaine/indicateurs/chiffres.ts';
export type { ChiffresDuTerritoire, ChiffresStructure, Evolution } from '../application/indicateurs/serviceChiffres.ts';
export type { EvolutionMensuelle } from '../application/indicateurs/lireEvolutionMensuelle.ts';
export type { ChiffresTerritoire } from '../application/indicateurs/tableauDeBord.ts';
export type { Action, Portee, Role } from '../domaine/acces/droits.ts';
import type { Action, Portee, Role } from '../domaine/acces/droits.ts';
import type { StructureVisible } from '../application/indicateurs/listerStructuresVisibles.ts';

export interface UtilisateurPresente {
  id: number;
  nom: string;
  courriel: string;
  role: Role;
  libelleRole: string;
  organisation: { type: string; libelleType: string; code: string; nom: string };
  portee: Portee;
}

export interface Moi {
  utilisateur: UtilisateurPresente;
  droits: Action[];
  accueil: string;
  annees: number[];
  /** Le jour des dernières données importées (AAAA-MM-JJ) ; null sans données. */
  donnees_au: string | null;
  /** Le dernier jour du dernier mois complet, que les tableaux de bord proposent à côté des années entières ; null s'il n'y a rien à proposer. */
  au_propose: string | null;
  /** Le jour du serveur à Paris (AAAA-MM-JJ) : les échéances du parcours se comptent de ce jour. */
  aujourdhui: string;
}

/** Une ML de la liste du périmètre, telle que le cas d'usage la rend. */
export type StructureListee = StructureVisible;
export type { QualiteStructure, QualiteTerritoire } from '../application/qualite/lireQualite.ts';
