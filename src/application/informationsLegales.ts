// Les informations légales du service (éditeur, hébergeur, contacts) : une seule source, à compléter
// par l'exploitant, le fichier désigné par CPO_INFORMATIONS_LEGALES ou catalogues/informations-legales.json.
// Les pages légales y ajoutent ce que le serveur applique lui-même (conservation, cookie de session).
import { join } from 'node:path';
import { lireJson } from './lireJson.ts';
import * as z from 'zod';
import { messagesDe } from '../domaine/dialogue/contenus.ts';
import { ErreurMetier } from '../domaine/erreurs.ts';
import { estDateValide } from '../domaine/temps/dates.ts';

const PAR_DEFAUT = join(import.meta.dirname, '..', '..', 'catalogues', 'informations-legales.json');

/** Une information à compléter par l'exploitant : null tant qu'elle ne l'est pas. */
const aCompleter = z.string().trim().min(1).nullable();

const schema = z.object({
  service: z.string().trim().min(1),
  editeur: z.object({ nom: z.string().trim().min(1), rattachement: aCompleter, adresse: aCompleter, directeur_publication: aCompleter }),
  hebergeur: z.object({ nom: aCompleter, adresse: aCompleter, telephone: aCompleter }),
  contact: z.object({ courriel: aCompleter, donnees_personnelles: aCompleter }),
  accessibilite: z.object({ date: z.string().refine(estDateValide, 'date AAAA-MM-JJ attendue') }),
});
export type InformationsLegales = z.infer<typeof schema>;

export function chargerInformationsLegales(chemin = process.env.CPO_INFORMATIONS_LEGALES || PAR_DEFAUT): InformationsLegales {
  const brut = lireJson(chemin, 'informations légales illisibles', ErreurMetier);
  const lu = schema.safeParse(brut);
  if (!lu.success) throw new ErreurMetier(`informations légales invalides : ${chemin} — ${messagesDe(lu.error)}`);
  return lu.data;
}
