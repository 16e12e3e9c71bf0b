// Lecture d'une valeur d'extrait : contrôle de type et forme canonique (celle qu'on range en base).
import { DATE_MINIMUM_EXTRAIT } from '../referentiel/codes.ts';
import { estDateValide } from '../temps/dates.ts';
import type { Colonne } from './format.ts';

/** Valeur canonique (texte prêt pour COPY, null si absente) ou message d'erreur en français. */
export type Lecture = { valeur: string | null; erreur?: undefined } | { erreur: string; valeur?: undefined };

const CODE_GEO = /^[0-9][0-9AB][0-9]{0,3}$/;
const CODE_COMMUNE = /^[0-9][0-9AB][0-9]{3}$/;
const ENTIER = /^-?\d+$/;
const DECIMAL = /^-?\d+(?:[.,]\d+)?$/;
/** C0 sauf la tabulation, DEL et C1 : les séquences d'échappement d'un terminal (ESC, CSI) en sont. */
const CARACTERES_CONTROLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const CARACTERES_CONTROLE_PARTOUT = new RegExp(CARACTERES_CONTROLE.source, 'g');
const BOOLEENS: Record<string, string> = { '1': 't', '0': 'f', oui: 't', non: 'f' };

/** Les caractères de contrôle écrits `\x1b`, pour qu'un rapport n'en imprime jamais un brut. */
export function echapperControles(texte: string): string {
  return texte.replace(CARACTERES_CONTROLE_PARTOUT, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Longueur d'une valeur recopiée dans un rapport ou un message. */
const LONGUEUR_CITEE = 100;

export function abreger(texte: string): string {
  return texte.length > LONGUEUR_CITEE ? `${texte.slice(0, LONGUEUR_CITEE)}…` : texte;
}

const ok = (valeur: string | null): Lecture => ({ valeur });
const ko = (erreur: string): Lecture => ({ erreur });

function controle(texte: string): Lecture | undefined {
  const c = CARACTERES_CONTROLE.exec(texte)?.[0];
  if (c !== undefined) return ko(`caractère de contrôle interdit (${echapperControles(c)}) : séquence d'échappement de terminal, ou fichier abîmé`);
}

export function lireValeur(colonne: Colonne, brut: string | undefined, aujourdhui: string): Lecture {
  const texte = (brut ?? '').trim();
  if (texte === '') return colonne.requise ? ko('valeur obligatoire manquante') : ok(null);
  // PostgreSQL refuse l'octet nul dans un texte : on le dit ici, avec la ligne et la colonne.
  if (texte.includes('\u0000')) return ko('caractère nul (octet 0x00) interdit : le fichier est peut-être binaire ou abîmé');
  const type = colonne.type;
  switch (type.nature) {
    case 'identifiant':
      if (texte.length > 64) return ko('identifiant trop long (64 caractères au plus)');
      return controle(texte) ?? ok(texte);
    case 'texte':
      if (texte.length > type.longueurMax) return ko(`texte trop long (${type.longueurMax} caractères au plus)`);
      return controle(texte) ?? ok(texte);
    case 'code': {
      const code = texte.toUpperCase();
      if (!type.valeurs.includes(code)) return ko(`valeur inconnue ; valeurs admises : ${type.valeurs.join(', ')}`);
      return ok(code);
    }
    case 'codeGeo': {
      const code = texte.toUpperCase();
      return CODE_GEO.test(code) ? ok(code) : ko('code INSEE invalide');
    }
    case 'communes': {
      const codes = texte.split('|').map((c) => c.trim().toUpperCase());
      const fautif = codes.find((c) => !CODE_COMMUNE.test(c));
      if (fautif !== undefined) return ko(`code commune INSEE invalide : « ${abreger(fautif)} » (5 caractères, séparés par |)`);
      return ok(`{${codes.join(',')}}`);
    }
    case 'siret': {
      const siret = texte.replace(/\s/g, '');
      return /^\d{14}$/.test(siret) ? ok(siret) : ko('SIRET invalide : 14 chiffres attendus');
    }
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(texte)) return ko('date invalide : format AAAA-MM-JJ attendu (par exemple 2017-03-14)');
      if (!estDateValide(texte)) return ko("date impossible : ce jour n'existe pas dans le calendrier");
      if (type.bornee && (texte < DATE_MINIMUM_EXTRAIT || texte > aujourdhui)) {
        return ko(`date hors de la période admise (du ${DATE_MINIMUM_EXTRAIT} à aujourd'hui, ${aujourdhui})`);
      }
      return ok(texte);
    case 'booleen': {
      const valeur = BOOLEENS[texte.toLowerCase()];
      return valeur ? ok(valeur) : ko('booléen invalide : 0 ou 1 attendu (oui/non admis)');
    }
    case 'entier': {
      if (!ENTIER.test(texte)) return ko('nombre entier attendu');
      const n = Number(texte);
      if (n < type.min || n > type.max) return ko(`valeur hors bornes (de ${type.min} à ${type.max})`);
      return ok(String(n));
    }
    case 'decimal': {
      if (!DECIMAL.test(texte)) return ko('nombre attendu (décimales avec . ou ,, sans séparateur de milliers)');
      const canonique = texte.replace(',', '.');
      if (Math.abs(Number(canonique)) >= 1e10) return ko('nombre trop grand');
      if (type.min !== undefined && Number(canonique) < type.min) return ko(`valeur négative interdite (minimum ${type.min})`);
      return ok(canonique);
    }
  }
}

/** Natures aux valeurs peu nombreuses et répétées (dates, codes) : leur lecture se mémorise. */
const MEMORISABLES = new Set(['date', 'code', 'codeGeo', 'booleen']);
const TAILLE_MAX_MEMOIRE = 50_000;

/**
 * Un lecteur pour une colonne : même résultat que `lireValeur`, mais une date ou un code déjà vus ne
 * sont pas relus (un extrait national répète quelques milliers de dates sur des dizaines de millions de lignes).
 */
export function lecteurDeColonne(colonne: Colonne, aujourdhui: string): (brut: string | undefined) => Lecture {
  if (!MEMORISABLES.has(colonne.type.nature)) return (brut) => lireValeur(colonne, brut, aujourdhui);
  const memoire = new Map<string, Lecture>();
  return (brut) => {
    const cle = brut ?? '';
    let lecture = memoire.get(cle);
    if (lecture === undefined) {
      lecture = lireValeur(colonne, brut, aujourdhui);
      if (memoire.size < TAILLE_MAX_MEMOIRE) memoire.set(cle, lecture);
    }
    return lecture;
  };
}
