// Générer une démonstration dans un dossier temporaire, puis l'importer comme n'importe quel extrait.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Base } from '../ports/base.ts';
import { importerExtrait, type Progression } from '../echange/importerExtrait.ts';
import type { LecteurFichiers } from '../ports/fichiers.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { RapportImport } from '../echange/rapport.ts';
import { genererDemo, type OptionsDemo } from './genererDemo.ts';

export type OptionsChargementDemo = Omit<OptionsDemo, 'sortie' | 'progression'> & { progression?: Progression; acteur?: string; horloge: Horloge; fichiers: LecteurFichiers };

export async function chargerDemo(base: Base, options: OptionsChargementDemo): Promise<RapportImport> {
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-demo-'));
  try {
    const { progression, acteur = 'demo', horloge, fichiers, ...reste } = options;
    await genererDemo({ ...reste, sortie: dossier, progression: suiviGeneration(progression) });
    progression?.terminer();
    return await importerExtrait(base, dossier, { acteur, progression, horloge, fichiers });
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}

/** Le générateur compte les Missions locales faites sur un total : on le branche sur une progression. */
export function suiviGeneration(progression?: Progression) {
  let fait = 0;
  return (faites: number, total: number) => {
    if (fait === 0) progression?.etape('Génération de la démonstration', total);
    progression?.avancer(faites - fait);
    fait = faites;
  };
}
