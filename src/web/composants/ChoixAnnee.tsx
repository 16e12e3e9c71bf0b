// Le choix de l'année, gardé dans l'adresse (?annee=) ; sur les tableaux de bord, aussi l'année à la
// date que propose le serveur (?au=, le dernier jour du dernier mois complet).
import { Select } from '@codegouvfr/react-dsfr/Select';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { changerParametres, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';

export function useAnnee(): number {
  const { parametres } = useAdresse();
  const { annees } = useSession();
  const demandee = Number(parametres.get('annee'));
  return annees.includes(demandee) ? demandee : (annees.at(-1) ?? new Date().getFullYear());
}

/** L'année choisie et, pour les chiffres à date, le jour (seulement celui que propose le serveur, dans l'année). */
export function usePeriode(): { annee: number; au?: string } {
  const { parametres } = useAdresse();
  const { au_propose } = useSession();
  const annee = useAnnee();
  const au = parametres.get('au');
  return au !== null && au === au_propose && au.startsWith(`${annee}-`) ? { annee, au } : { annee };
}

/** « 2018 » pour l'année entière, « au 30 novembre 2018 » à date. */
export const libellePeriode = (annee: number, au?: string) => (au ? `au ${dateEnFrancais(au)}` : String(annee));

/** `aDate` : propose aussi l'année à la date du serveur, à côté des années entières. */
export function ChoixAnnee({ aDate = false }: { aDate?: boolean }) {
  const { annee, au } = usePeriode();
  const { annees, au_propose } = useSession();
  const propose = aDate ? au_propose : null;
  return (
    <Select
      label="Année"
      nativeSelectProps={{
        value: propose && au ? 'au' : annee,
        onChange: (e) =>
          changerParametres(e.target.value === 'au' && propose ? { annee: propose.slice(0, 4), au: propose } : { annee: e.target.value, au: null }),
      }}
      className="fr-mb-0"
    >
      {annees.map((a) => (
        <option key={a} value={a}>
          {a}
        </option>
      ))}
      {propose && <option value="au">{`${propose.slice(0, 4)} ${libellePeriode(Number(propose.slice(0, 4)), propose)}`}</option>}
    </Select>
  );
}
