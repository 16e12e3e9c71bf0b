// Cas d'usage : importer un extrait au format d'échange.
//
// 1. Chaque fichier est lu en flux, chaque valeur contrôlée en JavaScript, et chargé par COPY dans
//    une table de transit (temporaire, propre à la transaction), avec son numéro de ligne.
// 2. Les contrôles qui portent sur plusieurs lignes ou sur la base (jeune inconnu, âge à l'entrée
//    d'un dispositif, contrats qui se chevauchent, clé en double) sont des requêtes ensemblistes.
// 3. Mode strict : la moindre erreur annule la transaction. Mode tolérant : les lignes fautives
//    (et celles qui en dépendent) sont écartées et recopiées dans un fichier de rejets.
// 4. Fusion dans les tables par INSERT … ON CONFLICT : même clé = mise à jour, ligne identique = rien.
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FICHIERS, LIGNES_FINANCEMENT, renvoieAuJeune, type Colonne, type FichierEchange } from '../../domaine/echange/format.ts';
import { controlerLigne } from '../../domaine/echange/reglesLigne.ts';
import { abreger, lecteurDeColonne } from '../../domaine/echange/valeurs.ts';
import { AGE_MAXIMUM_DISPOSITIF, AGE_MINIMUM_DISPOSITIF } from '../../domaine/referentiel/codes.ts';
import type { Base, Requeteur } from '../../infrastructure/db/base.ts';
import { recalculerActivite } from '../indicateurs/activiteAnnuelle.ts';
import { champCsv, detecterEncodage, ErreurCsv, lireCsv, LONGUEURS_MAX_PAR_DEFAUT, type Encodage, type LongueursMax } from '../../infrastructure/fichiers/csv.ts';
import { ErreurExtrait, ouvrirExtrait, type ExtraitOuvert } from '../../infrastructure/fichiers/extrait.ts';
import { auditer } from '../audit.ts';
import type { Horloge } from '../ports/horloge.ts';
import type { BilanFichier, ErreurImport, RapportImport } from './rapport.ts';

export interface Progression {
  etape(libelle: string, total: number): void;
  avancer(quantite: number): void;
  terminer(): void;
}

export interface OptionsImport {
  tolerant?: boolean;
  /** Dossier où écrire les lignes rejetées en mode tolérant (défaut : à côté de la source). */
  dossierRejets?: string;
  acteur?: string;
  progression?: Progression;
  /** Le jour de l'import borne les dates de l'extrait ; les durées du rapport se mesurent aussi sur elle. */
  horloge: Horloge;
  /** Limites contre les fichiers hostiles ou aberrants ; par défaut, les variables CPO_IMPORT_… (voir limitesParDefaut). */
  limites?: Partial<Limites>;
}

export interface Limites {
  /** Lignes par fichier. */
  lignes: number;
  /** Octets par fichier, décompressé s'il vient d'une archive. */
  octets: number;
  /** Caractères par ligne (un enregistrement entre guillemets sur plusieurs lignes compte pour une). */
  longueurLigne: number;
  /** Caractères par champ. */
  longueurChamp: number;
}

/** Assez pour l'extrait national (28 millions d'événements, 1,5 Go), pas pour un fichier sans fin. */
export function limitesParDefaut(): Limites {
  return {
    lignes: Number(process.env.CPO_IMPORT_LIGNES_MAX) || 100_000_000,
    octets: (Number(process.env.CPO_IMPORT_TAILLE_MAX_MO) || 10_240) * 1024 * 1024,
    longueurLigne: Number(process.env.CPO_IMPORT_LONGUEUR_LIGNE_MAX) || LONGUEURS_MAX_PAR_DEFAUT.ligne,
    longueurChamp: Number(process.env.CPO_IMPORT_LONGUEUR_CHAMP_MAX) || LONGUEURS_MAX_PAR_DEFAUT.champ,
  };
}

/** Au-delà, les erreurs d'un fichier sont comptées sans être détaillées (un fichier faux en entier). */
const ERREURS_DETAILLEES_PAR_FICHIER = 1000;

const TYPES_SQL: Record<Colonne['type']['nature'], string> = {
  identifiant: 'text',
  texte: 'text',
  code: 'text',
  codeGeo: 'text',
  siret: 'text',
  communes: 'text[]',
  date: 'date',
  booleen: 'boolean',
  entier: 'integer',
  decimal: 'numeric',
};

const transit = (f: FichierEchange) => `transit_${f.table}`;

