// Des réponses gardées pour un état des données (leur version, et le jour pour ce qui en dépend) :
// un autre état vide tout. Le périmètre ne se garde pas : il se vérifie à chaque requête, avant.
export class CacheParVersion {
  private etat: string | number | undefined;
  private readonly entrees = new Map<string, Promise<unknown>>();
  /** `max` : au-delà, tout est vidé (les clés suivent les adresses demandées). */
  constructor(private readonly max: number) {}

  /** Ce qui est gardé pour l'état `etat`, lu une fois par la requête. */
  pour(etat: string | number) {
    if (etat !== this.etat || this.entrees.size > this.max) {
      this.entrees.clear();
      this.etat = etat;
    }
    return {
      garder: <T>(cle: string, calculer: () => Promise<T>): Promise<T> => {
        let entree = this.entrees.get(cle) as Promise<T> | undefined;
        if (!entree) {
          entree = calculer();
          this.entrees.set(cle, entree);
          entree.catch(() => this.entrees.delete(cle));
        }
        return entree;
      },
    };
  }
}
