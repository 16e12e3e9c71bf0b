// Les jetons des dépôts par machine : la direction d'une ML les crée et les révoque ; le système de
// suivi de parcours de la ML s'en sert pour déposer (Authorization: Bearer). Le jeton n'est montré
// qu'à sa création ; la base ne garde que son empreinte SHA-256. Il ne vaut que pour les dépôts de sa
// ML, jusqu'à son expiration ou sa révocation ; chaque usage est tracé, et date sa dernière utilisation.
import { agitPourSaStructure, ErreurAcces, exiger, type Utilisateur } from '../../domaine/acces/droits.ts';
import { ErreurMetier, introuvable } from '../../domaine/erreurs.ts';
import { ajouterJours, estDateValide } from '../../domaine/temps/dates.ts';
import { auditer } from '../audit.ts';
import { empreinteSecret, secretAuHasard } from './secrets.ts';
import { horodatageParis, minuitParis } from '../fragmentsSql.ts';
import type { Base } from '../ports/base.ts';
import type { Horloge } from '../ports/horloge.ts';

/** Un jeton vaut au plus un an : une fuite ne dure pas. */
const DUREE_MAX_JETON_JOURS = 366;
const PREFIXE = 'cpo_';

export interface JetonDepot {
  id: number;
  code_structure: string;
  libelle: string;
  cree_par: string;
  cree_le: string;
  /** Le dernier instant de validité (heure de Paris). */
  expire_le: string;
  revoque_le: string | null;
  derniere_utilisation: string | null;
}

const COLONNES = `id, code_structure, libelle, cree_par, ${horodatageParis('cree_le')} AS cree_le, ${horodatageParis('expire_le')} AS expire_le,
  ${horodatageParis('revoque_le')} AS revoque_le, ${horodatageParis('derniere_utilisation')} AS derniere_utilisation`;

const refusStructure = (code: string) => `Hors de votre périmètre : les jetons de la Mission locale ${code} ne se gèrent que par sa direction.`;

export async function listerJetons(base: Base, utilisateur: Utilisateur, code: string): Promise<JetonDepot[]> {
  exiger(agitPourSaStructure(utilisateur, code), refusStructure(code));
  return base.query<JetonDepot>(`SELECT ${COLONNES} FROM jeton_depot WHERE code_structure = $1 ORDER BY id DESC`, [code]);
}

/** Crée un jeton valable jusqu'au jour `expire` compris ; rend le jeton en clair, la seule fois. */
export async function creerJeton(
  base: Base,
  utilisateur: Utilisateur,
  code: string,
  demande: { libelle: string; expire: string },
  origine: string,
  horloge: Horloge,
): Promise<JetonDepot & { jeton: string }> {
  exiger(agitPourSaStructure(utilisateur, code), refusStructure(code));
  const aujourdhui = horloge.dateDuJour();
  if (!estDateValide(demande.expire) || demande.expire < aujourdhui || demande.expire > ajouterJours(aujourdhui, DUREE_MAX_JETON_JOURS)) {
    throw new ErreurMetier(`Date d'expiration « ${demande.expire} » : une date (AAAA-MM-JJ) d'aujourd'hui à ${DUREE_MAX_JETON_JOURS} jours au plus est attendue.`);
  }
  const libelle = demande.libelle.trim();
  if (!libelle) throw new ErreurMetier('Libellé : donnez un nom au jeton (le système qui s’en servira, par exemple).');
  const jeton = PREFIXE + secretAuHasard();
  return base.transaction(async (tx) => {
    const [cree] = await tx.query<JetonDepot>(
      `INSERT INTO jeton_depot (code_structure, libelle, empreinte, cree_par, cree_le, expire_le)
       VALUES ($1, $2, $3, $4, $5::timestamptz, ${minuitParis('$6::date + 1')} - interval '1 second') RETURNING ${COLONNES}`,
      [code, libelle, empreinteSecret(jeton), utilisateur.courriel, horloge.maintenant().toISOString(), demande.expire],
    );
    await auditer(tx, { acteur: utilisateur.courriel, action: 'creer_jeton_depot', objet: `jeton ${cree.id}`, codeStructure: code, origine, details: { libelle, expire: demande.expire } });
    return { ...cree, jeton };
  });
}

