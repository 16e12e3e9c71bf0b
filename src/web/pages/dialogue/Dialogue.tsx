// Le dialogue de gestion d'une ML pour une année : où il en est, les chiffres N-1 figés, chaque étape
// déjà faite, et le formulaire de l'étape que l'utilisateur peut faire (lu dans la table des
// transitions, côté serveur).
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import type { lireDialogue } from '../../../application/dialogue/lireDialogue.ts';
import type { CadreDialogue } from '../../../domaine/dialogue/cadre.ts';
import { borneEnTexte, texteVariation } from '../../../domaine/dialogue/financement.ts';
import { formaterValeur } from '../../../domaine/indicateurs/format.ts';
import { libelleAvecCouverture } from '../../../domaine/referentiel/reseau.ts';
import { dateEnFrancais } from '../../../domaine/temps/dates.ts';
import { ConfianceStructure } from '../../composants/Confiance.tsx';
import { Chargement, ErreurAppel } from '../../composants/Etats.tsx';
import { Tableau } from '../../composants/Tableau.tsx';
import { useApi } from '../../outils/api.ts';
import { useSession } from '../../session.tsx';
import type { DefinitionRatio } from '../../types.ts';
import { Etape } from './Etapes.tsx';

export type DonneesDialogue = NonNullable<Awaited<ReturnType<typeof lireDialogue>>>;

const horodatage = (h: string) => `${dateEnFrancais(h.slice(0, 10))} à ${h.slice(11, 16)}`;

