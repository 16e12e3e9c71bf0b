// Lecture de CSV en flux : UTF-8 (avec ou sans BOM) ou Windows-1252, séparateur `;` ou `,`, champs
// entre guillemets (« "" » vaut un guillemet), fins de ligne LF ou CRLF. Chaque enregistrement porte
// le numéro de la ligne où il commence, pour que les rapports d'erreur le citent.
import { createReadStream } from 'node:fs';

export interface Enregistrement {
  ligne: number;
  champs: string[];
}

export class ErreurCsv extends Error {
  constructor(
    readonly ligne: number,
    message: string,
  ) {
    super(message);
  }
}

/** Le séparateur se lit sur la ligne d'en-tête : `;`, ou `,` si elle n'a pas de `;` mais des virgules. */
function deviner(entete: string): string {
  return !entete.includes(';') && entete.includes(',') ? ',' : ';';
}

export type Encodage = 'utf-8' | 'windows-1252';

/** Un fichier est en UTF-8 s'il se décode sans erreur ; sinon on le lit en Windows-1252. */
export async function detecterEncodage(chemin: string): Promise<Encodage> {
  const decodeur = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const morceau of createReadStream(chemin, { highWaterMark: 1 << 20 })) {
      decodeur.decode(morceau as Buffer, { stream: true });
    }
    decodeur.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Analyseur incrémental : `pousser` reçoit du texte décodé et rend les enregistrements complets.
 * Le chemin rapide découpe les lignes sans guillemet ; les autres passent par l'automate.
 */
export class AnalyseurCsv {
  separateur: string | undefined;
  private reste = '';
  private ligneCourante = 1;
  private debut = true;

  pousser(texte: string, dernier = false): Enregistrement[] {
    let tampon = this.reste + texte;
    if (this.debut && tampon.length > 0) {
      if (tampon.charCodeAt(0) === 0xfeff) tampon = tampon.slice(1);
      this.debut = false;
    }
    const sortie: Enregistrement[] = [];
    let pos = 0;
    const n = tampon.length;
    while (pos < n) {
      let finLigne = tampon.indexOf('\n', pos);
      if (finLigne === -1) {
        if (!dernier) break;
        finLigne = n;
      }
      let ligne = tampon.slice(pos, finLigne);
      if (ligne.indexOf('"') === -1) {
        if (ligne.endsWith('\r')) ligne = ligne.slice(0, -1);
        this.emettre(sortie, ligne.length === 0 ? null : this.decouper(ligne), this.ligneCourante);
        this.ligneCourante += 1;
        pos = finLigne + 1;
        continue;
      }
      const resultat = this.automate(tampon, pos, dernier);
      if (!resultat) break; // enregistrement coupé par la fin du morceau : on attend la suite
      this.emettre(sortie, resultat.champs, this.ligneCourante);
      this.ligneCourante += resultat.lignes;
      pos = resultat.fin;
    }
    this.reste = tampon.slice(pos);
    return sortie;
  }

  private emettre(sortie: Enregistrement[], champs: string[] | null, ligne: number) {
    if (champs === null) return; // ligne vide
    if (this.separateur === undefined) {
      this.separateur = deviner(champs[0]);
      champs = champs[0].split(this.separateur);
    }
    sortie.push({ ligne, champs });
  }

  private decouper(ligne: string): string[] {
    return this.separateur === undefined ? [ligne] : ligne.split(this.separateur);
  }

  /** Lit un enregistrement avec guillemets à partir de `pos` ; null s'il n'est pas complet. */
  private automate(t: string, pos: number, dernier: boolean): { champs: string[]; fin: number; lignes: number } | null {
    // En-tête entre guillemets : le séparateur se devine sur la ligne brute.
    if (this.separateur === undefined) {
      const finBrute = t.indexOf('\n', pos);
      this.separateur = deviner(t.slice(pos, finBrute === -1 ? t.length : finBrute));
    }
    const sep = this.separateur;
    const champs: string[] = [];
    let lignes = 1;
    let i = pos;
    const n = t.length;
    while (true) {
      let valeur = '';
      if (t[i] === '"') {
        i += 1;
        while (true) {
          const guillemet = t.indexOf('"', i);
          if (guillemet === -1) {
            if (!dernier) return null;
            throw new ErreurCsv(this.ligneCourante, 'guillemet ouvrant sans guillemet fermant');
          }
          const morceau = t.slice(i, guillemet);
          valeur += morceau;
          for (let k = 0; k < morceau.length; k++) if (morceau.charCodeAt(k) === 10) lignes += 1;
          if (guillemet + 1 >= n && !dernier) return null;
          if (t[guillemet + 1] === '"') {
            valeur += '"';
            i = guillemet + 2;
          } else {
            i = guillemet + 1;
            break;
          }
        }
        // Texte collé après le guillemet fermant : gardé tel quel, jusqu'au séparateur.
        while (i < n && t[i] !== sep && t[i] !== '\n' && t[i] !== '\r') valeur += t[i++];
      } else {
        while (i < n && t[i] !== sep && t[i] !== '\n') valeur += t[i++];
        if (valeur.endsWith('\r')) valeur = valeur.slice(0, -1);
      }
      champs.push(valeur);
      if (i >= n) {
        if (!dernier) return null;
        return { champs, fin: n, lignes };
      }
      if (t[i] === sep) {
        i += 1;
        continue;
      }
      if (t[i] === '\r') i += 1;
      if (i < n && t[i] === '\n') return { champs, fin: i + 1, lignes };
      if (i >= n) {
        if (!dernier) return null;
        return { champs, fin: n, lignes };
      }
    }
  }

  finir(): Enregistrement[] {
    return this.pousser('', true);
  }
}

/** Lit un fichier CSV en flux : des paquets d'enregistrements, et les octets lus (pour la progression). */
export async function* lireCsv(
  chemin: string,
  encodage: Encodage,
): AsyncGenerator<{ enregistrements: Enregistrement[]; octets: number; separateur: string | undefined }> {
  const decodeur = new TextDecoder(encodage);
  const analyseur = new AnalyseurCsv();
  for await (const morceau of createReadStream(chemin, { highWaterMark: 1 << 20 })) {
    const texte = decodeur.decode(morceau as Buffer, { stream: true });
    yield { enregistrements: analyseur.pousser(texte), octets: (morceau as Buffer).length, separateur: analyseur.separateur };
  }
  yield { enregistrements: analyseur.pousser(decodeur.decode(), true), octets: 0, separateur: analyseur.separateur };
}

/** Une valeur écrite en CSV `;` : guillemets seulement si nécessaire. */
export function champCsv(valeur: string, separateur = ';'): string {
  if (valeur.includes('"') || valeur.includes(separateur) || valeur.includes('\n') || valeur.includes('\r')) {
    return `"${valeur.replaceAll('"', '""')}"`;
  }
  return valeur;
}
