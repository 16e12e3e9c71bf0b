// Cas d'usage : téléverser un fichier de données déclarées pour plusieurs ML à la fois, au format de
// contexte.csv ou de moyens.csv de l'extrait. Chaque ligne passe par la validation de l'import ; tout
// ou rien : une erreur (valeur, ML inconnue, ML hors du périmètre de l'utilisateur, clé en double) et
// rien n'est écrit, le rapport dit chaque erreur (fichier, ligne, colonne, valeur, message).
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { fichierDeclare, type NatureDeclaree } from '../../domaine/declarees/declaration.ts';
import { lecteurDeColonne } from '../../domaine/echange/valeurs.ts';
import { accepter, executerTrace, refuser } from '../casDUsage.ts';
import { lireEntete, validerEnregistrement } from '../echange/import/validation.ts';
import type { ErreurImport } from '../echange/rapport.ts';
import { marquerDonneesMisesAJour } from '../indicateurs/donneesMisesAJour.ts';
import type { Base } from '../ports/base.ts';
import { ErreurCsv, type Enregistrement, type LecteurFichiers } from '../ports/fichiers.ts';
import type { Horloge } from '../ports/horloge.ts';
import { chargerMissionsLocales, ecrireDeclaration, peutDeclarer } from './commun.ts';

/** Un fichier de données annuelles : quelques milliers de lignes au plus (445 ML, quelques années). */
const LIGNES_MAX_TELEVERSEMENT = 20_000;

export interface RapportTeleversement {
  fichier: string;
  statut: 'accepte' | 'refuse';
  /** Lignes de données lues, et lignes dont au moins un champ a changé. */
  lignes: number;
  lignesChangees: number;
  champsChanges: number;
  erreurs: ErreurImport[];
  /** Les lignes d'une ML hors du périmètre de l'utilisateur : le refus est alors un refus d'accès. */
  lignesHorsPerimetre: number[];
}

interface Ligne {
  ligne: number;
  code: string;
  annee: number;
  valeurs: Record<string, string | null>;
}

export async function televerserDeclarations(
  base: Base,
  ports: { fichiers: LecteurFichiers; horloge: Horloge },
  utilisateur: Utilisateur,
  nature: NatureDeclaree,
  nomFichier: string,
  texte: string,
  origine: string,
): Promise<RapportTeleversement> {
  const rapport: RapportTeleversement = { fichier: nomFichier, statut: 'refuse', lignes: 0, lignesChangees: 0, champsChanges: 0, erreurs: [], lignesHorsPerimetre: [] };
  const signaler = (ligne: number, colonne: string, valeur: string, message: string) => void rapport.erreurs.push({ fichier: nomFichier, ligne, colonne, valeur, message });
  const lignes = lireLignes(ports, nature, texte, ports.horloge.dateDuJour(), signaler);
  rapport.lignes = lignes.length;
  const trace = (action: string, details: object) => ({ acteur: utilisateur.courriel, action, objet: nomFichier, origine, details: { nature, ...details } });
  const resultat = await executerTrace<RapportTeleversement, RapportTeleversement>(
    base,
    async (tx) => {
      if (rapport.erreurs.length) return refuser(rapport);
      const mls = await chargerMissionsLocales(tx, [...new Set(lignes.map((l) => l.code))]);
      for (const l of lignes) {
        const ml = mls.get(l.code);
        if (!ml) signaler(l.ligne, 'code_structure', l.code, 'Mission locale inconnue');
        else if (!peutDeclarer(utilisateur, nature, ml)) {
          signaler(l.ligne, 'code_structure', l.code, `hors de votre périmètre : vous ne pouvez pas déclarer ${nature === 'moyens' ? 'les moyens' : 'le contexte'} de cette Mission locale`);
          rapport.lignesHorsPerimetre.push(l.ligne);
        }
      }
      if (rapport.erreurs.length) return refuser(rapport);
      for (const l of lignes) {
        const changements = await ecrireDeclaration(tx, { nature, code: l.code, annee: l.annee, valeurs: l.valeurs, acteur: utilisateur.courriel, origine });
        if (changements.length) rapport.lignesChangees += 1;
        rapport.champsChanges += changements.length;
      }
      if (rapport.champsChanges) await marquerDonneesMisesAJour(tx, [...new Set(lignes.map((l) => l.code))]);
      rapport.statut = 'accepte';
      return accepter(rapport);
    },
    {
      accepte: (r) => trace('televerser_declarations', { lignes: r.lignes, lignes_changees: r.lignesChangees, structures: [...new Set(lignes.map((l) => l.code))] }),
      refuse: (r) => trace('televersement_refuse', { lignes: r.lignes, erreurs: r.erreurs.length, motif: r.erreurs[0] && `ligne ${r.erreurs[0].ligne}, ${r.erreurs[0].colonne} : ${r.erreurs[0].message}` }),
      echoue: (e) => trace('televersement_refuse', { motif: e instanceof Error ? e.message : String(e) }),
    },
  );
  return resultat.accepte ? resultat.valeur : resultat.refus;
}

