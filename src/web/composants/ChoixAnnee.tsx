// Le choix de l'année, gardé dans l'adresse (?annee=).
import { Select } from '@codegouvfr/react-dsfr/Select';
import { changerParametre, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';

export function useAnnee(): number {
  const { parametres } = useAdresse();
  const { annees } = useSession();
  const demandee = Number(parametres.get('annee'));
  return annees.includes(demandee) ? demandee : (annees.at(-1) ?? new Date().getFullYear());
}

export function ChoixAnnee() {
  const annee = useAnnee();
  const { annees } = useSession();
  return (
    <Select label="Année" nativeSelectProps={{ value: annee, onChange: (e) => changerParametre('annee', e.target.value) }} className="fr-mb-0">
      {annees.map((a) => (
        <option key={a} value={a}>
          {a}
        </option>
      ))}
    </Select>
  );
}
