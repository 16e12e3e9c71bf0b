// La qualité des données d'une ML pour une année : son score, chaque règle avec ce qu'elle a trouvé,
// et, pour les utilisateurs de la ML, les jeunes à corriger (lecture inscrite au journal d'audit).
import { formaterValeur } from '../../domaine/indicateurs/format.ts';
import { ChoixAnnee, useAnnee } from '../composants/ChoixAnnee.tsx';
import { BadgeConfiance } from '../composants/Confiance.tsx';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { useApi } from '../outils/api.ts';
import { Lien } from '../outils/routeur.tsx';
import type { QualiteStructure } from '../types.ts';

type Constat = QualiteStructure['constats'][number];

export function QualiteDonnees({ code }: { code: string }) {
  const annee = useAnnee();
  const { donnees: q, erreur } = useApi<QualiteStructure>(`/api/structures/${encodeURIComponent(code)}/qualite?annee=${annee}`);
  document.title = `Qualité des données ${annee} — ${q?.structure.nom ?? code} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!q) return <Chargement texte="Calcul de la qualité des données…" />;
  // Tout cas en défaut est à corriger ; les règles non respectées d'abord.
  const aCorriger = q.constats.filter((c) => c.nombre > 0).sort((a, b) => Number(a.respectee) - Number(b.respectee));
  return (
    <>
      <div className="cpo-barre-outils">
        <div>
          <h1 className="fr-mb-1w">Qualité des données {annee}</h1>
          <p className="fr-mb-0">
            <Lien href={`/structures/${encodeURIComponent(code)}?annee=${annee}`}>{q.structure.nom}</Lien> — règles {q.catalogue}
          </p>
        </div>
        <ChoixAnnee />
      </div>
      <p className="fr-mt-2w">
        Niveau de confiance des chiffres : <BadgeConfiance qualite={q} />. Chaque règle compte les cas en défaut parmi ceux qu'elle examine ; au-delà de la
        part tolérée, elle fait baisser le score, d'autant plus que sa gravité est forte ; une règle majeure non respectée rend la confiance faible,
        une règle modérée la borne à moyenne.
      </p>
      <Tableau
        titre={`Règles de qualité des données — ${annee}`}
        colonnes={[
          { id: 'regle', libelle: 'Règle', valeur: (c: Constat) => c.libelle, definitionLigne: (c) => c.explication },
          { id: 'gravite', libelle: 'Gravité', valeur: (c) => c.libelle_gravite },
          { id: 'nombre', libelle: 'En défaut', unite: 'nombre', valeur: (c) => c.nombre },
          { id: 'base', libelle: 'Examinés', unite: 'nombre', valeur: (c) => c.base },
          { id: 'part', libelle: 'Part', unite: 'part', valeur: (c) => c.part, raison: () => 'rien à examiner' },
          { id: 'seuil', libelle: 'Part tolérée', unite: 'part', valeur: (c) => c.seuil },
          { id: 'etat', libelle: 'État', valeur: (c) => (c.respectee ? 'respectée' : ''), alerte: (c) => (c.respectee ? null : 'à corriger') },
        ]}
        lignes={q.constats}
        cle={(c) => c.regle}
      />
      {q.jeunes && (
        <section className="fr-mt-4w" aria-labelledby="a-corriger">
          <h2 id="a-corriger">À corriger</h2>
          <p>
            Les dossiers concernés, à corriger dans votre système d'information puis à renvoyer avec votre prochain extrait. Données personnelles : visibles par les
            seuls utilisateurs de la Mission locale ; cette consultation est inscrite au journal d'audit.
          </p>
          {aCorriger.length === 0 && <p>Rien à corriger pour {annee}.</p>}
          {aCorriger.map((c) => {
            const ids = q.jeunes?.[c.regle];
            return (
              <div key={c.regle} className="fr-mb-3w" data-regle={c.regle}>
                <h3 className="fr-h6 fr-mb-1w">
                  {c.libelle} — {formaterValeur(c.nombre, 'nombre')}
                  {c.respectee ? ' (dans la part tolérée)' : ''}
                </h3>
                <p className="fr-text--sm fr-mb-1w">{c.explication}</p>
                {ids && ids.length > 0 && (
                  <ul className="cpo-liste-jeunes">
                    {ids.map((id) => (
                      <li key={id}>
                        <Lien href={`/structures/${encodeURIComponent(code)}/jeunes/${encodeURIComponent(id)}`}>{id}</Lien>
                      </li>
                    ))}
                  </ul>
                )}
                {ids && ids.length === q.maxJeunesParRegle && <p className="fr-text--sm">Les {q.maxJeunesParRegle} premiers seulement.</p>}
              </div>
            );
          })}
        </section>
      )}
    </>
  );
}
