// Cas d'usage : importer un extrait au format d'échange, en étapes nommées (dossier import/) :
//
// 1. lire : ouvrir le dossier ou l'archive, trouver les fichiers du format (lecture.ts) ;
// 2. valider et mettre en transit : chaque fichier lu en flux, chaque valeur contrôlée en JavaScript
//    (validation.ts) et chargée par COPY dans une table de transit propre à la transaction (transit.ts) ;
// 3. contrôler : ce qui porte sur plusieurs lignes ou sur la base, en requêtes ensemblistes (controles.ts) ;
// 4. fusionner : INSERT … ON CONFLICT, même clé = mise à jour, ligne identique = rien (fusion.ts), puis
//    recalculer l'activité des seuls jeunes dont l'extrait touche les événements ou les situations (activite.ts) ;
// Un dépôt d'une ML (option `structure`) ne contient que ses lignes : une ligne d'une autre ML refuse
// tout l'extrait, dans les deux modes, avant les contrôles ; sa fiche (structures.csv) ne la déplace pas.
// 5. rapporter : le rapport, les rejets du mode tolérant (rejets.ts), la ligne d'audit (rapporter.ts).
//
// Mode strict : la moindre erreur refuse l'import, et rien n'est écrit. Mode tolérant : les lignes
// fautives (et celles qui en dépendent) sont écartées et recopiées dans un fichier de rejets. La ligne
// d'audit s'écrit une fois, par la forme commune des cas d'usage (casDUsage.ts), que l'import
// réussisse, soit refusé ou échoue.
import { basename, dirname, join } from 'node:path';
import { abreger } from '../../domaine/echange/valeurs.ts';
import type { Base, Requeteur } from '../ports/base.ts';
import type { LongueursMax } from '../ports/fichiers.ts';
import { accepter, executerTrace, refuser, type Resultat } from '../casDUsage.ts';
import { recalculerActivite, recalculerJeunesTouches } from '../indicateurs/activiteAnnuelle.ts';
import { marquerDonneesMisesAJour } from '../indicateurs/donneesMisesAJour.ts';
import { faitLActivite, noterJeunesTouches } from './import/activite.ts';
import { controler, controlerFicheDeposee, controlerFinancements, signalerAutresStructures, signalerDoublons, type ContexteControle } from './import/controles.ts';
import { fusionnerTout } from './import/fusion.ts';
import { lireExtrait } from './import/lecture.ts';
import { limitesParDefaut, type OptionsImport } from './import/options.ts';
import { compterRejets, rapportRefuse, rapportVide, traceImport, trierErreurs, type RefusImport } from './import/rapporter.ts';
import { ecrireRejets } from './import/rejets.ts';
import { signalementsDans } from './import/signalements.ts';
import { mettreEnTransit, type FichierLu } from './import/transit.ts';
import type { RapportImport } from './rapport.ts';

export { limitesParDefaut, type Limites, type OptionsImport, type Progression } from './import/options.ts';

export async function importerExtrait(base: Base, source: string, options: OptionsImport): Promise<RapportImport> {
  const debut = options.horloge.ms();
  const rapport = rapportVide(source, options.tolerant ?? false);
  const resultat = await executerTrace<RapportImport, RefusImport>(base, (tx) => importer(tx, source, options, rapport, debut), {
    accepte: (r) => traceImport(options, r, 'import_extrait'),
    refuse: ({ rapport: r, motif }) => traceImport(options, r, 'import_refuse', motif),
    // Une panne (base, disque, défaut du programme) : tracée si la base le permet encore, puis elle remonte.
    echoue: (e) => traceImport(options, rapportRefuse(rapport, options.horloge.ms() - debut), 'import_echoue', abreger(e instanceof Error ? e.message : String(e))),
  });
  return trierErreurs(resultat.accepte ? resultat.valeur : resultat.refus.rapport);
}

/**
 * L'acte, dans la transaction : `rapport` se remplit en chemin (il sert aussi à tracer une panne). La
 * saisie du parcours (parcours/saisirParcours.ts) le lance dans sa propre transaction, sur un extrait d'une ligne.
 */
