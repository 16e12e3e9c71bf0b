// Une horloge fixe pour les tests : le temps ne passe que quand le test l'avance.
import type { Horloge } from '../../src/application/ports/horloge.ts';
import { dateAParis, estDateValide } from '../../src/domaine/temps/dates.ts';

export class HorlogeFixe implements Horloge {
  private instant: number;

  /** Un instant ISO 8601, ou un jour AAAA-MM-JJ (à midi, heure d’hiver de Paris : loin de minuit). */
  constructor(depart: string) {
    this.instant = HorlogeFixe.lire(depart);
  }

  private static lire(texte: string): number {
    const instant = Date.parse(estDateValide(texte) ? `${texte}T12:00:00+01:00` : texte);
    if (Number.isNaN(instant)) throw new Error(`horloge de test : instant illisible « ${texte} »`);
    return instant;
  }

  maintenant = () => new Date(this.instant);
  dateDuJour = () => dateAParis(this.maintenant());
  ms = () => this.instant;

  avancer(ms: number): void {
    this.instant += ms;
  }

  /** Saute à un autre instant ou un autre jour (même lecture que le constructeur). */
  fixer(depart: string): void {
    this.instant = HorlogeFixe.lire(depart);
  }
}
