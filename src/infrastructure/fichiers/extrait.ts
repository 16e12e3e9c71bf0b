// Un extrait est un dossier ou une archive .zip de ce dossier ; on rend la liste de ses fichiers CSV.
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ErreurMetier } from '../../domaine/erreurs.ts';

export class ErreurExtrait extends ErreurMetier {}

export interface ExtraitOuvert {
  /** Chemin de chaque fichier trouvé, par nom en minuscules (jeunes.csv…). */
  fichiers: Map<string, string>;
  nettoyer(): void;
}

/** Plafond d'une archive décompressée : protège contre les « bombes zip ». */
const TAILLE_MAX_DECOMPRESSEE = 20 * 1024 ** 3;

export async function ouvrirExtrait(source: string): Promise<ExtraitOuvert> {
  if (!existsSync(source)) throw new ErreurExtrait(`source introuvable : ${source}`);
  if (statSync(source).isDirectory()) return { fichiers: listerCsv(source), nettoyer: () => {} };
  if (!source.toLowerCase().endsWith('.zip')) throw new ErreurExtrait(`source non reconnue : ${source} (un dossier ou une archive .zip est attendu)`);
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-extrait-'));
  const nettoyer = () => rmSync(dossier, { recursive: true, force: true });
  try {
    await decompresser(source, dossier);
    return { fichiers: listerCsv(dossier), nettoyer };
  } catch (e) {
    nettoyer();
    throw e;
  }
}

function listerCsv(dossier: string): Map<string, string> {
  const fichiers = new Map<string, string>();
  for (const nom of readdirSync(dossier).sort()) {
    const chemin = join(dossier, nom);
    if (statSync(chemin).isFile() && nom.toLowerCase().endsWith('.csv')) fichiers.set(nom.toLowerCase(), chemin);
  }
  return fichiers;
}

/** Décompresse les .csv de l'archive à plat (le nom de base seul : pas de chemin qui sorte du dossier). */
function decompresser(zip: string, dossier: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (err, archive) => {
      if (err || !archive) return reject(new ErreurExtrait(`archive zip illisible : ${zip} (${err?.message ?? 'inconnue'})`));
      let total = 0;
      const vus = new Set<string>();
      archive.on('error', (e) => reject(new ErreurExtrait(`archive zip illisible : ${zip} (${e.message})`)));
      archive.on('end', () => resolve());
      archive.on('entry', (entree: yauzl.Entry) => {
        const nom = basename(entree.fileName).toLowerCase();
        if (entree.fileName.endsWith('/') || !nom.endsWith('.csv') || nom.startsWith('.')) return archive.readEntry();
        if (vus.has(nom)) return reject(new ErreurExtrait(`l'archive contient deux fichiers ${nom}`));
        vus.add(nom);
        total += entree.uncompressedSize;
        if (total > TAILLE_MAX_DECOMPRESSEE) return reject(new ErreurExtrait(`archive trop volumineuse une fois décompressée : ${zip}`));
        archive.openReadStream(entree, (e, flux) => {
          if (e || !flux) return reject(new ErreurExtrait(`fichier illisible dans l'archive : ${entree.fileName}`));
          pipeline(flux, createWriteStream(join(dossier, nom))).then(() => archive.readEntry(), reject);
        });
      });
      archive.readEntry();
    });
  });
}