export async function importer(tx: Requeteur, source: string, options: OptionsImport, rapport: RapportImport, debut: number): Promise<Resultat<RapportImport, RefusImport>> {
  const tolerant = options.tolerant ?? false;
  const limites = { ...limitesParDefaut(), ...options.limites };
  const longueurs: LongueursMax = { ligne: limites.longueurLigne, champ: limites.longueurChamp };
  const signalements = signalementsDans(rapport);
  const refus = (motif?: string) => refuser({ rapport: rapportRefuse(rapport, options.horloge.ms() - debut, motif), motif });

  const lecture = await lireExtrait(options.fichiers, source, limites.octets);
  if (!lecture.accepte) {
    rapport.fichiersIgnores = lecture.refus.ignores;
    return refus(lecture.refus.motif);
  }
  const { extrait, presents } = lecture.valeur;
  rapport.fichiersIgnores = extrait.ignores;
  try {
    await suspendreClesEtrangeres(tx);
    const contexte = { horloge: options.horloge, fichiers: options.fichiers, lignesMax: limites.lignes, longueurs, signaler: signalements.signaler, progression: options.progression };
    const lus: FichierLu[] = [];
    for (const fichier of presents) {
      const lu = await mettreEnTransit(tx, fichier, extrait.fichiers.get(fichier.nom)!, contexte);
      if (lu.depassement !== undefined) return refus(lu.depassement);
      lus.push(lu);
    }
    rapport.fichiers = lus.map((l) => l.bilan);

    const ctx: ContexteControle = { tx, tolerant, signalements, progression: options.progression, horloge: options.horloge, saisie: options.saisie };
    if (options.structure !== undefined && (await signalerAutresStructures(ctx, lus, options.structure))) {
      compterRejets(lus, signalements.rejets);
      return refus(`le dépôt de la Mission locale ${options.structure} contient des lignes d'une autre Mission locale : il est refusé en entier, rien n'est écrit`);
    }
    if (options.structure !== undefined) await controlerFicheDeposee(ctx, lus);
    await controler(ctx, lus);
    if (extrait.fichiers.has('moyens.csv')) rapport.avertissements.push(...(await controlerFinancements(tx)));
    if (signalements.enErreur && !tolerant) {
      // Refusé de toute façon : le rapport dit aussi les clés en double.
      for (const lu of lus) await signalerDoublons(ctx, lu);
      compterRejets(lus, signalements.rejets);
      return refus();
    }

    const neuves = await noterJeunesTouches(tx, lus);
    const fusionne = await fusionnerTout(ctx, lus);
    compterRejets(lus, signalements.rejets);
    if (!fusionne) return refus();
    await apresFusion(tx, lus, neuves);

    if (tolerant && lus.some((l) => l.bilan.rejetes > 0)) {
      rapport.statut = 'importe_avec_rejets';
      rapport.dossierRejets = options.dossierRejets ?? join(dirname(source), `${basename(source).replace(/\.zip$/i, '')}.rejets`);
      await ecrireRejets(options.fichiers, lus, signalements.rejets, rapport.dossierRejets, longueurs);
    }
    rapport.dureeMs = options.horloge.ms() - debut;
    await options.finaliser?.(tx, trierErreurs(rapport));
    return accepter(rapport);
  } finally {
    extrait.nettoyer();
  }
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

/**
 * Ce qui suit les données, dans la même transaction : l'activité des jeunes touchés (et des ML `neuves`,
 * chargées pour la première fois, entières), la version des données.
 */
async function apresFusion(tx: Requeteur, lus: FichierLu[], neuves: string[]) {
  const ecrits = lus.filter((l) => l.bilan.crees + l.bilan.misAJour > 0);
  const structures = (fichiers: FichierLu[]) => [...new Set(fichiers.flatMap((l) => [...l.structures]))];
  if (ecrits.some(faitLActivite)) {
    await recalculerActivite(tx, neuves);
    await recalculerJeunesTouches(tx);
  }
  // Les chiffres en cache sont calculés sur une version des données : celle-ci périme ceux des ML écrites.
  if (ecrits.length) await marquerDonneesMisesAJour(tx, structures(ecrits));
}
