// Lecture de CSV en flux : UTF-8 (avec ou sans BOM) ou Windows-1252, séparateur `;` ou `,`, champs
// entre guillemets (« "" » vaut un guillemet), fins de ligne LF ou CRLF. Chaque enregistrement porte
// le numéro de la ligne où il commence, pour que les rapports d'erreur le citent. La longueur d'une
// ligne et d'un champ est bornée : la lecture s'arrête au premier dépassement, la mémoire aussi.
import { createReadStream } from 'node:fs';
import { ErreurCsv, LONGUEURS_MAX_PAR_DEFAUT, type Encodage, type Enregistrement, type LongueursMax } from '../../application/ports/fichiers.ts';

const FINS_CR_SEULES = 'fins de ligne CR seules (format des anciens Mac) : enregistrez le fichier avec des fins de ligne LF ou CRLF';

/** Le séparateur se lit sur la ligne d'en-tête : `;`, ou `,` si elle n'a pas de `;` mais des virgules. */
function deviner(entete: string): string {
  return !entete.includes(';') && entete.includes(',') ? ',' : ';';
}

/**
 * Un fichier est en UTF-8 s'il se décode sans erreur ; sinon, il est en Windows-1252, à moins qu'il
 * ne contienne aussi des séquences UTF-8 multi-octets valides : c'est alors un mélange (une ligne
 * collée d'un autre fichier), refusé en nommant la première ligne qui n'est pas en UTF-8. Le relire en
 * entier en Windows-1252 corromprait chaque lettre accentuée des lignes en UTF-8.
 *
 * Heuristique : un texte en Windows-1252 ne forme une séquence UTF-8 valide que si une capitale
 * accentuée (Â, Ã, É…) est suivie d'un signe de 0x80 à 0xBF (€, ™, «, °…), ce qu'on ne trouve pas
 * dans un extrait. Un tel fichier serait refusé, avec le conseil de l'enregistrer en UTF-8.
 */
export async function detecterEncodage(chemin: string): Promise<Encodage> {
  if (await estUtf8(chemin)) return 'utf-8';
  const examen = new ExamenUtf8();
  for await (const morceau of createReadStream(chemin, { highWaterMark: 1 << 20 })) {
    if (examen.lire(morceau as Buffer)) break;
  }
  examen.finir();
  if (examen.ligneUtf8 === undefined) return 'windows-1252';
  throw new ErreurCsv(
    examen.ligneInvalide!,
    `encodage mêlé : la ligne ${examen.ligneInvalide} n'est pas en UTF-8, alors que la ligne ${examen.ligneUtf8} l'est : enregistrez le fichier entier en UTF-8`,
  );
}

/** Le décodeur natif d'abord : c'est le cas courant, et le plus rapide. */
async function estUtf8(chemin: string): Promise<boolean> {
  const decodeur = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const morceau of createReadStream(chemin, { highWaterMark: 1 << 20 })) {
      decodeur.decode(morceau as Buffer, { stream: true });
    }
    decodeur.decode();
    return true;
  } catch {
    return false;
  }
}

/** Parcourt les octets d'un fichier qui n'est pas de l'UTF-8 valide : où sont ses séquences UTF-8 valides, où est le premier octet fautif. */
class ExamenUtf8 {
  ligneUtf8: number | undefined;
  ligneInvalide: number | undefined;
  private ligne = 1;
  /** Octets de continuation attendus par la séquence en cours, commencée à la ligne `ligneSequence`. */
  private attendus = 0;
  private ligneSequence = 1;

  /** Vrai quand la réponse est connue (un octet fautif et une séquence valide) : inutile de lire plus loin. */
  lire(octets: Buffer): boolean {
    for (const b of octets) {
      if (this.attendus > 0) {
        if ((b & 0xc0) === 0x80) {
          if (--this.attendus === 0) this.ligneUtf8 ??= this.ligneSequence;
          continue;
        }
        // Séquence interrompue : son premier octet était fautif, celui-ci se relit seul.
        this.ligneInvalide ??= this.ligneSequence;
        this.attendus = 0;
      }
      if (b < 0x80) {
        if (b === 0x0a) this.ligne += 1;
        continue;
      }
      this.attendus = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
      if (this.attendus === 0) this.ligneInvalide ??= this.ligne;
      this.ligneSequence = this.ligne;
    }
    return this.ligneInvalide !== undefined && this.ligneUtf8 !== undefined;
  }

  finir() {
    if (this.attendus > 0) this.ligneInvalide ??= this.ligneSequence;
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
  private entete: string[] | undefined;

  constructor(private readonly longueurs: LongueursMax = LONGUEURS_MAX_PAR_DEFAUT) {}

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
      if (finLigne - pos > this.longueurs.ligne) throw this.ligneTropLongue();
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
      if (resultat.fin - pos > this.longueurs.ligne) throw this.ligneTropLongue();
      this.emettre(sortie, resultat.champs, this.ligneCourante);
      this.ligneCourante += resultat.lignes;
      pos = resultat.fin;
    }
    // Une ligne sans fin n'est pas gardée au-delà de la limite : on s'arrête là.
    this.reste = tampon.slice(pos);
    if (this.reste.length > this.longueurs.ligne) throw this.ligneTropLongue();
    return sortie;
  }

  private ligneTropLongue(): ErreurCsv {
    return new ErreurCsv(
      this.ligneCourante,
      `ligne de plus de ${this.longueurs.ligne} caractères (limite CPO_IMPORT_LONGUEUR_LIGNE_MAX) : fin de ligne manquante, ou fichier qui n'est pas un CSV`,
    );
  }

  private emettre(sortie: Enregistrement[], champs: string[] | null, ligne: number) {
    if (champs === null) return; // ligne vide
    if (this.separateur === undefined) {
      this.separateur = deviner(champs[0]);
      champs = champs[0].split(this.separateur);
    }
    for (let k = 0; k < champs.length; k++) {
      if (champs[k].length > this.longueurs.champ) {
        const colonne = this.entete?.[k]?.trim() || `champ n° ${k + 1}`;
        throw new ErreurCsv(ligne, `champ de plus de ${this.longueurs.champ} caractères (limite CPO_IMPORT_LONGUEUR_CHAMP_MAX)`, colonne);
      }
    }
    if (this.entete === undefined) {
      // Un fichier aux fins de ligne CR seules se lirait comme une seule ligne d'en-tête, sans données.
      if (champs.some((c) => c.includes('\r'))) throw new ErreurCsv(ligne, FINS_CR_SEULES);
      this.entete = champs;
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
            throw new ErreurCsv(this.ligneCourante, 'CSV mal formé : guillemet ouvrant sans guillemet fermant');
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
      // Un retour chariot que ne suit pas un saut de ligne : fin de ligne d'un ancien Mac.
      if (i < n) throw new ErreurCsv(this.ligneCourante, FINS_CR_SEULES);
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
  longueurs?: LongueursMax,
): AsyncGenerator<{ enregistrements: Enregistrement[]; octets: number; separateur: string | undefined }> {
  const decodeur = new TextDecoder(encodage);
  const analyseur = new AnalyseurCsv(longueurs);
  for await (const morceau of createReadStream(chemin, { highWaterMark: 1 << 20 })) {
    const texte = decodeur.decode(morceau as Buffer, { stream: true });
    yield { enregistrements: analyseur.pousser(texte), octets: (morceau as Buffer).length, separateur: analyseur.separateur };
  }
  yield { enregistrements: analyseur.pousser(decodeur.decode(), true), octets: 0, separateur: analyseur.separateur };
}