class RefusImport extends Error {}

interface FichierLu {
  fichier: FichierEchange;
  chemin: string;
  encodage: Encodage;
  bilan: BilanFichier;
  /** Colonnes du format présentes dans l'en-tête. */
  presentes: Set<string>;
  /** Les codes de structure lus dans le fichier. */
  structures: Set<string>;
  lisible: boolean;
}

export async function importerExtrait(base: Base, source: string, options: OptionsImport): Promise<RapportImport> {
  const { horloge } = options;
  const debut = horloge.ms();
  const tolerant = options.tolerant ?? false;
  const aujourdhui = horloge.dateDuJour();
  const limites = { ...limitesParDefaut(), ...options.limites };
  const longueurs: LongueursMax = { ligne: limites.longueurLigne, champ: limites.longueurChamp };
  let extrait: ExtraitOuvert | undefined;
  const rapport: RapportImport = {
    source,
    mode: tolerant ? 'tolerant' : 'strict',
    statut: 'importe',
    fichiers: [],
    erreurs: [],
    erreursNonDetaillees: 0,
    avertissements: [],
    fichiersIgnores: [],
    dureeMs: 0,
  };
  const rejets = new Map<string, Map<number, string>>(); // fichier -> ligne -> motif
  const detaillees = new Map<string, number>(); // fichier -> erreurs détaillées
  const signaler = (e: ErreurImport) => {
    const parFichier = rejets.get(e.fichier) ?? new Map<number, string>();
    rejets.set(e.fichier, parFichier);
    if (!parFichier.has(e.ligne)) parFichier.set(e.ligne, `${e.colonne ? e.colonne + ' : ' : ''}${e.message}`);
    const deja = detaillees.get(e.fichier) ?? 0;
    if (deja < ERREURS_DETAILLEES_PAR_FICHIER) {
      rapport.erreurs.push({ ...e, valeur: abreger(e.valeur) });
      detaillees.set(e.fichier, deja + 1);
    } else rapport.erreursNonDetaillees += 1;
  };

  try {
    // Les limites de taille s'appliquent à l'ouverture, avant toute lecture ou décompression au-delà.
    extrait = await ouvrirExtrait(source, limites.octets);
    const ouvert = extrait;
    rapport.fichiersIgnores = ouvert.ignores;
    const presents = FICHIERS.filter((f) => ouvert.fichiers.has(f.nom));
    if (presents.length === 0) {
      throw new RefusImport(`aucun fichier du format d'échange dans ${source} (attendus : ${FICHIERS.map((f) => f.nom).join(', ')})`);
    }
    await base.transaction(async (tx) => {
      await suspendreClesEtrangeres(tx);
      const lus: FichierLu[] = [];
      for (const fichier of presents) {
        lus.push(await chargerEnTransit(tx, fichier, ouvert.fichiers.get(fichier.nom)!, aujourdhui, horloge, limites.lignes, longueurs, signaler, options.progression));
      }
      rapport.fichiers = lus.map((l) => l.bilan);

      options.progression?.etape('Contrôles de cohérence', lus.length);
      const executer = async (lu: FichierLu, requete: string) => {
        for (const l of await tx.query<LigneFautive>(requete)) {
          signaler({ fichier: lu.fichier.nom, ligne: l.ligne, colonne: l.colonne, valeur: l.valeur ?? '', message: l.message });
        }
        // En mode tolérant, une ligne écartée ne compte plus pour les contrôles suivants.
        if (tolerant) await ecarter(tx, lu.fichier, rejets);
      };
      for (const lu of lus) {
        for (const requete of await requetesDeControle(tx, lu.fichier, tolerant)) await executer(lu, requete);
        options.progression?.avancer(1);
      }
      options.progression?.terminer();
      if (ouvert.fichiers.has('moyens.csv')) rapport.avertissements.push(...(await controlerFinancements(tx)));

      const compterRejets = () => {
        for (const lu of lus) lu.bilan.rejetes = lu.lisible ? (rejets.get(lu.fichier.nom)?.size ?? 0) : lu.bilan.lignes;
      };
      if (rapport.erreurs.length > 0 && !tolerant) {
        // Refusé de toute façon : le rapport dit aussi les clés en double.
        for (const lu of lus) await executer(lu, requeteDoublons(lu.fichier));
        compterRejets();
        throw new RefusImport('erreurs');
      }

      options.progression?.etape('Écriture en base', lus.length);
      for (const lu of lus) {
        const debutFusion = horloge.ms();
        if (lu.lisible) {
          const doublons = async () => {
            await executer(lu, requeteDoublons(lu.fichier));
            if (!tolerant && rapport.erreurs.length > 0) {
              compterRejets();
              throw new RefusImport('erreurs');
            }
          };
          if (await dejaEnBase(tx, lu)) {
            // ON CONFLICT laisserait passer un doublon (la dernière ligne gagnerait) : on le cherche avant.
            await doublons();
            await fusionner(tx, lu, false);
          } else {
            // Premier chargement : un INSERT simple, que la clé primaire arrête sur un doublon ; on revient
            // alors au point de sauvegarde pour dire quelles lignes, et, en mode tolérant, fusionner le reste.
            await tx.query('SAVEPOINT fusion');
            try {
              await fusionner(tx, lu, true);
            } catch (e) {
              if ((e as { code?: string }).code !== '23505') throw e;
              await tx.query('ROLLBACK TO SAVEPOINT fusion');
              await doublons();
              await fusionner(tx, lu, true);
            }
            await tx.query('RELEASE SAVEPOINT fusion');
          }
        }
        lu.bilan.dureeFusionMs = horloge.ms() - debutFusion;
        options.progression?.avancer(1);
      }
      options.progression?.terminer();
      compterRejets();
      // L'activité annuelle des jeunes suit leurs événements et leurs situations, dans la même transaction.
      const touchees = lus.filter((l) => ['evenement', 'situation'].includes(l.fichier.table) && l.bilan.crees + l.bilan.misAJour > 0);
      await recalculerActivite(tx, [...new Set(touchees.flatMap((l) => [...l.structures]))]);

      if (tolerant && lus.some((l) => l.bilan.rejetes > 0)) {
        rapport.statut = 'importe_avec_rejets';
        rapport.dossierRejets = options.dossierRejets ?? join(dirname(source), `${basename(source).replace(/\.zip$/i, '')}.rejets`);
        await ecrireRejets(lus, rejets, rapport.dossierRejets, longueurs);
      }
      // Les chiffres en cache sont calculés sur une version des données : celle-ci les périme.
      if (lus.some((l) => l.bilan.crees + l.bilan.misAJour > 0)) await tx.query('UPDATE etat_donnees SET version = version + 1, mise_a_jour = now()');
      rapport.dureeMs = horloge.ms() - debut;
      await tracer(tx, options.acteur, rapport, 'import_extrait');
    });
  } catch (e) {
    // Toute tentative, refusée ou en échec, laisse une trace, hors de la transaction annulée.
    rapport.statut = 'refuse';
    for (const f of rapport.fichiers) Object.assign(f, { crees: 0, misAJour: 0, inchanges: 0 });
    rapport.dureeMs = horloge.ms() - debut;
    if (!(e instanceof RefusImport || e instanceof ErreurExtrait)) {
      // Une panne (base, disque, défaut du programme) : tracée si la base le permet encore, puis elle remonte.
      await tracer(base, options.acteur, rapport, 'import_echoue', abreger(e instanceof Error ? e.message : String(e))).catch(() => {});
      throw e;
    }
    const motif = e.message === 'erreurs' ? undefined : e.message;
    if (motif !== undefined) rapport.erreurs.push({ fichier: basename(source), ligne: 0, colonne: '', valeur: '', message: motif });
    await tracer(base, options.acteur, rapport, 'import_refuse', motif);
  } finally {
    extrait?.nettoyer();
  }
  const rang = (nom: string) => FICHIERS.findIndex((f) => f.nom === nom);
  rapport.erreurs.sort((a, b) => rang(a.fichier) - rang(b.fichier) || a.ligne - b.ligne);
  return rapport;
}

