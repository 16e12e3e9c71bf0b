import { Option, type Command } from 'commander';
import { chargerCatalogueQualite } from '../../application/qualite/catalogueQualiteEnVigueur.ts';
import { calculerQualiteStructure, calculerQualiteTerritoire } from '../../application/qualite/lireQualite.ts';
import { ports } from '../../composition.ts';
import { ErreurMetier } from '../../domaine/erreurs.ts';
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { LIBELLES_NIVEAU, type Qualite } from '../../domaine/qualite/score.ts';
import { avecBase } from '../base.ts';
import { entier } from '../options.ts';

const confiance = (q: Pick<Qualite, 'score' | 'niveau'>) => (q.niveau ? `${q.score}/100, niveau de confiance ${LIBELLES_NIVEAU[q.niveau]}` : 'rien à examiner');

/** Des nombres seulement : la liste des jeunes à corriger se lit dans l'application, par la ML (lecture auditée). */
export function commandeQualite(programme: Command) {
  programme
    .command('qualite')
    .description("score de qualité des données d'une année pour chaque Mission locale, ou les constats d'une seule (règles de catalogues/qualite-donnees.json)")
    .requiredOption('--annee <N>', 'année civile', entier('--annee'))
    .option('--structure <code>', 'une seule Mission locale, règle par règle')
    .addOption(new Option('--format <format>', 'format de sortie').choices(['json', 'tableau']).default('tableau'))
    .action(async (options: { annee: number; structure?: string; format: 'json' | 'tableau' }) => {
      const catalogue = chargerCatalogueQualite();
      const jour = ports().horloge.dateDuJour();
      const resultat = await avecBase(async (base) =>
        options.structure
          ? ((await calculerQualiteStructure(base, catalogue, options.structure, options.annee, jour)) ?? introuvable(options.structure))
          : calculerQualiteTerritoire(base, catalogue, 'national', 'FR', options.annee, jour),
      );
      if (options.format === 'json') return void process.stdout.write(JSON.stringify(resultat, null, 2) + '\n');
      const lignes = [`Qualité des données ${options.annee} (catalogue ${catalogue.version})`];
      if ('structure' in resultat) {
        lignes.push(`${resultat.structure.code} ${resultat.structure.nom} : ${confiance(resultat)}`, '');
        for (const c of resultat.constats) {
          const part = c.part === null ? 'sans objet' : `${formaterValeur(c.nombre, 'jeunes')} sur ${formaterValeur(c.base, 'jeunes')} (${formaterValeur(c.part, 'part')})`;
          lignes.push(`  ${(c.respectee ? 'ok' : 'à corriger').padEnd(10)} ${c.libelle.padEnd(52)} ${part.padStart(28)}  seuil ${formaterValeur(c.seuil, 'part')}, gravité ${c.libelle_gravite}`);
        }
      } else {
        lignes.push(`Ensemble : ${confiance(resultat)}`, '');
        for (const s of resultat.structures) lignes.push(`  ${s.code.padEnd(10)} ${s.nom.padEnd(50)} ${confiance(s)}`);
      }
      process.stdout.write(lignes.join('\n') + '\n');
    });
}

function introuvable(code: string): never {
  throw new ErreurMetier(`structure inconnue : ${code}`);
}
