// Les mêmes chiffres, mis en forme : JSON pour les machines, CSV pour les tableurs, tableau pour le
// terminal. Aucune valeur n'est recalculée ici.
import type { Catalogue } from '../../domaine/indicateurs/catalogue.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import type { ChiffresML } from './moteur.ts';

/** `au` : les chiffres sont ceux de l'année du 1er janvier à ce jour ; la sortie le dit. */
export function chiffresEnJson(catalogue: Catalogue, annee: number, chiffres: ChiffresML[], au?: string): string {
  const structures = chiffres.map(({ code_structure, indicateurs, ratios }) => ({ code_structure, indicateurs, ratios }));
  return JSON.stringify({ annee, ...(au && { au }), catalogue: catalogue.version, structures }, null, 2) + '\n';
}

const periode = (annee: number, au?: string) => (au ? `année ${annee} au ${dateEnFrancais(au)}` : `année ${annee}`);

const nombreFr = (v: number | null, decimales = 2) =>
  v === null ? '' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: decimales, useGrouping: false }).format(v);

/** CSV à la française (séparateur ;, virgule décimale) : une ligne par ML, une colonne par chiffre. */
export function chiffresEnCsv(catalogue: Catalogue, annee: number, chiffres: ChiffresML[], au?: string): string {
  const colonnes = [...catalogue.indicateurs.map((i) => i.id), ...catalogue.ratios.map((r) => r.id)];
  const lignes = [['annee', ...(au ? ['au'] : []), 'code_structure', ...colonnes].join(';')];
  for (const c of chiffres) {
    const valeurs = { ...c.indicateurs, ...c.ratios };
    lignes.push([String(annee), ...(au ? [au] : []), c.code_structure, ...colonnes.map((id) => nombreFr(valeurs[id] ?? null, 6))].join(';'));
  }
  return lignes.join('\n') + '\n';
}

/** Pour le terminal : une ML, ses chiffres par groupe ; plusieurs ML, leurs ratios en colonnes. */
export function chiffresEnTableau(catalogue: Catalogue, annee: number, chiffres: ChiffresML[], au?: string): string {
  const lignes: string[] = [];
  if (chiffres.length === 1) {
    const [c] = chiffres;
    lignes.push(`${c.code_structure} — ${periode(annee, au)} (catalogue ${catalogue.version})`);
    for (const g of catalogue.groupes) {
      lignes.push('', g.libelle.toUpperCase());
      for (const i of catalogue.indicateurs.filter((x) => x.groupe === g.id)) {
        lignes.push(`  ${i.libelle.padEnd(62)} ${formaterValeur(c.indicateurs[i.id], i.unite).padStart(14)}`);
      }
    }
    for (const o of catalogue.objectifs) {
      lignes.push('', `OBJECTIF ${o.id} — ${o.libelle_court.toUpperCase()}`);
      for (const r of catalogue.ratios.filter((x) => x.objectif === o.id)) {
        lignes.push(`  ${`${r.id} ${r.libelle}`.padEnd(92)} ${formaterValeur(c.ratios[r.id], r.unite).padStart(14)}`);
      }
    }
    return lignes.join('\n') + '\n';
  }
  const ids = catalogue.ratios.map((r) => r.id);
  lignes.push(`Ratios de l'${periode(annee, au)} (catalogue ${catalogue.version}) ; n.d. : dénominateur nul ou absent`);
  lignes.push(['structure'.padEnd(10), ...ids.map((id) => id.padStart(10))].join(' '));
  for (const c of chiffres) {
    lignes.push([c.code_structure.padEnd(10), ...catalogue.ratios.map((r) => formaterValeur(c.ratios[r.id], r.unite).padStart(10))].join(' '));
  }
  return lignes.join('\n') + '\n';
}