export function Dialogue({ id }: { id: string }) {
  const { catalogue } = useSession();
  const cadre = useApi<CadreDialogue>('/api/cadre-dialogue', { garder: true });
  const { donnees: d, erreur, recharger } = useApi<DonneesDialogue>(`/api/dialogues/${encodeURIComponent(id)}`);
  document.title = `Dialogue de gestion ${d?.annee ?? ''} — ${d?.structure.nom ?? ''} — CPO Missions locales`;
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!d || !cadre.donnees) return <Chargement texte="Chargement du dialogue…" />;
  const c = cadre.donnees;
  const rang = c.etats.findIndex((e) => e.id === d.etat);
  const figes = d.chiffresFiges;
  const auto = d.autodiagnostic as { commentaires: Record<string, string>; contexte: string; planPropose: string; ciblesProposees: Record<string, number | null> } | null;
  const libelleAction = (action: string) => c.transitions.find((t) => t.action === action)?.libelle ?? (action === 'ouvrir_campagne' ? 'Ouverture de la campagne' : action);
  const libelleEtat = (etat: string | null) => (etat ? (c.etats.find((e) => e.id === etat)?.libelle ?? etat) : '—');

  return (
    <>
      <p className="fr-mb-1w">
        Dialogue de gestion {d.annee} — {d.structure.nom_region}
      </p>
      <h1>{d.structure.nom}</h1>
      <Stepper
        currentStep={rang + 1}
        stepCount={c.etats.length}
        title={d.libelleEtat}
        nextTitle={rang + 1 < c.etats.length ? c.etats[rang + 1].libelle : undefined}
      />
      {d.decision?.enveloppe.depasse && (
        <Alert
          severity="warning"
          title={`Décision au-delà de la borne de ${borneEnTexte(c)} sur la convention`}
          description={`Variation : ${texteVariation(c, d.decision.enveloppe)}. Justification de la DIRECCTE : ${d.decision.justification}`}
          className="fr-mb-3w"
        />
      )}
      {!d.convention && <Alert severity="info" small description="Cette Mission locale n'a pas encore de convention enregistrée : la décision financière et l'avenant l'exigent." className="fr-mb-3w" />}

      <Etape d={d} cadre={c} recharger={recharger} />

      <h2 className="fr-mt-4w">Chiffres {figes.annee} figés et cibles</h2>
      {/* Pour l'autodiagnostic et l'entretien : la confiance qu'on peut accorder aux chiffres de l'année, d'après ses données d'aujourd'hui. */}
      <ConfianceStructure code={d.structure.code} annee={figes.annee} page={`/structures/${encodeURIComponent(d.structure.code)}/qualite?annee=${figes.annee}`} />
      <Tableau
        titre={`Ratios ${figes.annee} de la ML et ses références, cibles ${d.annee}`}
        description={`Instantané n° ${d.campagne.instantane.id} figé le ${horodatage(d.campagne.instantane.cree_le)} (catalogue ${d.campagne.instantane.catalogue}, empreinte ${d.campagne.instantane.empreinte.slice(0, 16)}…).`}
        colonnes={[
          { id: 'ratio', libelle: 'Ratio', valeur: (r: DefinitionRatio) => r.libelle },
          { id: 'n1', libelle: `ML ${figes.annee}`, unite: (r) => r.unite, valeur: (r) => figes.ml?.ratios[r.id] ?? null },
          { id: 'dep', libelle: 'Département', unite: (r) => r.unite, valeur: (r) => figes.departement?.ratios[r.id] ?? null },
          { id: 'reg', libelle: libelleAvecCouverture('Région', figes.couverture.region), unite: (r) => r.unite, valeur: (r) => figes.region?.ratios[r.id] ?? null },
          { id: 'nat', libelle: libelleAvecCouverture('National', figes.couverture.national), unite: (r) => r.unite, valeur: (r) => figes.national?.ratios[r.id] ?? null },
          { id: 'proposee', libelle: `Cible proposée par la ML`, unite: (r) => r.unite, absente: 'non proposée', valeur: (r) => auto?.ciblesProposees?.[r.id] ?? null },
          { id: 'cible', libelle: `Cible ${d.annee} arrêtée`, unite: (r) => r.unite, absente: 'à fixer', valeur: (r) => d.objectifs?.cibles[r.id] ?? null },
        ]}
        lignes={catalogue.ratios}
        cle={(r) => r.id}
      />

      {auto && (
        <section className="fr-mt-4w">
          <h2>Autodiagnostic de la ML</h2>
          {catalogue.objectifs.map((o) =>
            auto.commentaires?.[o.id] ? (
              <p key={o.id}>
                <strong>Objectif {o.id} — {o.libelle_court} :</strong> {auto.commentaires[o.id]}
              </p>
            ) : null,
          )}
          <p>
            <strong>Contexte :</strong> {auto.contexte || '—'}
          </p>
          <p>
            <strong>Plan d'action proposé :</strong> {auto.planPropose || '—'}
          </p>
        </section>
      )}
      {d.entretien && (
        <section className="fr-mt-4w">
          <h2>Entretien du {dateEnFrancais(d.entretien.date)}</h2>
          <p>
            <strong>Participants :</strong> {d.entretien.participants} {d.entretien.regionPresente && <Badge small severity="info">Région présente</Badge>}
          </p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{d.entretien.compteRendu}</p>
        </section>
      )}
      {d.objectifs && (
        <section className="fr-mt-4w">
          <h2>Objectifs arrêtés</h2>
          <p>
            <strong>Objectifs qualitatifs :</strong> {d.objectifs.qualitatifs || '—'}
          </p>
          {d.objectifs.plan.length > 0 && (
            <Tableau
              titre="Plan d'action"
              colonnes={[
                { id: 'titre', libelle: 'Action', valeur: (p) => p.titre },
                { id: 'description', libelle: 'Description', valeur: (p) => p.description },
                { id: 'echeance', libelle: 'Échéance', valeur: (p) => dateEnFrancais(p.echeance), date: (p) => p.echeance },
                { id: 'indicateur', libelle: 'Indicateur suivi', valeur: (p) => catalogue.indicateurs.find((i) => i.id === p.indicateur)?.libelle ?? '' },
              ]}
              lignes={d.objectifs.plan}
              cle={(p) => p.titre}
            />
          )}
        </section>
      )}
      {d.decision && (
        <section className="fr-mt-4w">
          <h2>Décision financière {d.annee}</h2>
          <Tableau
            titre="Montants par ligne"
            colonnes={[
              { id: 'ligne', libelle: 'Ligne', valeur: (l) => l.libelle },
              { id: 'montant', libelle: 'Montant', unite: 'euros', valeur: (l) => d.decision!.montants[l.id] ?? 0 },
            ]}
            lignes={c.financement.lignes}
            cle={(l) => l.id}
          />
          <p>
            Crédit de référence de la convention : {formaterValeur(d.decision.enveloppe.reference, 'euros')} sur les années décidées ; décidé :{' '}
            {formaterValeur(d.decision.enveloppe.decide, 'euros')} ; variation : {texteVariation(c, d.decision.enveloppe)}.
          </p>
        </section>
      )}
      {d.avenant && <Avenant d={d} avenant={d.avenant} />}
      {d.bilanEnCours && (
        <section className="fr-mt-4w">
          <h2>Bilan intermédiaire</h2>
          <Tableau
            titre={`Chiffres ${d.annee} au ${dateEnFrancais(d.bilanEnCours.date)} contre les cibles`}
            colonnes={[
              { id: 'ratio', libelle: 'Ratio', valeur: (l) => catalogue.ratios.find((r) => r.id === l.ratio)?.libelle ?? l.ratio },
              { id: 'valeur', libelle: 'À ce jour', unite: (l) => catalogue.ratios.find((r) => r.id === l.ratio)!.unite, valeur: (l) => l.valeur },
              { id: 'cible', libelle: 'Cible', unite: (l) => catalogue.ratios.find((r) => r.id === l.ratio)!.unite, valeur: (l) => l.cible },
              { id: 'atteinte', libelle: 'Atteinte', unite: 'part', valeur: (l) => l.atteinte },
            ]}
            lignes={d.bilanEnCours.ratios}
            cle={(l) => l.ratio}
          />
          {(d.bilans as { commentaire: string; cree_par: string; cree_le: string }[]).map((b, i) => (
            <p key={i}>
              <strong>
                {horodatage(b.cree_le)}, {b.cree_par} :
              </strong>{' '}
              {b.commentaire}
            </p>
          ))}
        </section>
      )}

      <h2 className="fr-mt-4w">Historique</h2>
      <Tableau
        titre="Chaque pas du dialogue"
        colonnes={[
          { id: 'quand', libelle: 'Quand', valeur: (h) => horodatage(h.horodatage), date: (h) => h.horodatage.slice(0, 16) },
          { id: 'action', libelle: 'Action', valeur: (h) => libelleAction(h.action) },
          { id: 'de', libelle: 'De', valeur: (h) => libelleEtat(h.de) },
          { id: 'vers', libelle: 'Vers', valeur: (h) => libelleEtat(h.vers) },
          { id: 'qui', libelle: 'Par', valeur: (h) => h.acteur },
          { id: 'motif', libelle: 'Motif', valeur: (h) => h.motif ?? '' },
        ]}
        lignes={d.historique as { action: string; de: string | null; vers: string; acteur: string; horodatage: string; motif: string | null }[]}
        cle={(h) => h.horodatage + h.action}
      />
    </>
  );
}