/** `motif` : la raison d'un refus qui ne tient pas à une ligne (archive, limite), ou de l'échec. */
async function tracer(db: Requeteur, acteur: string | undefined, r: RapportImport, action: 'import_extrait' | 'import_refuse' | 'import_echoue', motif?: string) {
  await auditer(db, {
    acteur: acteur ?? 'cli',
    action,
    objet: basename(r.source),
    origine: 'cli',
    details: {
      mode: r.mode,
      statut: r.statut,
      fichiers: r.fichiers.map(({ fichier, lignes, crees, misAJour, inchanges, rejetes }) => ({ fichier, lignes, crees, misAJour, inchanges, rejetes })),
      erreurs: r.erreurs.length + r.erreursNonDetaillees,
      ...(motif === undefined ? {} : { motif }),
    },
  });
}

/**
 * Chaque référence de l'extrait est contrôlée en SQL avant la fusion (structure, jeune, département…) :
 * les déclencheurs des clés étrangères, qui revérifieraient ligne à ligne, sont suspendus pour la
 * transaction quand le rôle le permet. Ils divisent par deux le débit dans PGlite.
 */
async function suspendreClesEtrangeres(tx: Requeteur) {
  const [{ superutilisateur }] = await tx.query<{ superutilisateur: string }>(`SELECT current_setting('is_superuser') AS superutilisateur`);
  if (superutilisateur === 'on') await tx.query('SET LOCAL session_replication_role = replica');
}

