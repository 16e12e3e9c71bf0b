// Les horloges du serveur et de la ligne de commande (port : src/application/ports/horloge.ts).
import type { Horloge } from '../application/ports/horloge.ts';
import { ErreurMetier } from '../domaine/erreurs.ts';
import { dateAParis, estDateValide, type DateCalendaire } from '../domaine/temps/dates.ts';

export const horlogeSysteme: Horloge = {
  maintenant: () => new Date(),
  dateDuJour: () => dateAParis(new Date()),
  // Entières, comme les durées du rapport d'import ; monotones, contrairement à Date.now().
  ms: () => Math.round(performance.now()),
};

/** Le jour fixé, l'heure qui passe : sessions et durées restent réelles, seules les dates du jour changent. */
export function auJourFixe(jour: DateCalendaire, horloge: Horloge = horlogeSysteme): Horloge {
  return { maintenant: () => horloge.maintenant(), dateDuJour: () => jour, ms: () => horloge.ms() };
}

/** L'horloge du système, ou celle du jour fixé par CPO_AUJOURDHUI (AAAA-MM-JJ : recette, rejeu d'un import). */
export function horlogeDeLEnvironnement(env: NodeJS.ProcessEnv = process.env): Horloge {
  const jour = env.CPO_AUJOURDHUI;
  if (!jour) return horlogeSysteme;
  if (!estDateValide(jour)) throw new ErreurMetier(`CPO_AUJOURDHUI invalide : « ${jour} » ; une date AAAA-MM-JJ qui existe est attendue.`);
  return auJourFixe(jour);
}
