// Un extrait est un dossier ou une archive .zip de ce dossier ; on rend ses fichiers du format d'échange.
// Les limites s'appliquent avant le travail : un fichier trop gros d'un dossier n'est pas lu, et une
// entrée d'archive est arrêtée dès que ses octets décompressés, comptés à la lecture, passent la limite.
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { FICHIERS } from '../../domaine/echange/format.ts';
import { abreger } from '../../domaine/echange/valeurs.ts';
import { ErreurExtrait, type ExtraitOuvert } from '../../application/ports/fichiers.ts';

const NOMS_DU_FORMAT = new Set(FICHIERS.map((f) => f.nom));

export const volume = (octets: number) =>
  octets >= 1024 * 1024 ? `${Math.round(octets / 1024 / 1024)} Mo` : octets >= 1024 ? `${Math.round(octets / 1024)} Ko` : `${octets} octets`;

/** `octetsMax` : la taille d'un fichier, décompressé s'il vient d'une archive (CPO_IMPORT_TAILLE_MAX_MO). */
export async function ouvrirExtrait(source: string, octetsMax: number): Promise<ExtraitOuvert> {
  if (!existsSync(source)) throw new ErreurExtrait(`source introuvable : ${source}`);
  if (statSync(source).isDirectory()) return { ...listerCsv(source, octetsMax), nettoyer: () => {} };
  if (!source.toLowerCase().endsWith('.zip')) throw new ErreurExtrait(`source non reconnue : ${source} (un dossier ou une archive .zip est attendu)`);
  const dossier = mkdtempSync(join(tmpdir(), 'cpo-extrait-'));
  const nettoyer = () => rmSync(dossier, { recursive: true, force: true });
  try {
    const ignores = await decompresser(source, dossier, octetsMax);
    return { fichiers: listerCsv(dossier, octetsMax).fichiers, ignores, nettoyer };
  } catch (e) {
    nettoyer();
    throw e;
  }
}

const estCsv = (nom: string) => nom.endsWith('.csv') && !nom.startsWith('.');

function listerCsv(dossier: string, octetsMax: number): Omit<ExtraitOuvert, 'nettoyer'> {
  const fichiers = new Map<string, string>();
  const ignores: string[] = [];
  for (const nom of readdirSync(dossier).sort()) {
    const chemin = join(dossier, nom);
    const minuscules = nom.toLowerCase();
    if (!statSync(chemin).isFile() || !estCsv(minuscules)) continue;
    if (!NOMS_DU_FORMAT.has(minuscules)) {
      ignores.push(abreger(nom));
      continue;
    }
    const taille = statSync(chemin).size;
    if (taille > octetsMax) {
      throw new ErreurExtrait(`${minuscules} : ${volume(taille)}, au-delà de la limite de ${volume(octetsMax)} par fichier (CPO_IMPORT_TAILLE_MAX_MO)`);
    }
    fichiers.set(minuscules, chemin);
  }
  return { fichiers, ignores };
}

/**
 * Décompresse à plat (le nom de base seul : pas de chemin qui sorte du dossier) les seuls fichiers du
 * format ; les autres .csv sont nommés, sans être lus. La taille que l'archive déclare n'est pas crue :
 * les octets sont comptés à mesure, et l'écriture s'arrête avant le premier qui dépasse la limite.
 */
function decompresser(zip: string, dossier: string, octetsMax: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const illisible = () => new ErreurExtrait(`archive zip illisible : ${zip} (fichier abîmé, ou qui n'est pas une archive zip)`);
    yauzl.open(zip, { lazyEntries: true }, (err, archive) => {
      if (err || !archive) return reject(illisible());
      const echec = (e: Error) => {
        archive.close();
        reject(e);
      };
      const vus = new Set<string>();
      const ignores: string[] = [];
      archive.on('error', () => echec(illisible()));
      archive.on('end', () => resolve(ignores));
      archive.on('entry', (entree: yauzl.Entry) => {
        const nom = basename(entree.fileName).toLowerCase();
        if (entree.fileName.endsWith('/') || !estCsv(nom)) return archive.readEntry();
        if (!NOMS_DU_FORMAT.has(nom)) {
          ignores.push(abreger(basename(entree.fileName)));
          return archive.readEntry();
        }
        if (vus.has(nom)) return echec(new ErreurExtrait(`l'archive contient deux fichiers ${nom}`));
        vus.add(nom);
        const abime = new ErreurExtrait(`${nom} : fichier abîmé dans l'archive (données compressées illisibles ou taille déclarée fausse)`);
        archive.openReadStream(entree, (e, flux) => {
          if (e || !flux) return echec(abime);
          let octets = 0;
          const compteur = new Transform({
            transform(morceau: Buffer, _encodage, suite) {
              octets += morceau.length;
              if (octets > octetsMax) {
                return suite(
                  new ErreurExtrait(`${nom} : plus de ${volume(octetsMax)} une fois décompressé, au-delà de la limite par fichier (CPO_IMPORT_TAILLE_MAX_MO) : archive refusée`),
                );
              }
              suite(null, morceau);
            },
          });
          pipeline(flux, compteur, createWriteStream(join(dossier, nom))).then(
            () => archive.readEntry(),
            // Une erreur du système (disque plein…) n'est pas la faute de l'archive : elle remonte telle quelle.
            (erreur: Error) => echec(erreur instanceof ErreurExtrait || 'syscall' in erreur ? erreur : abime),
          );
        });
      });
      archive.readEntry();
    });
  });
}