// ---------- 1. Lecture et chargement en transit ----------

async function chargerEnTransit(
  tx: Requeteur,
  fichier: FichierEchange,
  chemin: string,
  aujourdhui: string,
  horloge: Horloge,
  lignesMax: number,
  longueurs: LongueursMax,
  signaler: (e: ErreurImport) => void,
  progression?: Progression,
): Promise<FichierLu> {
  const bilan: BilanFichier = {
    fichier: fichier.nom,
    encodage: 'utf-8',
    separateur: ';',
    lignes: 0,
    crees: 0,
    misAJour: 0,
    inchanges: 0,
    rejetes: 0,
    colonnesIgnorees: [],
    dureeLectureMs: 0,
    dureeFusionMs: 0,
  };
  const debut = horloge.ms();
  const lu: FichierLu = { fichier, chemin, encodage: 'utf-8', bilan, presentes: new Set(), structures: new Set(), lisible: true };
  await tx.query(
    `CREATE TEMP TABLE ${transit(fichier)} (ligne integer NOT NULL, valide boolean NOT NULL, ${fichier.colonnes
      .map((c) => `${c.nom} ${TYPES_SQL[c.type.nature]}`)
      .join(', ')}) ON COMMIT DROP`,
  );
  progression?.etape(`Lecture de ${fichier.nom}`, statSync(chemin).size);

  const erreur = (ligne: number, colonne: string, valeur: string, message: string) =>
    signaler({ fichier: fichier.nom, ligne, colonne, valeur, message });
  const lecteurs = fichier.colonnes.map((c) => lecteurDeColonne(c, aujourdhui));
  let indices: number[] | null = null; // position dans l'enregistrement de chaque colonne du format, -1 si absente
  let largeurEntete = 0;

  async function* lots(): AsyncGenerator<(string | null)[][]> {
    try {
      lu.encodage = bilan.encodage = await detecterEncodage(chemin);
      for await (const { enregistrements, octets, separateur } of lireCsv(chemin, lu.encodage, longueurs)) {
        bilan.separateur = separateur ?? ';';
        const lot: (string | null)[][] = [];
        for (const { ligne, champs } of enregistrements) {
          if (indices === null) {
            indices = lireEntete(fichier, champs, lu, erreur);
            largeurEntete = champs.length;
            continue;
          }
          if (++bilan.lignes > lignesMax) {
            throw new RefusImport(`${fichier.nom} : plus de ${lignesMax} lignes, au-delà de la limite par fichier (CPO_IMPORT_LIGNES_MAX)`);
          }
          if (!lu.lisible) continue;
          if (champs.length !== largeurEntete) {
            erreur(ligne, '', '', `la ligne a ${champs.length} champ(s) alors que l'en-tête en a ${largeurEntete}`);
            continue;
          }
          let valide = true;
          const valeurs: Record<string, string | null> = {};
          const rangee: (string | null)[] = [String(ligne), 't'];
          for (let i = 0; i < fichier.colonnes.length; i++) {
            const colonne = fichier.colonnes[i];
            const brut = indices[i] >= 0 ? champs[indices[i]] : undefined;
            const lecture = lecteurs[i](brut);
            if (lecture.erreur !== undefined) {
              valide = false;
              erreur(ligne, colonne.nom, (brut ?? '').trim(), lecture.erreur);
              valeurs[colonne.nom] = null;
            } else valeurs[colonne.nom] = lecture.valeur;
            rangee.push(valeurs[colonne.nom]);
          }
          for (const m of controlerLigne(fichier.nom, valeurs)) {
            valide = false;
            erreur(ligne, m.colonne, m.valeur, m.message);
          }
          if (!valide) rangee[1] = 'f';
          if (valeurs.code_structure) lu.structures.add(valeurs.code_structure);
          lot.push(rangee);
        }
        progression?.avancer(octets);
        if (lot.length) yield lot;
      }
    } catch (e) {
      // Fichier illisible (encodage, CSV faux, limite de longueur) : la lecture s'arrête là.
      if (!(e instanceof ErreurCsv)) throw e;
      erreur(e.ligne, abreger(e.colonne?.toLowerCase() ?? ''), '', e.message);
      lu.lisible = false;
    }
  }

  await tx.charger(
    transit(fichier),
    [{ nom: 'ligne', type: 'integer' }, { nom: 'valide', type: 'boolean' }, ...fichier.colonnes.map((c) => ({ nom: c.nom, type: TYPES_SQL[c.type.nature] }))],
    lots(),
  );
  progression?.terminer();
  if (indices === null && lu.lisible) erreur(1, '', '', "fichier vide : la ligne d'en-tête manque");
  if (!lu.lisible) await tx.query(`UPDATE ${transit(fichier)} SET valide = false`);
  await tx.query(`ANALYZE ${transit(fichier)}`);
  bilan.dureeLectureMs = horloge.ms() - debut;
  return lu;
}

