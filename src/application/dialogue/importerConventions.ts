// Les conventions d'un fichier CSV (`;`, en-tête) : tout ou rien ; chaque erreur dit sa ligne et son champ.
import type { Utilisateur } from '../../domaine/acces/droits.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import type { Base } from '../ports/base.ts';
import { auditer } from '../audit.ts';
import { ecrireConvention, schemaConvention, type Convention } from './conventions.ts';

const ENTETE = ['code_structure', 'numero', 'annee_debut', 'annee_fin', 'date_signature', 'montant_reference'];

/** Chaque ligne du fichier, validée ; la moindre erreur refuse le fichier entier. */
function lireFichier(texte: string, nomFichier: string): Convention[] {
  const lignes = texte.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const entete = (lignes.shift() ?? '').split(';').map((c) => c.trim());
  const manquantes = ENTETE.filter((c) => !entete.includes(c));
  if (manquantes.length) throw new ErreurMetier(`${nomFichier}, ligne 1 : colonne${manquantes.length > 1 ? 's' : ''} manquante${manquantes.length > 1 ? 's' : ''} : ${manquantes.join(', ')}`);
  const erreurs: string[] = [];
  const conventions: Convention[] = [];
  lignes.forEach((ligne, i) => {
    const cellules = ligne.split(';');
    const champ = (nom: string) => (cellules[entete.indexOf(nom)] ?? '').trim();
    const nombre = (nom: string) => (/^-?\d+$/.test(champ(nom)) ? Number(champ(nom)) : Number.NaN);
    const lu = schemaConvention.safeParse({
      code_structure: champ('code_structure'),
      numero: champ('numero'),
      annee_debut: nombre('annee_debut'),
      annee_fin: nombre('annee_fin'),
      date_signature: champ('date_signature'),
      montant_reference: nombre('montant_reference'),
    });
    if (lu.success) conventions.push(lu.data);
    else for (const e of lu.error.issues) erreurs.push(`${nomFichier}, ligne ${i + 2}, ${e.path.join('.')} : ${e.message}`);
  });
  if (erreurs.length) throw new ErreurMetier(`Fichier refusé, rien n'a été écrit — ${erreurs.join(' ; ')}`);
  return conventions;
}

/** Valider (le fichier entier) → transaction → pour chaque ligne : charger, autoriser, décider, écrire → auditer. */
export async function importerConventions(base: Base, utilisateur: Utilisateur, texte: string, nomFichier: string, origine: string): Promise<{ conventions: number }> {
  const conventions = lireFichier(texte, nomFichier);
  return base.transaction(async (tx) => {
    for (const [i, c] of conventions.entries()) {
      try {
        await ecrireConvention(tx, utilisateur, c);
      } catch (e) {
        if (e instanceof ErreurMetier) throw Object.assign(e, { message: `${nomFichier}, ligne ${i + 2} : ${e.message} Fichier refusé, rien n'a été écrit.` });
        throw e;
      }
    }
    await auditer(tx, { acteur: utilisateur.courriel, action: 'importer_conventions', objet: nomFichier, origine, details: { conventions: conventions.length } });
    return { conventions: conventions.length };
  });
}