/** Les lignes du fichier, lues et contrôlées comme celles d'un extrait ; les erreurs vont au rapport. */
function lireLignes(ports: { fichiers: LecteurFichiers }, nature: NatureDeclaree, texte: string, aujourdhui: string, signaler: (ligne: number, colonne: string, valeur: string, message: string) => void): Ligne[] {
  const fichier = fichierDeclare(nature);
  const refus = (ligne: number, colonne: string, message: string): Ligne[] => {
    signaler(ligne, colonne, '', message);
    return [];
  };
  const illisible = texte.indexOf('\ufffd');
  if (illisible >= 0) return refus(texte.slice(0, illisible).split('\n').length, '', 'caractère illisible : le fichier doit être enregistré en UTF-8');
  let enregistrements: Enregistrement[];
  try {
    enregistrements = ports.fichiers.analyserCsv(texte);
  } catch (e) {
    if (e instanceof ErreurCsv) return refus(e.ligne, e.colonne ?? '', e.message);
    throw e;
  }
  const [premier, ...donnees] = enregistrements;
  if (!premier) return refus(1, '', `fichier vide : l'en-tête de ${fichier.nom} est attendu`);
  if (donnees.length > LIGNES_MAX_TELEVERSEMENT) return refus(LIGNES_MAX_TELEVERSEMENT + 2, '', `plus de ${LIGNES_MAX_TELEVERSEMENT} lignes : découpez le fichier`);
  const entete = lireEntete(fichier, premier.champs, signaler);
  if (!entete.lisible) return [];
  const lecteurs = fichier.colonnes.map((c) => lecteurDeColonne(c, aujourdhui));
  const vues = new Map<string, number>();
  const lignes: Ligne[] = [];
  for (const { ligne, champs } of donnees) {
    const lue = validerEnregistrement(fichier, lecteurs, entete, ligne, champs, signaler);
    if (!lue || lue.rangee[1] === 'f') continue;
    const valeurs: Record<string, string | null> = {};
    fichier.colonnes.forEach((c, i) => {
      if (entete.presentes.has(c.nom) && !fichier.cle.includes(c.nom)) valeurs[c.nom] = lue.rangee[i + 2];
    });
    const code = lue.codeStructure!;
    const annee = Number(lue.rangee[2 + fichier.colonnes.findIndex((c) => c.nom === 'annee')]);
    const cle = `${code}|${annee}`;
    const deja = vues.get(cle);
    if (deja !== undefined) signaler(ligne, 'annee', String(annee), `${code} ${annee} déjà déclaré ligne ${deja} du fichier`);
    else vues.set(cle, ligne);
    lignes.push({ ligne, code, annee, valeurs });
  }
  return lignes;
}
