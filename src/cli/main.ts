// La ligne de commande `cpo`, en français. Code de sortie 0 si tout va bien, 1 sinon, rapport sur stderr.
import { Command, CommanderError } from 'commander';
import { ErreurMetier } from '../domaine/erreurs.ts';
import { commandeAdministrateur } from './commandes/administrateur.ts';
import { commandeDemo } from './commandes/demo.ts';
import { commandeDemarrer } from './commandes/demarrer.ts';
import { commandeExporter } from './commandes/exporter.ts';
import { commandeFiger } from './commandes/figer.ts';
import { commandeIndicateurs } from './commandes/indicateurs.ts';
import { commandeImporter } from './commandes/importer.ts';
import { commandeQualite } from './commandes/qualite.ts';
import { commandeRetention } from './commandes/retention.ts';
import { commandeServir } from './commandes/servir.ts';
import { commandeVerifier } from './commandes/verifier.ts';

const TITRES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options générales :',
};

/** Les messages d'erreur de commander, traduits. */
const TRADUCTIONS: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'(?:\s*\(Did you mean (.+)\?\))?/, 'option inconnue : $1'],
  [/^error: unknown command '(.+?)'.*/, 'commande inconnue : $1 (cpo --aide liste les commandes)'],
  [/^error: missing required argument '(.+)'/, 'argument obligatoire manquant : $1'],
  [/^error: option '(.+)' argument missing/, "l'option $1 attend une valeur"],
  [/^error: required option '(.+?)' not specified/, 'option obligatoire manquante : $1'],
  [/^error: too many arguments.*Expected (\d+) argument.* but got (\d+)\./, "trop d'arguments : $1 attendu(s), $2 donné(s)"],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+)\./, 'valeur « $2 » invalide pour $1 ; valeurs admises : $3'],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\. (.*)/, '$3'],
  [/^error: command-argument value '(.+?)' is invalid for argument '(.+?)'\. (.*)/, '$3'],
];

function configurer(commande: Command): Command {
  return commande
    .helpOption('-h, --aide', 'affiche cette aide')
    .configureHelp({ styleTitle: (titre) => TITRES[titre] ?? titre })
    .configureOutput({
      outputError: (texte, ecrire) => {
        let message = texte.trim();
        for (const [motif, traduction] of TRADUCTIONS) if (motif.test(message)) message = message.replace(motif, traduction);
        ecrire(`cpo : ${message}\n`);
      },
    })
    .exitOverride();
}

const programme = configurer(new Command('cpo'))
  .description("CPO Missions locales : données des parcours, indicateurs et dialogue de gestion entre l'État et les Missions locales")
  .version('0.1.0', '-v, --version', 'affiche la version')
  .helpCommand('aide [commande]', "affiche l'aide d'une commande")
  .showHelpAfterError('(cpo --aide pour l’aide)');

for (const ajouter of [commandeImporter, commandeExporter, commandeIndicateurs, commandeQualite, commandeFiger, commandeDemo, commandeRetention, commandeVerifier, commandeAdministrateur, commandeServir, commandeDemarrer]) {
  ajouter(programme);
}
for (const sous of programme.commands) configurer(sous);

try {
  await programme.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode;
  } else if (e instanceof ErreurMetier) {
    process.stderr.write(`cpo : ${e.message}\n`);
    process.exitCode = 1;
  } else {
    // La pile d'appels sert au développeur, pas à l'opérateur : sur demande seulement.
    const detail = process.env.CPO_DEBUG === '1' && e instanceof Error ? (e.stack ?? e.message) : e instanceof Error ? e.message : String(e);
    process.stderr.write(`cpo : erreur inattendue (détail technique : ${detail}). CPO_DEBUG=1 affiche la pile d'appels.\n`);
    process.exitCode = 1;
  }
}