const signataire = (pour: string, s: NonNullable<DonneesDialogue['avenant']>['signatures']['ml']) =>
  s && (
    <li>
      Pour {pour} : {s.nom} ({s.organisation}), {s.qualite}, à {s.lieu}, le {horodatage(s.signeLe)}.
    </li>
  );

/** L'avenant : son numéro expliqué, ses empreintes, ses signatures ; l'avenant signé et l'original à télécharger. */
function Avenant({ d, avenant }: { d: DonneesDialogue; avenant: NonNullable<DonneesDialogue['avenant']> }) {
  const { ml, etat } = avenant.signatures;
  const signe = avenant.empreinte_pdf_signe !== null;
  const lien = (href: string, texte: string) => (
    <a className="fr-link fr-icon-download-line fr-link--icon-left" href={href} download>
      {texte}
    </a>
  );
  return (
    <section className="fr-mt-4w">
      <h2>Avenant n° {avenant.numero}</h2>
      <p>{avenant.explicationNumero}</p>
      <p>
        Généré le {horodatage(avenant.genere_le)} depuis les données figées (empreinte <code className="cpo-empreinte">{avenant.empreinte_donnees}</code>) ;
        empreinte SHA-256 du PDF : <code className="cpo-empreinte">{avenant.empreinte_pdf}</code>. Chaque téléchargement le reconstruit et vérifie qu'il est identique à
        l'original.
      </p>
      {(ml || etat) && (
        <ul>
          {signataire(`la Mission locale`, ml)}
          {signataire("l'État", etat)}
        </ul>
      )}
      {signe && (
        <p>
          Avenant signé : empreinte SHA-256 <code className="cpo-empreinte">{avenant.empreinte_pdf_signe}</code>, reconstruit et vérifié de même à chaque
          téléchargement.
        </p>
      )}
      <ul className="fr-links-group">
        {signe && <li>{lien(`/api/dialogues/${d.id}/avenant-signe.pdf`, "Télécharger l'avenant signé (PDF)")}</li>}
        <li>{lien(`/api/dialogues/${d.id}/avenant.pdf`, signe ? "Télécharger l'original, avant signatures (PDF)" : "Télécharger l'avenant (PDF)")}</li>
      </ul>
    </section>
  );
}
