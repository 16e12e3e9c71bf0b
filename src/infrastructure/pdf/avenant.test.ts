// La mise en page de l'avenant, rendu par pdfmake et relu par pdftotext : quelle que soit la longueur
// des textes libres, le tableau des montants n'est jamais coupé (pas de total seul en haut d'une page)
// et une ligne du tableau des objectifs reste sur une seule page.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chargerCadre } from '../../application/dialogue/cadreEnVigueur.ts';
import { chargerCatalogue } from '../../application/indicateurs/catalogueEnVigueur.ts';
import { documentAvenant, type DonneesAvenant } from '../../domaine/dialogue/avenant.ts';
import { renduPdfmake } from './pdf.ts';

const cadre = chargerCadre();
const catalogue = chargerCatalogue();

function donnees(lignesQualitatives: number): DonneesAvenant {
  return {
    numero: 2,
    annee: 2016,
    genereLe: '2016-04-01',
    cadre: cadre.version,
    catalogue: catalogue.version,
    convention: { numero: 'CPO-53-001', anneeDebut: 2015, anneeFin: 2018, dateSignature: '2015-04-15', montantReference: 100_000 },
    ml: { code: 'ML03501', nom: 'Mission locale de Rennes', siret: '13000000000000', adresse: '1 rue de la Gare 35000 Rennes' },
    region: { code: '53', nom: 'Bretagne' },
    dateEntretien: '2016-03-12',
    instantane: { id: 1, annee: 2015, creeLe: '2016-01-10T09:00:00', empreinte: 'a'.repeat(64) },
    objectifs: catalogue.ratios.map((r) => ({ ratio: r.id, libelle: r.libelle, unite: r.unite, valeurN1: 0.3, cible: 0.35, departement: 0.31, region: 0.32, national: 0.33 })),
    couverture: { region: { structures: 17, attendues: 17 }, national: { structures: 17, attendues: 445 } },
    qualitatifs: Array.from({ length: lignesQualitatives }, (_, i) => `Objectif qualitatif ${i + 1}.`).join('\n'),
    plan: [],
    montants: cadre.financement.lignes.map((l, i) => ({ ligne: l.id, libelle: l.libelle, montant: 10_000 * (i + 1) })),
    enveloppe: { variation: 0, depasse: false, justification: null },
  };
}

/** Le texte de chaque page, dans l'ordre du document, espaces ramenés à un seul. */
const pages = (pdf: Buffer) =>
  execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf, encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\u00a0/g, ' ').replace(/\s+/g, ' '));

describe("mise en page de l'avenant", () => {
  it('ne coupe ni le tableau des montants ni une ligne du tableau des objectifs, quelle que soit la longueur du texte qui les précède', async () => {
    const premiere = cadre.financement.lignes[0].libelle;
    // Une ligne de plus à chaque tour (11 points) : le bas de page passe tour à tour dans chaque ligne des montants.
    for (let n = 0; n <= 15; n++) {
      const texte = pages(await renduPdfmake.rendre(documentAvenant(cadre, donnees(n), 'b'.repeat(64))));
      const ou = (motif: RegExp) => texte.findIndex((p) => motif.test(p));
      expect(ou(/ Total 100 000 € /), `${n} lignes : le total est sur la page de la première ligne de montant`).toBe(ou(new RegExp(`${premiere} 10 000 €`)));
      for (const r of catalogue.ratios) expect(ou(new RegExp(r.libelle.replace(/[()]/g, '\\$&'))), `${n} lignes : ${r.libelle}`).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);
});
