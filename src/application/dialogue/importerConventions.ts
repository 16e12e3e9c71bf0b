// Les conventions d'un fichier CSV (en-tête ; lu par l'analyseur de l'import : `;` ou `,`, guillemets) :
// tout ou rien ; chaque erreur dit sa ligne et son champ.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Base } from '../ports/base.ts';
import { ErreurCsv, type Enregistrement, type LecteurFichiers } from '../ports/fichiers.ts';
import { auditer } from '../audit.ts';
import { ecrireConvention, schemaConvention, type Convention } from './conventions.ts';

const ENTETE = ['code_structure', 'numero', 'annee_debut', 'annee_fin', 'date_signature', 'montant_reference'];

/** Chaque ligne du fichier (son numéro dans le fichier), validée ; la moindre erreur refuse le fichier entier. */
function lireFichier(fichiers: LecteurFichiers, texte: string, nomFichier: string): { ligne: number; convention: Convention }[] {
  let enregistrements: Enregistrement[];
  try {
    enregistrements = fichiers.analyserCsv(texte);
  } catch (e) {
    if (e instanceof ErreurCsv) throw new ErreurMetier(`${nomFichier}, ligne ${e.ligne}${e.colonne ? `, ${e.colonne}` : ''} : ${e.message}`);
    throw e;
  }
  const [premier, ...lignes] = enregistrements;
  const entete = (premier?.champs ?? []).map((c) => c.trim());
  const manquantes = ENTETE.filter((c) => !entete.includes(c));
  if (manquantes.length) throw new ErreurMetier(`${nomFichier}, ligne 1 : colonne${manquantes.length > 1 ? 's' : ''} manquante${manquantes.length > 1 ? 's' : ''} : ${manquantes.join(', ')}`);
  const erreurs: string[] = [];
  const conventions: { ligne: number; convention: Convention }[] = [];
  for (const { ligne, champs } of lignes) {
    const champ = (nom: string) => (champs[entete.indexOf(nom)] ?? '').trim();
    const nombre = (nom: string) => (/^-?\d+$/.test(champ(nom)) ? Number(champ(nom)) : Number.NaN);
    const lu = schemaConvention.safeParse({
      code_structure: champ('code_structure'),
      numero: champ('numero'),
      annee_debut: nombre('annee_debut'),
      annee_fin: nombre('annee_fin'),
      date_signature: champ('date_signature'),
      montant_reference: nombre('montant_reference'),
    });
    if (lu.success) conventions.push({ ligne, convention: lu.data });
    else for (const e of lu.error.issues) erreurs.push(`${nomFichier}, ligne ${ligne}, ${e.path.join('.')} : ${e.message}`);
  }
  if (erreurs.length) throw new ErreurMetier(`Fichier refusé, rien n'a été écrit — ${erreurs.join(' ; ')}`);
  return conventions;
}

/** Valider (le fichier entier) → transaction → pour chaque ligne : charger, autoriser, décider, écrire → auditer. */
export async function importerConventions(
  base: Base,
  fichiers: LecteurFichiers,
  utilisateur: Utilisateur,
  texte: string,
  nomFichier: string,
  origine: string,
): Promise<{ conventions: number }> {
  const conventions = lireFichier(fichiers, texte, nomFichier);
  return base.transaction(async (tx) => {
    for (const { ligne, convention } of conventions) {
      try {
        await ecrireConvention(tx, utilisateur, convention);
      } catch (e) {
        if (e instanceof ErreurMetier) throw Object.assign(e, { message: `${nomFichier}, ligne ${ligne} : ${e.message} Fichier refusé, rien n'a été écrit.` });
        throw e;
      }
    }
    await auditer(tx, { acteur: utilisateur.courriel, action: 'importer_conventions', objet: nomFichier, origine, details: { conventions: conventions.length } });
    return { conventions: conventions.length };
  });
}
