import type { Command } from 'commander';
import { creerAdministrateurNational } from '../../application/acces/comptes.ts';
import { acteurCli } from '../acteur.ts';
import { avecBase } from '../base.ts';

/** `cpo administrateur` : le premier compte d'une base neuve (agent DGEFP), qui invite ensuite les autres. */
export function commandeAdministrateur(programme: Command) {
  programme
    .command('administrateur')
    .description("crée un compte d'agent DGEFP (le premier d'une base neuve) ; il se connecte par ProConnect avec ce courriel et invite les autres depuis l'application")
    .argument('<courriel>', 'son courriel ProConnect')
    .requiredOption('--nom <nom>', 'prénom et nom')
    .action(async (courriel: string, options: { nom: string }) => {
      await avecBase(async (base) => {
        const compte = await creerAdministrateurNational(base, { courriel, nom: options.nom }, acteurCli());
        process.stderr.write(`Compte DGEFP créé : ${compte.courriel} (n° ${compte.id}).\n`);
      });
    });
}
