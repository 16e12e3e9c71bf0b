// Cas d'usage : le conseiller saisit le parcours d'un jeune (premier accueil, diagnostic, dispositif et
// sa sortie, phase et son évaluation, événement, situation, aide). Valider → transaction → charger (la
// ML, le jeune, la ligne modifiée) → autoriser → décider et écrire par l'import lui-même, sur un extrait
// d'une ligne de la ML (mêmes contrôles, mêmes messages, même fusion, mêmes chiffres recalculés) →
// marquer la ligne « saisie dans l'application » → auditer le changement. Un refus n'écrit rien.
import * as z from 'zod';
import { agitPourSaStructure, ErreurAcces, peut, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { FichierEchange } from '../../domaine/echange/format.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { changements, fichierSaisi, ligneDeSaisie, SAISIES, type ErreurChamp, type NatureSaisie } from '../../domaine/parcours/saisie.ts';
import { accepter, executerTrace, refuser } from '../casDUsage.ts';
import { expression } from '../echange/exporterExtrait.ts';
import { importer } from '../echange/importerExtrait.ts';
import { rapportVide } from '../echange/import/rapporter.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import type { LecteurFichiers } from '../ports/fichiers.ts';
import type { Horloge } from '../ports/horloge.ts';

/** Chaque champ tel que tapé (texte), un nombre ou un booléen JSON, ou null pour vider. */
const ATTENDU = 'corps { "valeurs": { champ: texte, nombre, booléen ou null } } attendu, chaque texte de 2 000 caractères au plus';
const schemaSaisie = z.object({ valeurs: z.record(z.string(), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()], { error: ATTENDU }), { error: ATTENDU }) }, { error: ATTENDU });

export interface Demande {
  code: string;
  nature: NatureSaisie;
  /** Le jeune (absent pour un premier accueil, qui le crée). */
  idJeune?: string;
  /** La ligne modifiée (sortie d'un dispositif, évaluation d'une phase, fin d'une situation) ; absente : une ligne nouvelle. */
  idLigne?: string;
  corps: unknown;
}

export interface ResultatSaisie {
  id_jeune: string;
  id: string;
  changements: ReturnType<typeof changements>;
}

/** Une saisie refusée par une règle : le message, et chaque champ fautif avec le sien. */
export class RefusSaisie extends ErreurMetier {
  constructor(
    message: string,
    readonly erreurs: ErreurChamp[],
  ) {
    super(message, 'saisie_invalide');
  }
}

type Refus = { code: 'introuvable' | 'hors_perimetre' | 'saisie_invalide'; message: string; erreurs?: ErreurChamp[] };

