// Un petit écrivain d'archives zip (deflate), pour fabriquer en test des archives hostiles : bombes
// très compressibles, tailles déclarées fausses. Aucun outil du dépôt n'écrit de zip.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

export interface EntreeZip {
  nom: string;
  contenu: Buffer | string;
  /** Taille décompressée déclarée dans l'archive, si elle doit mentir. */
  tailleDeclaree?: number;
}

export function ecrireZip(chemin: string, entrees: EntreeZip[]): void {
  const locaux: Buffer[] = [];
  const central: Buffer[] = [];
  let position = 0;
  for (const e of entrees) {
    const donnees = Buffer.isBuffer(e.contenu) ? e.contenu : Buffer.from(e.contenu);
    const compresse = deflateRawSync(donnees);
    const nom = Buffer.from(e.nom);
    const taille = e.tailleDeclaree ?? donnees.length;
    // Version, drapeaux (UTF-8), méthode 8 (deflate), heure, date, CRC, tailles compressée et décompressée.
    const commun = (b: Buffer, o: number) => {
      b.writeUInt16LE(20, o);
      b.writeUInt16LE(0x0800, o + 2);
      b.writeUInt16LE(8, o + 4);
      b.writeUInt16LE(0, o + 6);
      b.writeUInt16LE(0x21, o + 8);
      b.writeUInt32LE(crc32(donnees), o + 10);
      b.writeUInt32LE(compresse.length, o + 14);
      b.writeUInt32LE(taille, o + 18);
      b.writeUInt16LE(nom.length, o + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    commun(local, 4);
    locaux.push(local, nom, compresse);
    const entete = Buffer.alloc(46);
    entete.writeUInt32LE(0x02014b50, 0);
    entete.writeUInt16LE(20, 4);
    commun(entete, 6);
    entete.writeUInt32LE(position, 42);
    central.push(entete, nom);
    position += local.length + nom.length + compresse.length;
  }
  const repertoire = Buffer.concat(central);
  const fin = Buffer.alloc(22);
  fin.writeUInt32LE(0x06054b50, 0);
  fin.writeUInt16LE(entrees.length, 8);
  fin.writeUInt16LE(entrees.length, 10);
  fin.writeUInt32LE(repertoire.length, 12);
  fin.writeUInt32LE(position, 16);
  writeFileSync(chemin, Buffer.concat([...locaux, repertoire, fin]));
}
