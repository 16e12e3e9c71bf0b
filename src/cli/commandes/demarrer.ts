import type { Command } from 'commander';
import { baseVide } from '../../application/demo/baseVide.ts';
import { chargerDemo } from '../../application/demo/chargerDemo.ts';
import { assurerConventionsDemo } from '../../application/dialogue/assurerConventionsDemo.ts';
import { rapportEnTexte } from '../../application/echange/rapport.ts';
import { ports } from '../../composition.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';
import { construireSiNecessaire } from '../construire.ts';
import { progressionTerminal } from '../progression.ts';
import { servir } from './servir.ts';

/** `npm start` : au premier lancement, charge la démonstration d'une région, puis sert l'application. */
export function commandeDemarrer(programme: Command) {
  programme
    .command('demarrer')
    .description('construit l’application web si besoin, charge la démonstration si la base est vide, puis sert (commande de npm start)')
    .action(async () => {
      construireSiNecessaire();
      await avecBase(async (base) => {
        if (!(await baseVide(base))) return assurerConventionsDemo(base, acteurCli());
        process.stderr.write('Base vide : chargement de la démonstration (région Bretagne, 2015-2018)…\n');
        const { horloge, fichiers } = ports();
        const rapport = await chargerDemo(base, { echelle: 'region', graine: 2015, acteur: acteurCli(), progression: progressionTerminal(), horloge, fichiers });
        process.stderr.write(rapportEnTexte(rapport) + '\n');
        if (rapport.statut === 'refuse') throw new Error('la démonstration n’a pas pu être chargée');
        await assurerConventionsDemo(base, acteurCli());
      });
      await servir(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
    });
}