export async function revoquerJeton(base: Base, utilisateur: Utilisateur, id: number, origine: string, horloge: Horloge): Promise<JetonDepot> {
  return base.transaction(async (tx) => {
    const [jeton] = await tx.query<{ code_structure: string; revoque: boolean }>(
      'SELECT code_structure, revoque_le IS NOT NULL AS revoque FROM jeton_depot WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!jeton) introuvable(`Jeton inconnu : ${id}`);
    exiger(agitPourSaStructure(utilisateur, jeton.code_structure), refusStructure(jeton.code_structure));
    if (jeton.revoque) throw new ErreurMetier(`Le jeton ${id} est déjà révoqué.`, 'etat_incompatible');
    const [revoque] = await tx.query<JetonDepot>(`UPDATE jeton_depot SET revoque_le = $2::timestamptz WHERE id = $1 RETURNING ${COLONNES}`, [id, horloge.maintenant().toISOString()]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'revoquer_jeton_depot', objet: `jeton ${id}`, codeStructure: jeton.code_structure, origine });
    return revoque;
  });
}

/** L'acteur d'un jeton, tel que le journal le nomme. */
const acteurDuJeton = (id: number) => `jeton:${id}`;

/** Ce que rend la lecture d'un jeton : son utilisateur machine, ou le refus (et, pour un jeton valide hors de sa ML, qui l'a tenté). */
export type LectureJeton = { utilisateur: Utilisateur; refus?: undefined } | { refus: ErreurAcces; utilisateur?: Utilisateur };

/**
 * L'utilisateur machine d'un jeton valide : la direction de sa ML, que le serveur ne laisse passer que
 * sur les routes des dépôts. L'usage est tracé et date la dernière utilisation, dans une transaction.
 * Un jeton inconnu, expiré ou révoqué (401), ou présenté pour une autre ML que la sienne (`codeStructure`
 * de l'adresse, 403), rend le refus sans rien écrire (le serveur trace le refus).
 */
export async function utilisateurDuJeton(
  base: Base,
  jeton: string,
  requete: { route: string; origine: string; codeStructure?: string },
  horloge: Horloge,
): Promise<LectureJeton> {
  const maintenant = horloge.maintenant().toISOString();
  return base.transaction(async (tx) => {
    const [ligne] = await tx.query<{ id: number; code_structure: string; libelle: string; nom: string; code_departement: string; code_region: string; revoque: boolean; expire: boolean }>(
      `SELECT j.id, j.code_structure, j.libelle, m.nom, m.code_departement, m.code_region,
              j.revoque_le IS NOT NULL AS revoque, j.expire_le <= $2::timestamptz AS expire
       FROM jeton_depot j JOIN mission_locale m USING (code_structure) WHERE j.empreinte = $1`,
      [empreinteSecret(jeton), maintenant],
    );
    const refus = (message: string) => ({ refus: new ErreurAcces(message, 'non_connecte') });
    if (!ligne) return refus('Jeton de dépôt inconnu : vérifiez l’en-tête Authorization (Bearer suivi du jeton montré à sa création).');
    if (ligne.revoque) return refus(`Le jeton de dépôt « ${ligne.libelle} » a été révoqué : demandez-en un nouveau à la direction de la Mission locale.`);
    if (ligne.expire) return refus(`Le jeton de dépôt « ${ligne.libelle} » a expiré : demandez-en un nouveau à la direction de la Mission locale.`);
    const utilisateur: Utilisateur = {
      id: 0,
      nom: `Jeton « ${ligne.libelle} »`,
      courriel: acteurDuJeton(ligne.id),
      role: 'direction_ml',
      organisation: { type: 'ml', code: ligne.code_structure, nom: ligne.nom },
      portee: { niveau: 'structure', code: ligne.code_structure, code_departement: ligne.code_departement, code_region: ligne.code_region },
    };
    if (requete.codeStructure !== undefined && requete.codeStructure !== ligne.code_structure) {
      return { utilisateur, refus: new ErreurAcces(`Hors de votre périmètre : le jeton de dépôt « ${ligne.libelle} » ne vaut que pour la Mission locale ${ligne.code_structure}.`, 'hors_perimetre') };
    }
    await tx.query('UPDATE jeton_depot SET derniere_utilisation = $2::timestamptz WHERE id = $1', [ligne.id, maintenant]);
    await auditer(tx, { acteur: utilisateur.courriel, action: 'jeton_utilise', objet: requete.route, codeStructure: ligne.code_structure, origine: requete.origine });
    return { utilisateur };
  });
}
