// Le choix des indicateurs et ratios en colonnes, gardé dans l'adresse (?mesures=ratio_03,…) ;
// sans choix, les colonnes par défaut du catalogue.
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { mesures, mesuresParDefaut, type Mesure } from '../outils/catalogue.ts';
import { changerParametre, useAdresse } from '../outils/routeur.tsx';
import { useSession } from '../session.tsx';

export function useMesuresChoisies(): Mesure[] {
  const { catalogue } = useSession();
  const { parametres } = useAdresse();
  const ids = parametres.get('mesures')?.split(',') ?? mesuresParDefaut(catalogue);
  const toutes = mesures(catalogue);
  return ids.map((id) => toutes.find((m) => m.id === id)).filter((m): m is Mesure => !!m);
}

export function ChoixMesures() {
  const { catalogue } = useSession();
  const choisies = useMesuresChoisies().map((m) => m.id);
  const basculer = (id: string) => {
    const suivantes = choisies.includes(id) ? choisies.filter((x) => x !== id) : [...choisies, id];
    changerParametre('mesures', suivantes.join(','));
  };
  const cases = (liste: Mesure[]) =>
    liste.map((m) => ({ label: m.libelle, nativeInputProps: { name: 'mesures', value: m.id, checked: choisies.includes(m.id), onChange: () => basculer(m.id) } }));
  const toutes = mesures(catalogue);
  return (
    <Accordion label={`Choisir les colonnes (${choisies.length} choisies)`} className="fr-mb-3w">
      <div className="cpo-colonnes">
        <Checkbox legend="Ratios" small options={cases(toutes.filter((m) => m.type === 'ratio'))} />
        {catalogue.groupes.map((g) => (
          <Checkbox
            key={g.id}
            legend={`Indicateurs — ${g.libelle}`}
            small
            options={cases(toutes.filter((m) => m.type === 'indicateur' && catalogue.indicateurs.find((i) => i.id === m.id)?.groupe === g.id))}
          />
        ))}
      </div>
    </Accordion>
  );
}
