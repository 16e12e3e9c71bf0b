// Le journal d'audit vu hors de la ML : les mêmes lignes, sans rien qui désigne un jeune. Les
// identifiants lus deviennent leur nombre ; ce qu'on a cherché et l'identifiant d'un jeune dans une
// adresse sont masqués. Les utilisateurs de la ML gardent les lignes entières.

export const MASQUE = '[masqué]';

/** Les champs des détails qui désignent des jeunes, et ce qu'on montre à leur place. */
const CHAMPS_NOMINATIFS: Record<string, (valeur: unknown) => unknown> = {
  /** Les identifiants des jeunes d'une page de la liste : leur nombre. */
  lus: (v) => (Array.isArray(v) ? v.length : MASQUE),
  /** Le nom, le prénom ou l'identifiant tapé dans la recherche. */
  recherche: (v) => (v === '' || v === null || v === undefined ? v : MASQUE),
  /** Les champs changés par une saisie du parcours (dates, naissance…) : leur nombre. */
  changements: (v) => (Array.isArray(v) ? v.length : MASQUE),
  /** Le motif d'une saisie refusée cite les valeurs du dossier (âge, date de naissance, dates). */
  refus: () => MASQUE,
};

/** Dans une adresse ou un message : l'identifiant qui suit `jeunes/` (pas le modèle `:id`) et la valeur du paramètre `recherche`. */
export function masquerAdresse(texte: string): string {
  return texte.replace(/(^|\/)jeunes\/(?!:)[^/?#\s]+/g, `$1jeunes/${MASQUE}`).replace(/([?&]recherche=)[^&#\s]*/g, `$1${MASQUE}`);
}

function masquerDetails(valeur: unknown): unknown {
  if (typeof valeur === 'string') return masquerAdresse(valeur);
  if (Array.isArray(valeur)) return valeur.map(masquerDetails);
  if (valeur === null || typeof valeur !== 'object') return valeur;
  return Object.fromEntries(
    Object.entries(valeur).map(([champ, v]) => [champ, Object.hasOwn(CHAMPS_NOMINATIFS, champ) ? CHAMPS_NOMINATIFS[champ](v) : masquerDetails(v)]),
  );
}

/** Une ligne du journal sans donnée nominative : pour qui n'est pas de la ML. */
export function sansNominatif<L extends { objet: string | null; details: unknown }>(ligne: L): L {
  return { ...ligne, objet: ligne.objet === null ? null : masquerAdresse(ligne.objet), details: masquerDetails(ligne.details) };
}
