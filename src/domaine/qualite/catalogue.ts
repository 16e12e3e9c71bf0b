// Les règles de qualité des données sont une donnée (catalogues/qualite-donnees.json), qu'un
// administrateur remplace : seuils, gravités, champs contrôlés. Le code ne connaît que les sortes de
// règles ; le catalogue est contrôlé au chargement, chaque erreur dite avec l'endroit où elle est.
import * as z from 'zod';
import { FICHIERS } from '../echange/format.ts';
import { ErreurMetier } from '../erreurs.ts';
import { TYPES_EVENEMENT } from '../referentiel/codes.ts';

const identifiant = z.string().regex(/^[a-z0-9_]+$/, 'identifiant en minuscules, chiffres et _ attendu');
const libelle = z.string().trim().min(1, 'libellé manquant');
const delai = z.number().int('nombre entier de jours attendu').min(1, 'un délai d’au moins 1 jour est attendu').max(3650, 'délai de plus de 10 ans');

/** Ce que toute règle porte : son nom, ce qu'elle explique à la ML, la part tolérée, sa gravité. */
const commun = {
  id: identifiant,
  libelle,
  explication: z.string().trim().min(1, 'explication manquante'),
  /** Part des cas en défaut tolérée (0 à 1) : au-delà, la règle n'est pas respectée. */
  seuil: z.number().min(0, 'seuil entre 0 et 1 attendu').max(1, 'seuil entre 0 et 1 attendu'),
  gravite: identifiant,
};

const schemaRegle = z.discriminatedUnion(
  'type',
  [
    /** Un champ facultatif du jeune, vide, parmi les jeunes en contact de l'année. */
    z.object({ ...commun, type: z.literal('completude'), champ: z.string() }),
    /** Jeunes accompagnés de l'année sans aucun des événements qui font le diagnostic, jusqu'à la fin de l'année. */
    z.object({ ...commun, type: z.literal('sans_diagnostic'), evenements_diagnostic: z.array(z.enum(TYPES_EVENEMENT)).min(1, 'au moins un type d’événement attendu') }),
    /** Lignes datées de l'année reçues plus de `delai_jours` après leur date. */
    z.object({ ...commun, type: z.literal('reception_tardive'), delai_jours: delai }),
    /** Situations dont la fin prévue tombe dans l'année, toujours ouvertes `delai_jours` après. */
    z.object({ ...commun, type: z.literal('situation_ouverte'), delai_jours: delai }),
    /** Jeunes en contact dont un autre dossier de la ML a même naissance, sexe, commune et premier accueil. */
    z.object({ ...commun, type: z.literal('doublon_jeune') }),
    /** Champs des données déclarées de l'année (contexte, moyens) non renseignés. */
    z.object({ ...commun, type: z.literal('declaree'), fichier: z.enum(['contexte.csv', 'moyens.csv']), champs: z.array(z.string()).min(1, 'au moins un champ attendu') }),
  ],
  { error: (e) => (e.code === 'invalid_union' ? 'type de règle inconnu (completude, sans_diagnostic, reception_tardive, situation_ouverte, doublon_jeune, declaree)' : undefined) },
);

const schemaCatalogue = z.object({
  version: z.string().trim().min(1, 'version manquante'),
  libelle,
  gravites: z.record(
    identifiant,
    z.object({
      libelle,
      poids: z.number().positive('poids positif attendu'),
      /** Une règle de cette gravité non respectée borne le niveau de confiance, quel que soit le score. */
      niveau_max: z.enum(['moyen', 'faible']).optional(),
    }),
  ),
  /** Scores minimaux (0 à 100) des niveaux de confiance élevé et moyen ; en dessous : faible. */
  niveaux: z.object({ eleve: z.number().min(0).max(100), moyen: z.number().min(0).max(100) }),
  regles: z.array(schemaRegle).min(1, 'au moins une règle attendue'),
});

export type CatalogueQualite = z.infer<typeof schemaCatalogue>;
export type RegleQualite = CatalogueQualite['regles'][number];

export class ErreurCatalogueQualite extends ErreurMetier {}

/** Les colonnes facultatives d'un fichier du format d'échange, hors clé et hors identité. */
function facultatives(nomFichier: string): Set<string> {
  const fichier = FICHIERS.find((f) => f.nom === nomFichier)!;
  return new Set(fichier.colonnes.filter((c) => !c.requise && !c.identite && !fichier.cle.includes(c.nom)).map((c) => c.nom));
}

/** Valide un catalogue lu depuis un fichier ; `source` nomme le fichier dans les messages. */
export function validerCatalogueQualite(brut: unknown, source = 'catalogue de qualité'): CatalogueQualite {
  const lecture = schemaCatalogue.safeParse(brut);
  if (!lecture.success) {
    const e = lecture.error.issues[0];
    throw new ErreurCatalogueQualite(`${source} : ${e.path.join('.') || 'racine'} : ${e.message}`);
  }
  const c = lecture.data;
  const erreurs: string[] = [];
  const vues = new Set<string>();
  const duJeune = facultatives('jeunes.csv');
  c.regles.forEach((r, i) => {
    const ou = `regles.${i} (${r.id})`;
    if (vues.has(r.id)) erreurs.push(`${ou} : identifiant en double`);
    vues.add(r.id);
    if (!c.gravites[r.gravite]) erreurs.push(`${ou} : gravité inconnue « ${r.gravite} » (connues : ${Object.keys(c.gravites).join(', ')})`);
    if (r.type === 'completude' && !duJeune.has(r.champ)) erreurs.push(`${ou} : « ${r.champ} » n'est pas un champ facultatif de jeunes.csv (${[...duJeune].join(', ')})`);
    if (r.type === 'declaree') {
      const permis = facultatives(r.fichier);
      for (const champ of r.champs) if (!permis.has(champ)) erreurs.push(`${ou} : « ${champ} » n'est pas un champ de ${r.fichier}`);
    }
  });
  if (c.niveaux.moyen > c.niveaux.eleve) erreurs.push('niveaux : le seuil du niveau moyen dépasse celui du niveau élevé');
  if (erreurs.length) throw new ErreurCatalogueQualite(`${source} : ${erreurs.join(' ; ')}`);
  return c;
}