export async function saisirParcours(
  base: Base,
  ports: { horloge: Horloge; fichiers: LecteurFichiers },
  utilisateur: Utilisateur,
  d: Demande,
  origine: string,
): Promise<ResultatSaisie> {
  const lu = schemaSaisie.safeParse(d.corps);
  const quoi = SAISIES[d.nature].libelle;
  if (!lu.success) throw new ErreurMetier(`Saisie ${quoi} refusée : ${lu.error.issues[0].message}. Rien n'a été écrit.`);
  const saisie = Object.fromEntries(Object.entries(lu.data.valeurs).map(([c, v]) => [c, v === null ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v)]));
  const fichier = fichierSaisi(d.nature);
  // L'objet nomme le jeune (masqué hors de la ML) et la ligne ; les détails, la nature et le changement.
  const objet = (idJeune = d.idJeune ?? '(nouveau)', id = d.idLigne) => `structures/${d.code}/jeunes/${idJeune}/${d.nature}${id && d.nature !== 'jeunes' ? `/${id}` : ''}`;
  const trace = (action: string, o: string, details: object) => ({ acteur: utilisateur.courriel, action, objet: o, codeStructure: d.code, origine, details: { nature: d.nature, ...details } });
  const resultat = await executerTrace<ResultatSaisie, Refus>(
    base,
    async (tx) => {
      const [ml] = await tx.query<{ code: string }>('SELECT code_structure AS code FROM mission_locale WHERE code_structure = $1', [d.code]);
      if (!ml) return refuser({ code: 'introuvable', message: `Mission locale inconnue : ${d.code}` });
      if (!peut(utilisateur, 'saisir_parcours') || !agitPourSaStructure(utilisateur, d.code))
        return refuser({ code: 'hors_perimetre', message: `Hors de votre périmètre : le parcours des jeunes de la Mission locale ${d.code} ne se saisit que par ses conseillers et sa direction.` });
      if (d.nature !== 'jeunes') {
        const [jeune] = await tx.query<{ id: string }>('SELECT id_jeune AS id FROM jeune WHERE code_structure = $1 AND id_jeune = $2', [d.code, d.idJeune ?? '']);
        // Les messages ne citent pas l'identifiant du jeune : un refus d'écriture se trace, et l'État lit le journal.
        if (!jeune) return refuser({ code: 'introuvable', message: "Jeune inconnu dans cette Mission locale : vérifiez l'adresse de son dossier." });
      }
      const idLigne = d.idLigne ?? (await nouvelIdentifiant(tx));
      const idJeune = d.nature === 'jeunes' ? idLigne : d.idJeune!;
      const avant = d.idLigne === undefined ? null : await lireLigne(tx, fichier, d.code, idJeune, idLigne);
      if (d.idLigne !== undefined && !avant) return refuser({ code: 'introuvable', message: `Ligne inconnue dans ce dossier : ${d.idLigne}` });
      const cle = { code_structure: d.code, [fichier.cle.at(-1)!]: idLigne, id_jeune: idJeune };
      const { ligne, erreurs } = ligneDeSaisie(d.nature, cle, avant, saisie);
      if (erreurs.length) return refuser({ code: 'saisie_invalide', message: messageRefus(quoi, erreurs), erreurs });

      // Décider et écrire : l'import, strict, sur l'extrait d'une ligne de la ML.
      const rapport = rapportVide(fichier.nom, false);
      const r = await importer(tx, fichier.nom, { horloge: ports.horloge, fichiers: extraitDUneLigne(ports.fichiers, fichier, ligne), structure: d.code, saisie: true, acteur: utilisateur.courriel }, rapport, ports.horloge.ms());
      if (!r.accepte) {
        const fautifs = r.refus.rapport.erreurs.map((e) => ({ champ: e.colonne, message: e.message }));
        return refuser({ code: 'saisie_invalide', message: messageRefus(quoi, fautifs), erreurs: fautifs });
      }
      await tx.query(
        `INSERT INTO ligne_saisie (code_structure, table_parcours, id_ligne, saisie_le, saisie_par) VALUES ($1, $2, $3, $4::timestamptz, $5)
         ON CONFLICT (code_structure, table_parcours, id_ligne) DO NOTHING`,
        [d.code, fichier.table, idLigne, ports.horloge.maintenant().toISOString(), utilisateur.courriel],
      );
      const apres = (await lireLigne(tx, fichier, d.code, idJeune, idLigne))!;
      // La clé (structure, ligne, jeune) est dans l'objet de la trace, pas dans le changement.
      const sansCle = (l: Record<string, string | null> | null) => l && Object.fromEntries(Object.entries(l).filter(([c]) => !(c in cle)));
      return accepter({ id_jeune: idJeune, id: idLigne, changements: changements(sansCle(avant), sansCle(apres)!) });
    },
    {
      accepte: (v) => trace('saisir_parcours', objet(v.id_jeune, v.id), { changements: v.changements }),
      refuse: (r) => trace('saisie_refusee', objet(), { refus: r.message }),
      echoue: (e) => trace('saisie_refusee', objet(), { refus: e instanceof Error ? e.message : String(e) }),
    },
  );
  if (resultat.accepte) return resultat.valeur;
  const { code, message, erreurs } = resultat.refus;
  if (code === 'hors_perimetre') throw new ErreurAcces(message, 'hors_perimetre');
  if (code === 'introuvable') throw new ErreurMetier(message, 'introuvable');
  throw new RefusSaisie(message, erreurs ?? []);
}

const messageRefus = (quoi: string, erreurs: ErreurChamp[]) =>
  `Saisie ${quoi} refusée, rien n'a été écrit — ${erreurs.map((e) => (e.champ ? `${e.champ} : ${e.message}` : e.message)).join(' ; ')}`;

/** Un identifiant de ligne que les systèmes d'information des ML n'emploient pas : « S » et dix chiffres hexadécimaux. */
async function nouvelIdentifiant(tx: Requeteur): Promise<string> {
  const [{ id }] = await tx.query<{ id: string }>(`SELECT 'S' || upper(substr(md5(gen_random_uuid()::text), 1, 10)) AS id`);
  return id;
}

/** Une ligne du parcours telle que le format l'écrit (sans l'identité), ou null. */
async function lireLigne(tx: Requeteur, fichier: FichierEchange, code: string, idJeune: string, id: string): Promise<Record<string, string | null> | null> {
  const colonnes = fichier.colonnes.filter((c) => !c.identite);
  const [ligne] = await tx.query<Record<string, string | null>>(
    `SELECT ${colonnes.map((c) => expression(c, 't')).join(', ')} FROM ${fichier.table} t
     WHERE t.code_structure = $1 AND t.id_jeune = $2 AND t.${fichier.cle.at(-1)} = $3`,
    [code, idJeune, id],
  );
  return ligne ?? null;
}

/** Le lecteur de fichiers de l'import, qui ne voit qu'un fichier : l'en-tête et la ligne saisie. */
function extraitDUneLigne(fichiers: LecteurFichiers, fichier: FichierEchange, ligne: Record<string, string | null>): LecteurFichiers {
  const noms = Object.keys(ligne);
  const enregistrements = [
    { ligne: 1, champs: noms },
    { ligne: 2, champs: noms.map((n) => ligne[n] ?? '') },
  ];
  return {
    ...fichiers,
    ouvrirExtrait: async () => ({ fichiers: new Map([[fichier.nom, fichier.nom]]), ignores: [], nettoyer: () => {} }),
    detecterEncodage: async () => 'utf-8',
    async *lireCsv() {
      yield { enregistrements, octets: 0, separateur: ';' };
    },
  };
}
