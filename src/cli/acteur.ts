// Qui écrit depuis la ligne de commande : le journal d'audit nomme l'utilisateur système et la machine.
import { hostname, userInfo } from 'node:os';

/** `cli:marie@serveur-ml` ; un processus sans compte système (conteneur lancé sous un uid arbitraire) est nommé par son uid. */
export function acteurCli(): string {
  let utilisateur: string;
  try {
    utilisateur = userInfo().username;
  } catch {
    utilisateur = `uid-${process.getuid?.()}`;
  }
  return `cli:${utilisateur}@${hostname()}`;
}
