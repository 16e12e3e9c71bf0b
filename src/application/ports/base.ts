// La base vue par l'application : un port, pour que les cas d'usage ne dépendent d'aucun moteur.
// L'infrastructure l'implémente (db/base.ts) pour PGlite et PostgreSQL (`ouvrirBase`) ; les entrées (serveur,
// ligne de commande) ouvrent la base et la passent aux cas d'usage.

export interface Requeteur {
  /** Des requêtes lancées ensemble s'exécutent-elles en parallèle (pool PostgreSQL) ? */
  readonly parallele?: boolean;
  query<T = Record<string, any>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Chargement en masse : des lots de lignes, chaque valeur sous sa forme texte PostgreSQL ou null. */
  charger(table: string, colonnes: readonly ColonneSql[], lots: AsyncIterable<(string | null)[][]>): Promise<void>;
  /** COPY (requête) TO … écrit dans un fichier ; `options` est la clause WITH de COPY. Rend le nombre de lignes. */
  copyToFile(requete: string, options: string, chemin: string): Promise<number>;
}

export interface ColonneSql {
  nom: string;
  type: string;
}

export interface Base extends Requeteur {
  readonly moteur: 'pglite' | 'postgresql';
  transaction<T>(travail: (tx: Requeteur) => Promise<T>): Promise<T>;
  fermer(): Promise<void>;
}
