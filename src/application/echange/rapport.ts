// Le rapport d'import : ce que le CLI affiche, ce que l'API renverra, ce que l'audit garde.
// Il cite des valeurs venues du fichier : abrégées à la source, et jamais un caractère de contrôle brut
// à l'écran (un extrait hostile pourrait sinon piloter le terminal de qui lit le rapport).
import { echapperControles } from '../../domaine/echange/valeurs.ts';

export interface ErreurImport {
  fichier: string;
  ligne: number;
  colonne: string;
  valeur: string;
  message: string;
}

export interface BilanFichier {
  fichier: string;
  encodage: string;
  separateur: string;
  lignes: number;
  crees: number;
  misAJour: number;
  inchanges: number;
  rejetes: number;
  colonnesIgnorees: string[];
  /** Temps de lecture et de chargement en transit, puis de fusion dans les tables (ms). */
  dureeLectureMs: number;
  dureeFusionMs: number;
}

export interface RapportImport {
  source: string;
  mode: 'strict' | 'tolerant';
  statut: 'importe' | 'refuse' | 'importe_avec_rejets';
  fichiers: BilanFichier[];
  erreurs: ErreurImport[];
  /** Erreurs comptées mais non détaillées, au-delà du plafond par fichier. */
  erreursNonDetaillees: number;
  avertissements: ErreurImport[];
  fichiersIgnores: string[];
  dossierRejets?: string;
  dureeMs: number;
}

export function totalLignes(rapport: RapportImport): number {
  return rapport.fichiers.reduce((s, f) => s + f.lignes, 0);
}

const FICHIERS_IGNORES_CITES = 20;

const nombre = (n: number) => new Intl.NumberFormat('fr-FR').format(n).replace(/\u202f/g, ' ');

/** Le rapport en texte, pour le terminal : un tableau par fichier, puis une ligne par erreur. */
export function rapportEnTexte(r: RapportImport): string {
  const lignes: string[] = [];
  const titre = {
    importe: 'Import terminé',
    importe_avec_rejets: 'Import terminé, avec des lignes rejetées',
    refuse: 'Import refusé : rien n’a été écrit',
  }[r.statut];
  lignes.push(`${titre} — ${r.source} (mode ${r.mode}, ${(r.dureeMs / 1000).toFixed(1).replace('.', ',')} s)`);
  lignes.push('');
  const entete = ['fichier', 'lignes', 'créées', 'mises à jour', 'inchangées', 'rejetées'];
  const corps = r.fichiers.map((f) => [f.fichier, ...[f.lignes, f.crees, f.misAJour, f.inchanges, f.rejetes].map(nombre)]);
  const largeurs = entete.map((e, i) => Math.max(e.length, ...corps.map((c) => c[i].length)));
  const rangee = (c: string[]) => c.map((v, i) => (i === 0 ? v.padEnd(largeurs[i]) : v.padStart(largeurs[i]))).join('  ');
  lignes.push(rangee(entete), ...corps.map(rangee));
  for (const f of r.fichiers) {
    if (f.colonnesIgnorees.length) lignes.push(`${f.fichier} : colonnes inconnues ignorées : ${f.colonnesIgnorees.join(', ')}`);
  }
  for (const f of r.fichiersIgnores.slice(0, FICHIERS_IGNORES_CITES)) lignes.push(`fichier ignoré (hors du format d'échange) : ${f}`);
  if (r.fichiersIgnores.length > FICHIERS_IGNORES_CITES) lignes.push(`… et ${nombre(r.fichiersIgnores.length - FICHIERS_IGNORES_CITES)} autre(s) fichier(s) ignoré(s)`);
  if (r.avertissements.length) {
    lignes.push('', `${r.avertissements.length} avertissement(s) :`);
    for (const a of r.avertissements) lignes.push(`  ${formaterErreur(a)}`);
  }
  if (r.erreurs.length) {
    lignes.push('', `${r.erreurs.length + r.erreursNonDetaillees} erreur(s) :`);
    for (const e of r.erreurs) lignes.push(`  ${formaterErreur(e)}`);
    if (r.erreursNonDetaillees) lignes.push(`  … et ${nombre(r.erreursNonDetaillees)} autre(s) erreur(s) non détaillée(s)`);
  }
  if (r.dossierRejets) lignes.push('', `Lignes rejetées écrites dans ${r.dossierRejets}`);
  return lignes.map(echapperControles).join('\n');
}

/** Le rapport en JSON : JSON.stringify échappe déjà C0, pas DEL ni C1. */
export function rapportEnJson(r: RapportImport): string {
  return JSON.stringify(r, null, 2).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function formaterErreur(e: ErreurImport): string {
  const ou = e.ligne > 0 ? `${e.fichier}, ligne ${e.ligne}` : e.fichier;
  const colonne = e.colonne ? `, colonne ${e.colonne}` : '';
  const valeur = e.valeur !== '' ? ` (valeur « ${e.valeur} »)` : '';
  return `${ou}${colonne}${valeur} : ${e.message}`;
}
