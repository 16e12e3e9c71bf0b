// Étape « rapporter » : le rapport d'import, accepté ou refusé, et la ligne d'audit qui le résume.
import { basename } from 'node:path';
import { FICHIERS } from '../../../domaine/echange/format.ts';
import type { Trace } from '../../audit.ts';
import type { RapportImport } from '../rapport.ts';
import type { Rejets } from './signalements.ts';
import type { FichierLu } from './transit.ts';

/** Un refus : `motif` dit la raison qui ne tient pas à une ligne (archive, limite) ; sans motif, les erreurs du rapport. */
export interface RefusImport {
  rapport: RapportImport;
  motif?: string;
}

export function rapportVide(source: string, tolerant: boolean): RapportImport {
  return {
    source,
    mode: tolerant ? 'tolerant' : 'strict',
    statut: 'importe',
    fichiers: [],
    erreurs: [],
    erreursNonDetaillees: 0,
    avertissements: [],
    fichiersIgnores: [],
    dureeMs: 0,
  };
}

/** Les lignes écartées de chaque fichier ; un fichier illisible l'est en entier. */
export function compterRejets(lus: FichierLu[], rejets: Rejets): void {
  for (const lu of lus) lu.bilan.rejetes = lu.lisible ? (rejets.get(lu.fichier.nom)?.size ?? 0) : lu.bilan.lignes;
}

/** Le rapport d'un import refusé ou en échec : rien n'est écrit ; le motif, s'il y en a un, devient une erreur. */
export function rapportRefuse(rapport: RapportImport, dureeMs: number, motif?: string): RapportImport {
  return {
    ...rapport,
    statut: 'refuse',
    fichiers: rapport.fichiers.map((f) => ({ ...f, crees: 0, misAJour: 0, inchanges: 0 })),
    erreurs: motif === undefined ? rapport.erreurs : [...rapport.erreurs, { fichier: basename(rapport.source), ligne: 0, colonne: '', valeur: '', message: motif }],
    dureeMs,
  };
}

/** Les erreurs dans l'ordre des fichiers du format, puis des lignes (celles de l'extrait entier d'abord). */
export function trierErreurs(rapport: RapportImport): RapportImport {
  const rang = (nom: string) => FICHIERS.findIndex((f) => f.nom === nom);
  rapport.erreurs.sort((a, b) => rang(a.fichier) - rang(b.fichier) || a.ligne - b.ligne);
  return rapport;
}

/** `motif` : la raison d'un refus qui ne tient pas à une ligne (archive, limite), ou de l'échec. */
export function traceImport(
  { acteur, origine, structure }: { acteur?: string; origine?: string; structure?: string },
  r: RapportImport,
  action: 'import_extrait' | 'import_refuse' | 'import_echoue',
  motif?: string,
): Trace {
  return {
    acteur: acteur ?? 'cli',
    action,
    objet: basename(r.source),
    codeStructure: structure ?? null,
    origine: origine ?? 'cli',
    details: {
      mode: r.mode,
      statut: r.statut,
      fichiers: r.fichiers.map(({ fichier, lignes, crees, misAJour, inchanges, rejetes }) => ({ fichier, lignes, crees, misAJour, inchanges, rejetes })),
      erreurs: r.erreurs.length + r.erreursNonDetaillees,
      ...(motif === undefined ? {} : { motif }),
    },
  };
}
