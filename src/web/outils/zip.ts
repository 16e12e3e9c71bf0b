// Des fichiers CSV choisis un à un, mis dans une archive zip (sans compression) avant le dépôt : l'API
// ne reçoit qu'une archive, quelle que soit la façon de déposer.

const TABLE_CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(octets: Uint8Array): number {
  let c = 0xffffffff;
  for (const o of octets) c = TABLE_CRC[(c ^ o) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Une archive zip « stockée » (méthode 0) des fichiers, sous leur nom. */
export async function archiver(fichiers: File[]): Promise<Blob> {
  const locaux: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let position = 0;
  for (const f of fichiers) {
    const donnees = new Uint8Array(await f.arrayBuffer());
    const nom = new TextEncoder().encode(f.name);
    const crc = crc32(donnees);
    const entete = (taille: number, signature: number, decalage: number) => {
      const b = new DataView(new ArrayBuffer(taille));
      b.setUint32(0, signature, true);
      // Version, drapeaux (noms en UTF-8), méthode 0, heure, date, CRC, tailles, longueur du nom.
      const o = decalage;
      b.setUint16(o, 20, true);
      b.setUint16(o + 2, 0x0800, true);
      b.setUint16(o + 4, 0, true);
      b.setUint16(o + 8, 0x21, true);
      b.setUint32(o + 10, crc, true);
      b.setUint32(o + 14, donnees.length, true);
      b.setUint32(o + 18, donnees.length, true);
      b.setUint16(o + 22, nom.length, true);
      return b;
    };
    const local = entete(30, 0x04034b50, 4);
    locaux.push(new Uint8Array(local.buffer), nom, donnees);
    const c = entete(46, 0x02014b50, 6);
    c.setUint16(4, 20, true);
    c.setUint32(42, position, true);
    central.push(new Uint8Array(c.buffer), nom);
    position += 30 + nom.length + donnees.length;
  }
  const tailleCentral = central.reduce((s, b) => s + b.length, 0);
  const fin = new DataView(new ArrayBuffer(22));
  fin.setUint32(0, 0x06054b50, true);
  fin.setUint16(8, fichiers.length, true);
  fin.setUint16(10, fichiers.length, true);
  fin.setUint32(12, tailleCentral, true);
  fin.setUint32(16, position, true);
  return new Blob([...locaux, ...central, new Uint8Array(fin.buffer)] as BlobPart[], { type: 'application/zip' });
}
