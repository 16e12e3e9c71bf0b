// Générateur pseudo-aléatoire déterministe (sfc32), amorcé par le hachage d'une clé texte : chaque Mission
// locale a sa propre suite, ce qui rend un extrait partiel identique, ligne à ligne, à l'extrait national.

/** cyrb128 : quatre mots de 32 bits bien mélangés à partir d'un texte. */
function hacher(cle: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < cle.length; i++) {
    const k = cle.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Alea {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...cle: (string | number)[]) {
    [this.a, this.b, this.c, this.d] = hacher(cle.join('|'));
    for (let i = 0; i < 12; i++) this.suivant();
  }

  /** Réel uniforme dans [0, 1). */
  suivant(): number {
    let { a, b, c, d } = this;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    return (t >>> 0) / 4294967296;
  }

  uniforme(min: number, max: number): number {
    return min + (max - min) * this.suivant();
  }

  /** Entier uniforme, bornes incluses. */
  entier(min: number, max: number): number {
    return min + Math.floor(this.suivant() * (max - min + 1));
  }

  oui(p: number): boolean {
    return this.suivant() < p;
  }

  choix<T>(valeurs: readonly T[]): T {
    return valeurs[Math.floor(this.suivant() * valeurs.length)];
  }

  /** Loi de Poisson (méthode de Knuth : les moyennes utilisées restent petites). */
  poisson(moyenne: number): number {
    const seuil = Math.exp(-moyenne);
    let k = 0;
    let p = this.suivant();
    while (p > seuil) {
      k++;
      p *= this.suivant();
    }
    return k;
  }
}

/** Tirage d'un indice selon des poids (cumul + recherche linéaire : les listes sont courtes). */
export class Tirage<T> {
  private readonly cumuls: number[];
  constructor(
    private readonly valeurs: readonly T[],
    poids: readonly number[],
  ) {
    if (valeurs.length !== poids.length || valeurs.length === 0) throw new Error('tirage : valeurs et poids incohérents');
    let total = 0;
    this.cumuls = poids.map((p) => (total += Math.max(0, p)));
    this.cumuls = this.cumuls.map((c) => c / total);
  }

  tirer(alea: Alea): T {
    const u = alea.suivant();
    const c = this.cumuls;
    for (let i = 0; i < c.length - 1; i++) if (u < c[i]) return this.valeurs[i];
    return this.valeurs[c.length - 1];
  }
}
