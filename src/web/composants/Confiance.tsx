// Le niveau de confiance des chiffres d'une ML ou d'un territoire pour une année, d'après la qualité
// de ses données : un badge à côté des ratios, et ce qui le fait baisser.
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { LIBELLES_NIVEAU, type Qualite } from '../../domaine/qualite/score.ts';
import { useApi } from '../outils/api.ts';
import { Lien } from '../outils/routeur.tsx';
import type { QualiteStructure, QualiteTerritoire } from '../types.ts';

const SEVERITE = { eleve: 'success', moyen: 'warning', faible: 'error' } as const;

/** « élevé (92/100) », ou « non évalué ». */
export const texteConfiance = (q: Pick<Qualite, 'score' | 'niveau'>) => (q.niveau ? `${LIBELLES_NIVEAU[q.niveau]} (${q.score}/100)` : 'non évalué');

export function BadgeConfiance({ qualite }: { qualite: Pick<Qualite, 'score' | 'niveau'> }) {
  return (
    <Badge small noIcon={!qualite.niveau} severity={qualite.niveau ? SEVERITE[qualite.niveau] : 'info'}>
      {texteConfiance(qualite)}
    </Badge>
  );
}

/** La confiance et les règles non respectées ; `page` : le lien vers la liste des choses à corriger. */
export function Confiance({ qualite, page }: { qualite: Qualite & { annee: number }; page?: string }) {
  const aCorriger = qualite.constats.filter((c) => !c.respectee);
  return (
    <section className="fr-mb-2w cpo-confiance" aria-label={`Niveau de confiance des données ${qualite.annee}`}>
      <p className="fr-mb-1v">
        <strong>Niveau de confiance des données {qualite.annee} :</strong> <BadgeConfiance qualite={qualite} />
      </p>
      <p className="fr-text--sm fr-mb-0">
        {aCorriger.length === 0
          ? 'Chaque règle de qualité des données est respectée.'
          : `À vérifier : ${aCorriger.map((c) => c.libelle.charAt(0).toLowerCase() + c.libelle.slice(1)).join(' ; ')}.`}{' '}
        {page && <Lien href={page}>Voir la qualité des données</Lien>}
      </p>
    </section>
  );
}

/** La confiance d'une ML, chargée à part : elle ne retarde pas les chiffres. */
export function ConfianceStructure({ code, annee, page }: { code: string; annee: number; page?: string }) {
  const { donnees } = useApi<QualiteStructure>(`/api/structures/${encodeURIComponent(code)}/qualite?annee=${annee}`);
  return donnees ? <Confiance qualite={donnees} page={page} /> : null;
}

/** La confiance d'un territoire et de ses ML ; `apres` : demandée seulement une fois les chiffres arrivés, pour ne pas les retarder. */
export function useQualiteTerritoire(niveau: 'departement' | 'region' | 'national', code: string, annee: number, apres: boolean) {
  return useApi<QualiteTerritoire>(apres ? `/api/qualite/${niveau}/${encodeURIComponent(code)}?annee=${annee}` : null).donnees;
}