function lireEntete(
  fichier: FichierEchange,
  champs: string[],
  lu: FichierLu,
  erreur: (ligne: number, colonne: string, valeur: string, message: string) => void,
): number[] {
  const noms = champs.map((c) => c.trim().toLowerCase());
  const connus = new Set(fichier.colonnes.map((c) => c.nom));
  lu.bilan.colonnesIgnorees = noms.filter((n) => n !== '' && !connus.has(n)).map(abreger);
  for (const [i, nom] of noms.entries()) {
    if (connus.has(nom) && noms.indexOf(nom) !== i) {
      erreur(1, nom, '', 'colonne présente deux fois dans l’en-tête');
      lu.lisible = false;
    }
  }
  for (const c of fichier.colonnes) {
    if (c.requise && !noms.includes(c.nom)) {
      erreur(1, c.nom, '', 'colonne obligatoire absente de l’en-tête');
      lu.lisible = false;
    }
  }
  const indices = fichier.colonnes.map((c) => noms.indexOf(c.nom));
  for (const c of fichier.colonnes) if (noms.includes(c.nom)) lu.presentes.add(c.nom);
  return indices;
}

// ---------- 2. Contrôles ensemblistes ----------

interface LigneFautive {
  ligne: number;
  colonne: string;
  valeur: string | null;
  message: string;
}

/**
 * Les contrôles d'un fichier qui demandent la base ou les autres fichiers. En mode tolérant, une
 * référence ne compte que si la ligne visée est valide ; en mode strict, toute ligne de l'extrait
 * compte, pour qu'une erreur ne soit signalée qu'une fois, là où elle est.
 */
