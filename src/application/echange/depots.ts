// Cas d'usage : les dépôts d'extraits par les Missions locales. La direction d'une ML (ou son système,
// avec un jeton) dépose un extrait ; le même importeur que la ligne de commande le traite en arrière-plan,
// en une transaction, et n'y accepte que des lignes de cette ML. Le dépôt garde qui, quand, quelle taille,
// quel mode, son état et son rapport ; la progression d'un dépôt en cours se lit en mémoire (le serveur
// qui le traite), l'état et le rapport en base. Sur la base embarquée, une seule connexion : les
// lectures attendent la fin de l'import.
import { basename, join } from 'node:path';
import { agitPourSaStructure, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import type { EtatDepot } from '../../domaine/echange/depot.ts';
import { FICHIERS } from '../../domaine/echange/format.ts';
import { ErreurMetier, introuvable } from '../../domaine/erreurs.ts';
import { auditer } from '../audit.ts';
import { horodatageParis } from '../fragmentsSql.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import type { LecteurFichiers } from '../ports/fichiers.ts';
import type { Horloge } from '../ports/horloge.ts';
import { importerExtrait, type Progression } from './importerExtrait.ts';
import { totalLignes, type RapportImport } from './rapport.ts';

export interface Depot {
  id: number;
  code_structure: string;
  depose_par: string;
  depose_le: string;
  termine_le: string | null;
  /** Octets reçus. */
  taille: number;
  mode: 'strict' | 'tolerant';
  etat: EtatDepot;
  progression: number;
  lignes: number | null;
  erreurs: number | null;
}

export interface DepotDetaille extends Depot {
  rapport: RapportImport | null;
  /** Les fichiers de lignes rejetées (mode tolérant), à télécharger. */
  rejets: string[];
}

/** Un extrait reçu, posé dans un dossier de travail que le dépôt efface une fois traité. */
export interface ExtraitRecu {
  /** Le zip, ou le dossier des fichiers CSV. */
  chemin: string;
  dossier: string;
  taille: number;
}

const COLONNES = `id, code_structure, depose_par, ${horodatageParis('depose_le')} AS depose_le, ${horodatageParis('termine_le')} AS termine_le,
  taille, mode, etat, lignes, erreurs`;

const refusStructure = (code: string) => `Hors de votre périmètre : les dépôts de la Mission locale ${code} ne se font et ne se lisent que par elle.`;

/** Le dépôt d'une ML ne se fait que par elle : vérifié avant de recevoir l'archive, puis de nouveau dans sa transaction. */
export function exigerDepotPermis(utilisateur: Utilisateur, code: string): void {
  exiger(agitPourSaStructure(utilisateur, code), refusStructure(code));
}

/**
 * Où en est un import, de 0 à 1 : la lecture des fichiers (dans l'ordre du format) compte pour 70 %,
 * les contrôles pour 15 %, l'écriture pour le reste ; 1 n'est atteint qu'une fois l'import achevé.
 */
export function progressionDepot(suivi: { progression: number }): Progression {
  let debut = 0;
  let part = 0;
  let total = 1;
  let fait = 0;
  const poser = (p: number) => (suivi.progression = Math.max(suivi.progression, Math.min(p, 0.99)));
  return {
    etape(libelle, t) {
      const lecture = FICHIERS.findIndex((f) => libelle === `Lecture de ${f.nom}`);
      [debut, part] = lecture >= 0 ? [(0.7 * lecture) / FICHIERS.length, 0.7 / FICHIERS.length] : libelle.startsWith('Contrôles') ? [0.7, 0.15] : [0.85, 0.15];
      total = Math.max(t, 1);
      fait = 0;
      poser(debut);
    },
    avancer(quantite) {
      fait += quantite;
      poser(debut + (part * Math.min(fait, total)) / total);
    },
    terminer() {
      poser(debut + part);
    },
  };
}

export class ServiceDepots {
  /** Les dépôts que ce serveur traite : leur progression, et la fin de leur traitement. */
  private readonly enCours = new Map<number, { code: string; progression: number; fin: Promise<void> }>();

  constructor(
    private readonly base: Base,
    private readonly horloge: Horloge,
    private readonly fichiers: LecteurFichiers,
  ) {}

  /**
   * Au démarrage : un dépôt resté en cours a été coupé par un arrêt du serveur. Son import, en une
   * transaction, n'a rien écrit ; il est marqué en échec, et tracé.
   */
  async marquerInterrompus(): Promise<number> {
    return this.base.transaction(async (tx) => {
      const interrompus = await tx.query<{ id: number; code_structure: string }>(
        `UPDATE depot SET etat = 'echoue', termine_le = $1::timestamptz, rapport = jsonb_build_object('motif', $2::text)
         WHERE etat = 'en_cours' RETURNING id, code_structure`,
        [this.horloge.maintenant().toISOString(), MOTIF_INTERRUPTION],
      );
      for (const d of interrompus) await auditer(tx, { acteur: 'serveur', action: 'depot_interrompu', objet: `dépôt ${d.id}`, codeStructure: d.code_structure, origine: 'serveur' });
      return interrompus.length;
    });
  }

  /** Enregistre le dépôt (en cours) et lance son import en arrière-plan ; rend son numéro. */
  async deposer(utilisateur: Utilisateur, code: string, extrait: ExtraitRecu, mode: 'strict' | 'tolerant', origine: string): Promise<{ id: number }> {
    try {
      const id = await this.base.transaction(async (tx) => {
        // La ligne de la ML, verrouillée : deux dépôts de la même ML ne se croisent pas.
        const [ml] = await tx.query<{ code_structure: string }>('SELECT code_structure FROM mission_locale WHERE code_structure = $1 FOR UPDATE', [code]);
        if (!ml) introuvable(`Mission locale inconnue : ${code}`);
        exigerDepotPermis(utilisateur, code);
        const [enCours] = await tx.query<{ id: number }>(`SELECT id FROM depot WHERE code_structure = $1 AND etat = 'en_cours'`, [code]);
        if (enCours) throw new ErreurMetier(`Un dépôt de la Mission locale ${code} est déjà en cours (n° ${enCours.id}) : attendez qu'il s'achève.`, 'etat_incompatible');
        const [{ id }] = await tx.query<{ id: number }>(
          `INSERT INTO depot (code_structure, depose_par, depose_le, taille, mode) VALUES ($1, $2, $3::timestamptz, $4, $5) RETURNING id`,
          [code, utilisateur.courriel, this.horloge.maintenant().toISOString(), extrait.taille, mode],
        );
        await auditer(tx, { acteur: utilisateur.courriel, action: 'depot_recu', objet: `dépôt ${id}`, codeStructure: code, origine, details: { taille: extrait.taille, mode } });
        return id;
      });
      const suivi = { code, progression: 0, fin: Promise.resolve() };
      this.enCours.set(id, suivi);
      suivi.fin = this.traiter(id, utilisateur, code, extrait, mode, origine, suivi).finally(() => {
        this.enCours.delete(id);
        this.fichiers.effacerDossier(extrait.dossier);
      });
      return { id };
    } catch (e) {
      this.fichiers.effacerDossier(extrait.dossier);
      throw e;
    }
  }

  /** L'import du dépôt ; accepté, son résultat s'écrit dans sa transaction ; refusé ou en échec, après. */
  private async traiter(id: number, utilisateur: Utilisateur, code: string, extrait: ExtraitRecu, mode: 'strict' | 'tolerant', origine: string, suivi: { progression: number }) {
    const dossierRejets = join(extrait.dossier, 'rejets');
    const nom = basename(extrait.chemin);
    try {
      const rapport = await importerExtrait(this.base, extrait.chemin, {
        tolerant: mode === 'tolerant',
        dossierRejets,
        acteur: utilisateur.courriel,
        origine,
        structure: code,
        progression: progressionDepot(suivi),
        horloge: this.horloge,
        fichiers: this.fichiers,
        finaliser: (tx, r) => this.enregistrer(tx, id, 'accepte', rapportPublic(r, extrait.chemin, nom), lireRejets(this.fichiers, r.dossierRejets)),
      });
      if (rapport.statut === 'refuse') await this.enregistrer(this.base, id, 'refuse', rapportPublic(rapport, extrait.chemin, nom), null);
    } catch {
      // Une panne (base, disque) : le dépôt est en échec, son import n'a rien écrit (l'audit de l'import en garde la cause).
      await this.base
        .query(`UPDATE depot SET etat = 'echoue', termine_le = $2::timestamptz, rapport = jsonb_build_object('motif', $3::text) WHERE id = $1`, [id, this.horloge.maintenant().toISOString(), MOTIF_PANNE])
        .catch(() => {});
    }
  }

  private async enregistrer(db: Requeteur, id: number, etat: EtatDepot, rapport: RapportImport, rejets: Record<string, string> | null) {
    await db.query(`UPDATE depot SET etat = $2, termine_le = $3::timestamptz, lignes = $4, erreurs = $5, rapport = $6, rejets = $7 WHERE id = $1`, [
      id,
      etat,
      this.horloge.maintenant().toISOString(),
      totalLignes(rapport),
      rapport.erreurs.length + rapport.erreursNonDetaillees,
      JSON.stringify(rapport),
      rejets && JSON.stringify(rejets),
    ]);
  }

  /** Attend la fin des dépôts en cours (arrêt du serveur, tests). */
  async attendre(): Promise<void> {
    await Promise.all([...this.enCours.values()].map((d) => d.fin));
  }

  /**
   * Un dépôt, son rapport, et sa progression s'il est en cours (lue en mémoire : ce serveur le traite).
   * La lecture d'un rapport est tracée : il cite les valeurs des fichiers.
   */
  async lire(utilisateur: Utilisateur, id: number, origine: string): Promise<DepotDetaille> {
    return this.base.transaction(async (tx) => {
      const [depot] = await tx.query<Depot & { rapport: RapportImport | null; rejets: Record<string, string> | null }>(`SELECT ${COLONNES}, rapport, rejets FROM depot WHERE id = $1`, [id]);
      if (!depot) introuvable(`Dépôt inconnu : ${id}`);
      exiger(agitPourSaStructure(utilisateur, depot.code_structure), refusStructure(depot.code_structure));
      if (depot.rapport) await auditer(tx, { acteur: utilisateur.courriel, action: 'lire_depot', objet: `dépôt ${id}`, codeStructure: depot.code_structure, origine });
      return { ...depot, progression: this.progression(depot), rejets: Object.keys(depot.rejets ?? {}) };
    });
  }

  private progression(d: Pick<Depot, 'id' | 'etat'>): number {
    return d.etat === 'en_cours' ? (this.enCours.get(d.id)?.progression ?? 0) : 1;
  }

  /** Un fichier de lignes rejetées d'un dépôt, tel qu'écrit par l'import (CSV, avec le motif de chaque ligne). */
  async rejets(utilisateur: Utilisateur, id: number, fichier: string, origine: string): Promise<Buffer> {
    return this.base.transaction(async (tx) => {
      const [depot] = await tx.query<{ code_structure: string; rejets: Record<string, string> | null }>('SELECT code_structure, rejets FROM depot WHERE id = $1', [id]);
      if (!depot) introuvable(`Dépôt inconnu : ${id}`);
      exiger(agitPourSaStructure(utilisateur, depot.code_structure), refusStructure(depot.code_structure));
      const contenu = depot.rejets?.[fichier];
      if (contenu === undefined) introuvable(`Le dépôt ${id} n'a pas de lignes rejetées dans ${fichier}.`);
      await auditer(tx, { acteur: utilisateur.courriel, action: 'lire_depot', objet: `dépôt ${id}`, codeStructure: depot.code_structure, origine, details: { rejets: fichier } });
      return Buffer.from(contenu, 'base64');
    });
  }

  /** Les dépôts d'une ML, du plus récent au plus ancien. */
  async lister(utilisateur: Utilisateur, code: string): Promise<Depot[]> {
    exiger(agitPourSaStructure(utilisateur, code), refusStructure(code));
    const depots = await this.base.query<Depot>(`SELECT ${COLONNES} FROM depot WHERE code_structure = $1 ORDER BY depose_le DESC, id DESC LIMIT 500`, [code]);
    return depots.map((d) => ({ ...d, progression: this.progression(d) }));
  }
}

const MOTIF_PANNE = "le dépôt n'a pas pu être traité (erreur du serveur) : rien n'a été écrit, déposez-le de nouveau";
const MOTIF_INTERRUPTION = "dépôt interrompu par un arrêt du serveur : rien n'a été écrit, déposez-le de nouveau";

/** Le rapport tel qu'on le montre : sans les chemins du serveur (dossier de travail, dossier des rejets). */
function rapportPublic(r: RapportImport, chemin: string, nom: string): RapportImport {
  const { dossierRejets: _, ...reste } = r;
  return JSON.parse(JSON.stringify({ ...reste, source: nom }).replaceAll(JSON.stringify(chemin).slice(1, -1), nom));
}

/** Les fichiers de lignes rejetées écrits par l'import, en base64 (un fichier illisible est rendu tel quel, octets compris). */
function lireRejets(fichiers: LecteurFichiers, dossier: string | undefined): Record<string, string> | null {
  if (!dossier) return null;
  return Object.fromEntries(Object.entries(fichiers.lireDossier(dossier)).map(([f, octets]) => [f, octets.toString('base64')]));
}