async function requetesDeControle(tx: Requeteur, fichier: FichierEchange, tolerant: boolean): Promise<string[]> {
  const t = transit(fichier);
  const enTransit = async (table: string) =>
    (await tx.query<{ existe: boolean }>(`SELECT to_regclass('pg_temp.transit_${table}') IS NOT NULL AS existe`))[0].existe;
  const vue = async (table: string) => ((await enTransit(table)) ? `transit_${table}` : null);
  const valide = tolerant ? 'AND r.valide' : '';
  const requetes: string[] = [];

  // « Absent de la base et de l'extrait » s'écrit NOT EXISTS … AND NOT EXISTS … : deux anti-jointures
  // par hachage, là où un OR de deux EXISTS corrélés ferait une recherche par ligne.
  const structures = await vue('mission_locale');
  const structureAbsente = (col: string) =>
    `NOT EXISTS (SELECT 1 FROM mission_locale m WHERE m.code_structure = ${col})` +
    (structures ? ` AND NOT EXISTS (SELECT 1 FROM ${structures} r WHERE r.code_structure = ${col} ${valide})` : '');

  if (fichier.table === 'mission_locale') {
    requetes.push(`SELECT t.ligne, 'code_region' AS colonne, t.code_region AS valeur, 'région inconnue (code INSEE des régions de 2016 attendu)' AS message
      FROM ${t} t WHERE t.code_region IS NOT NULL AND NOT EXISTS (SELECT 1 FROM region g WHERE g.code = t.code_region)`);
    requetes.push(`SELECT t.ligne, 'code_departement' AS colonne, t.code_departement AS valeur, 'département inconnu' AS message
      FROM ${t} t WHERE t.code_departement IS NOT NULL AND NOT EXISTS (SELECT 1 FROM departement d WHERE d.code = t.code_departement)`);
    requetes.push(`SELECT t.ligne, 'code_departement' AS colonne, t.code_departement AS valeur,
        'le département appartient à la région ' || d.code_region || ', pas à la région ' || t.code_region AS message
      FROM ${t} t JOIN departement d ON d.code = t.code_departement
      WHERE t.code_region IS NOT NULL AND d.code_region <> t.code_region`);
    requetes.push(`SELECT t.ligne, 'code_structure_absorbante' AS colonne, t.code_structure_absorbante AS valeur,
        CASE WHEN t.code_structure_absorbante = t.code_structure THEN 'une structure ne peut pas s''absorber elle-même'
             ELSE 'structure absorbante inconnue (ni en base, ni dans l''extrait)' END AS message
      FROM ${t} t WHERE t.code_structure_absorbante IS NOT NULL
        AND (t.code_structure_absorbante = t.code_structure OR (${structureAbsente('t.code_structure_absorbante')}))`);
  } else {
    requetes.push(`SELECT t.ligne, 'code_structure' AS colonne, t.code_structure AS valeur, 'structure inconnue (ni en base, ni dans l''extrait)' AS message
      FROM ${t} t WHERE t.code_structure IS NOT NULL AND ${structureAbsente('t.code_structure')}`);
  }

  if (renvoieAuJeune(fichier)) {
    const jeunes = await vue('jeune');
    const jeuneAbsent =
      `NOT EXISTS (SELECT 1 FROM jeune j WHERE j.code_structure = t.code_structure AND j.id_jeune = t.id_jeune)` +
      (jeunes ? ` AND NOT EXISTS (SELECT 1 FROM ${jeunes} r WHERE r.code_structure = t.code_structure AND r.id_jeune = t.id_jeune ${valide})` : '');
    requetes.push(`SELECT t.ligne, 'id_jeune' AS colonne, t.id_jeune AS valeur,
        'jeune inconnu dans la structure ' || t.code_structure || ' (ni en base, ni dans l''extrait)' AS message
      FROM ${t} t WHERE t.code_structure IS NOT NULL AND t.id_jeune IS NOT NULL AND ${jeuneAbsent}`);

    if (fichier.table === 'dispositif') {
      // La date de naissance de l'extrait prime sur celle de la base (le dernier import gagne).
      const naissancesExtrait = jeunes
        ? `LEFT JOIN (SELECT DISTINCT ON (code_structure, id_jeune) code_structure, id_jeune, date_naissance FROM ${jeunes} r
                     WHERE date_naissance IS NOT NULL ${valide} ORDER BY code_structure, id_jeune, ligne DESC) x
             ON x.code_structure = t.code_structure AND x.id_jeune = t.id_jeune`
        : '';
      requetes.push(`SELECT ligne, 'date_debut' AS colonne, date_debut::text AS valeur,
          'le jeune a ' || age || ' ans à l''entrée dans le dispositif (né le ' || to_char(naissance, 'DD/MM/YYYY') ||
          ') : un dispositif est ouvert aux jeunes de ${AGE_MINIMUM_DISPOSITIF} à ${AGE_MAXIMUM_DISPOSITIF} ans révolus' AS message
        FROM (SELECT t.ligne, t.date_debut, n.naissance, date_part('year', age(t.date_debut, n.naissance))::int AS age
              FROM ${t} t ${naissancesExtrait}
              LEFT JOIN jeune j ON j.code_structure = t.code_structure AND j.id_jeune = t.id_jeune
              CROSS JOIN LATERAL (SELECT ${jeunes ? 'coalesce(x.date_naissance, j.date_naissance)' : 'j.date_naissance'} AS naissance) n
              WHERE t.date_debut IS NOT NULL) a
        WHERE naissance IS NOT NULL AND age NOT BETWEEN ${AGE_MINIMUM_DISPOSITIF} AND ${AGE_MAXIMUM_DISPOSITIF}`);
      requetes.push(requeteChevauchements(t, tolerant));
    }
  }

  return requetes;
}

/**
 * Clés en double dans un même fichier. Trier des dizaines de millions de lignes pour n'en trouver
 * aucune coûte cher : on ne cherche les doublons que si l'import est déjà refusé, ou si la fusion
 * bute sur une clé en double (voir fusionnerOuSignalerDoublons).
 */
function requeteDoublons(fichier: FichierEchange): string {
  const cle = fichier.cle.map((c) => `t.${c}`).join(', ');
  return `SELECT ligne, '${fichier.cle.at(-1)}' AS colonne, ${fichier.cle.at(-1)}::text AS valeur,
      'clé en double dans le fichier : déjà présente ligne ' || premiere AS message
    FROM (SELECT t.*, min(t.ligne) OVER (PARTITION BY ${cle}) AS premiere FROM ${transit(fichier)} t
          WHERE ${fichier.cle.map((c) => `t.${c} IS NOT NULL`).join(' AND ')}) d
    WHERE ligne <> premiere`;
}

/** Deux CIVIS/PACEA d'un même jeune qui se chevauchent (dates incluses ; sans date de fin : en cours). */
function requeteChevauchements(t: string, tolerant: boolean): string {
  return `WITH candidats AS (
      SELECT code_structure, id_dispositif, id_jeune, type, date_debut, date_fin, ligne FROM ${t}
      WHERE type IN ('CIVIS', 'PACEA') AND date_debut IS NOT NULL AND id_jeune IS NOT NULL ${tolerant ? 'AND valide' : ''}
      UNION ALL
      SELECT d.code_structure, d.id_dispositif, d.id_jeune, d.type, d.date_debut, d.date_fin, NULL FROM dispositif d
      WHERE d.type IN ('CIVIS', 'PACEA')
        AND EXISTS (SELECT 1 FROM ${t} s WHERE s.code_structure = d.code_structure AND s.id_jeune = d.id_jeune)
        AND NOT EXISTS (SELECT 1 FROM ${t} s WHERE s.code_structure = d.code_structure AND s.id_dispositif = d.id_dispositif))
    SELECT DISTINCT ON (a.ligne) a.ligne, 'date_debut' AS colonne, a.date_debut::text AS valeur,
      'chevauche le contrat ' || b.type || ' ' || b.id_dispositif || ' du même jeune (du ' || to_char(b.date_debut, 'DD/MM/YYYY') ||
      coalesce(' au ' || to_char(b.date_fin, 'DD/MM/YYYY'), ', sans date de fin') || ')' AS message
    FROM candidats a JOIN candidats b
      ON a.code_structure = b.code_structure AND a.id_jeune = b.id_jeune AND a.id_dispositif <> b.id_dispositif
    WHERE a.ligne IS NOT NULL
      AND a.date_debut <= coalesce(b.date_fin, 'infinity'::date) AND b.date_debut <= coalesce(a.date_fin, 'infinity'::date)
      AND (b.ligne IS NULL OR (a.date_debut, a.ligne) > (b.date_debut, b.ligne))
    ORDER BY a.ligne, b.date_debut`;
}

/** Les lignes de financement doivent faire le total des produits (écart de plus d'1 € : avertissement). */
async function controlerFinancements(tx: Requeteur): Promise<ErreurImport[]> {
  const somme = LIGNES_FINANCEMENT.map((l) => `coalesce(${l}, 0)`).join(' + ');
  const lignes = await tx.query<{ ligne: number; total: number; somme: number }>(
    `SELECT ligne, produits_total AS total, (${somme}) AS somme FROM transit_moyens
     WHERE valide AND produits_total IS NOT NULL AND num_nonnulls(${LIGNES_FINANCEMENT.join(', ')}) > 0
       AND abs(produits_total - (${somme})) > 1 ORDER BY ligne`,
  );
  const euros = (n: number) => new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(n).replace(/[\u202f\u00a0]/g, ' ');
  return lignes.map((l) => ({
    fichier: 'moyens.csv',
    ligne: l.ligne,
    colonne: 'produits_total',
    valeur: String(l.total),
    message: `les financements font ${euros(l.somme)}, soit ${euros(l.somme - l.total)} d'écart avec le total des produits`,
  }));
}

/** Mode tolérant : les lignes rejetées quittent la table de transit, et donc les contrôles suivants. */
async function ecarter(tx: Requeteur, fichier: FichierEchange, rejets: Map<string, Map<number, string>>) {
  const lignes = [...(rejets.get(fichier.nom)?.keys() ?? [])];
  if (lignes.length) await tx.query(`UPDATE ${transit(fichier)} SET valide = false WHERE valide AND ligne = ANY($1::int[])`, [lignes]);
}

// ---------- 3. Fusion ----------

/** Des lignes des ML de l'extrait sont-elles déjà dans la table ? Sinon, aucun conflit n'est possible. */
async function dejaEnBase(tx: Requeteur, lu: FichierLu): Promise<boolean> {
  const [{ existe }] = await tx.query<{ existe: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${lu.fichier.table} WHERE code_structure = ANY($1::text[])) AS existe`,
    [[...lu.structures]],
  );
  return existe;
}

/** `premier` : premier chargement des ML de l'extrait dans cette table, un INSERT simple suffit. */
async function fusionner(tx: Requeteur, lu: FichierLu, premier: boolean): Promise<void> {
  const { fichier, bilan, presentes } = lu;
  const t = transit(fichier);
  const colonnes = fichier.colonnes.filter((c) => !c.identite).map((c) => c.nom);
  const identite = fichier.colonnes.filter((c) => c.identite && presentes.has(c.nom)).map((c) => c.nom);
  const inserer = (table: string, cols: string[]) => `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM ${t} WHERE valide`;
  const [{ valides }] = await tx.query<{ valides: number }>(`SELECT count(*)::int AS valides FROM ${t} WHERE valide`);

  if (premier) {
    // Tout est nouveau : ni conflit à résoudre, ni lignes à renvoyer pour les compter.
    await tx.query(inserer(fichier.table, colonnes));
    if (identite.length) await tx.query(inserer('jeune_identite', [...fichier.cle, ...identite]));
    Object.assign(bilan, { crees: valides, misAJour: 0, inchanges: 0 });
    return;
  }

  const fusion = (table: string, cols: string[], maj: string[], garde = '') => `
    ${inserer(table, cols)}
    ON CONFLICT (${fichier.cle.join(', ')}) ${
      maj.length
        ? `DO UPDATE SET ${maj.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
           WHERE (${maj.map((c) => `${table}.${c}`).join(', ')}) IS DISTINCT FROM (${maj.map((c) => `EXCLUDED.${c}`).join(', ')})${garde}`
        : 'DO NOTHING'
    }
    RETURNING ${fichier.cle.join(', ')}, (xmax = 0) AS cree`;
  // Une colonne absente du fichier n'écrase pas la valeur en base.
  const misesAJour = colonnes.filter((c) => presentes.has(c) && !fichier.cle.includes(c));
  // L'identité d'un jeune vit dans sa propre table ; une identité changée compte comme une mise à jour du
  // jeune. Une identité effacée par la durée de conservation ne revient pas avec un nouvel extrait.
  const requete = identite.length
    ? `WITH j AS (${fusion(fichier.table, colonnes, misesAJour)}),
            i AS (${fusion('jeune_identite', [...fichier.cle, ...identite], identite, ' AND jeune_identite.anonymise_le IS NULL')})
       SELECT count(*) FILTER (WHERE j.cree)::int AS crees, count(*) FILTER (WHERE j.cree IS NOT TRUE)::int AS maj
       FROM j FULL JOIN i USING (${fichier.cle.join(', ')})`
    : `WITH j AS (${fusion(fichier.table, colonnes, misesAJour)})
       SELECT count(*) FILTER (WHERE j.cree)::int AS crees, count(*) FILTER (WHERE NOT j.cree)::int AS maj FROM j`;
  const [{ crees, maj }] = await tx.query<{ crees: number; maj: number }>(requete);
  Object.assign(bilan, { crees, misAJour: maj, inchanges: valides - crees - maj });
}

// ---------- 4. Rejets ----------

async function ecrireRejets(lus: FichierLu[], rejets: Map<string, Map<number, string>>, dossier: string, longueurs: LongueursMax) {
  mkdirSync(dossier, { recursive: true });
  for (const lu of lus) {
    if (!lu.lisible) {
      // Fichier illisible en entier (en-tête ou CSV faux) : il est rendu tel quel.
      copyFileSync(lu.chemin, join(dossier, lu.fichier.nom));
      continue;
    }
    const motifs = rejets.get(lu.fichier.nom);
    if (!motifs?.size) continue;
    const sortie: string[] = [];
    let entete = true;
    for await (const { enregistrements } of lireCsv(lu.chemin, lu.encodage, longueurs)) {
      for (const { ligne, champs } of enregistrements) {
        if (entete) {
          sortie.push([...champs, 'motif_rejet'].map((c) => champCsv(c)).join(';'));
          entete = false;
        } else if (motifs.has(ligne)) {
          sortie.push([...champs, `ligne ${ligne} : ${motifs.get(ligne)}`].map((c) => champCsv(c)).join(';'));
        }
      }
    }
    writeFileSync(join(dossier, lu.fichier.nom), sortie.join('\n') + '\n');
  }
}
