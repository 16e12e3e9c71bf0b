// Le formulaire de l'étape que l'utilisateur peut faire maintenant. Les boutons viennent des actions
// que le serveur déclare permises (table des transitions, rôle, périmètre) ; le serveur revérifie tout,
// avec les mêmes règles du domaine que celles qui contrôlent ici chaque champ avant l'envoi (cibles,
// montants, dates) : aucune saisie n'est abandonnée en silence.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import type { ActionDialogue, CadreDialogue } from '../../../domaine/dialogue/cadre.ts';
import { lireCible } from '../../../domaine/dialogue/cibles.ts';
import { borneEnTexte, enveloppe, lireMontant, regleEnMots, texteVariation } from '../../../domaine/dialogue/financement.ts';
import { enSaisie, formaterValeur } from '../../../domaine/indicateurs/format.ts';
import { dateEnFrancais, lireDate } from '../../../domaine/temps/dates.ts';
import { Champ, CHAMPS_OBLIGATOIRES, Formulaire, phrase, useErreurs } from '../../composants/Formulaire.tsx';
import { appeler } from '../../outils/api.ts';
import { useSession } from '../../session.tsx';
import type { DefinitionRatio } from '../../types.ts';
import type { DonneesDialogue } from './Dialogue.tsx';
import { Signature } from './Signature.tsx';

interface Props {
  d: DonneesDialogue;
  cadre: CadreDialogue;
  recharger: () => void;
}

type Agir = (action: ActionDialogue, corps?: unknown) => Promise<void>;

const aRemplir = (texte: string, message: string) => (texte.trim() ? null : `Champ obligatoire : ${message}.`);
const dateARemplir = (texte: string, quoi: string) => (lireDate(texte) ? null : `Champ obligatoire : saisissez ${quoi}, une date du calendrier (JJ/MM/AAAA).`);

export function Etape({ d, cadre, recharger }: Props) {
  const actions = new Set(d.actions.map((a) => a.action));
  const agir: Agir = async (action, corps = {}) => {
    await appeler(`/api/dialogues/${d.id}/actions/${action}`, { methode: 'POST', corps });
    recharger();
  };
  const libelle = (action: ActionDialogue) => cadre.transitions.find((t) => t.action === action)!.libelle;
  let contenu;
  if (d.peutEnregistrerAutodiagnostic) contenu = <Autodiagnostic d={d} agir={agir} recharger={recharger} />;
  else if (actions.has('enregistrer_entretien'))
    contenu = (
      <>
        <Entretien agir={agir} libelle={libelle('enregistrer_entretien')} echeance={d.campagne.echeance_entretien} />
        <Renvoi agir={agir} libelle={libelle('renvoyer')} />
      </>
    );
  else if (actions.has('arreter_objectifs')) contenu = <Objectifs d={d} agir={agir} libelle={libelle('arreter_objectifs')} />;
  else if (actions.has('decider_financement')) contenu = <Decision d={d} cadre={cadre} agir={agir} libelle={libelle('decider_financement')} />;
  else if (d.avenant && (actions.has('signer_ml') || actions.has('signer_etat'))) {
    const action = actions.has('signer_ml') ? 'signer_ml' : 'signer_etat';
    contenu = <Signature d={d} cadre={cadre} action={action} libelle={libelle(action)} explication={EXPLICATIONS[action] ?? ''} agir={agir} />;
  }
  else if (actions.size > 0)
    contenu = [...actions].map((action) => (
      <Formulaire key={action} libelle={libelle(action)} envoyer={() => agir(action)}>
        <p>{EXPLICATIONS[action] ?? ''}</p>
      </Formulaire>
    ));
  else if (d.peutSaisirBilan) contenu = <Bilan d={d} recharger={recharger} />;
  else contenu = <p>Aucune action n'est attendue de votre part à cette étape.</p>;
  return (
    <section className="fr-p-3w fr-mb-4w" style={{ border: '1px solid #ddd' }} aria-labelledby="etape-titre">
      <h2 id="etape-titre" className="fr-h4">
        Votre action
      </h2>
      {contenu}
    </section>
  );
}

const EXPLICATIONS: Partial<Record<ActionDialogue, string>> = {
  generer_avenant: "L'avenant est construit à partir des chiffres figés, des objectifs arrêtés et de la décision financière ; il ne pourra plus changer.",
  signer_ml: "En signant, la présidence de la Mission locale accepte l'avenant tel qu'il a été généré : relisez-le (lien ci-dessous), puis confirmez son empreinte.",
  signer_etat: "En signant pour le préfet de région, vous rendez le dialogue et son avenant définitifs : relisez-le (lien ci-dessous), puis confirmez son empreinte.",
};

function Renvoi({ agir, libelle }: { agir: Agir; libelle: string }) {
  const [motif, setMotif] = useState('');
  const { erreur, verifier } = useErreurs();
  return (
    <Formulaire
      titre="Ou renvoyer l'autodiagnostic à la ML"
      libelle={libelle}
      priorite="secondary"
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={() => {
        verifier({ motif: aRemplir(motif, 'dites à la ML ce qui manque') });
        return agir('renvoyer', { motif });
      }}
    >
      <Champ libelle="Motif du renvoi" zone requis valeur={motif} changer={setMotif} erreur={erreur('motif')} />
    </Formulaire>
  );
}

/**
 * Une cible par ratio, chacune avec son libellé dans la même cellule de la grille DSFR (deux par ligne
 * sur grand écran, une sur mobile) : un libellé ne se sépare jamais de son champ.
 */
function ChampsCibles(props: {
  legende: string;
  valeurs: Record<string, string>;
  changer: (valeurs: Record<string, string>) => void;
  aide: (r: DefinitionRatio) => string;
  erreur: (cle: string) => string | undefined;
  requis?: boolean;
}) {
  const { catalogue } = useSession();
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend">{props.legende}</legend>
      <div className="fr-fieldset__element">
        <div className="fr-grid-row fr-grid-row--gutters">
          {catalogue.ratios.map((r) => (
            <div key={r.id} className="fr-col-12 fr-col-lg-6">
              <Champ
                libelle={r.libelle}
                aide={`${props.aide(r)}${r.unite === 'part' ? ' — saisir en %' : ''}`}
                requis={props.requis}
                inputMode="decimal"
                valeur={props.valeurs[r.id] ?? ''}
                changer={(v) => props.changer({ ...props.valeurs, [r.id]: v })}
                erreur={props.erreur(`cible-${r.id}`)}
              />
            </div>
          ))}
        </div>
      </div>
    </fieldset>
  );
}

/** Les cibles saisies, lues par la règle du domaine ; les erreurs sous les champs, par clé `cible-…`. */
function lireCibles(ratios: DefinitionRatio[], saisies: Record<string, string>, requises: boolean) {
  const lues = ratios.map((r) => ({ r, ...lireCible(saisies[r.id] ?? '', r.unite) }));
  return {
    valeurs: Object.fromEntries(lues.map(({ r, valeur }) => [r.id, valeur])),
    erreurs: Object.fromEntries(
      lues.map(({ r, valeur, refus }) => [`cible-${r.id}`, refus ? phrase(refus) : requises && valeur === null ? 'Champ obligatoire : une cible par ratio.' : null]),
    ),
  };
}

function Autodiagnostic({ d, agir, recharger }: { d: DonneesDialogue; agir: Agir; recharger: () => void }) {
  const { catalogue } = useSession();
  const initial = (d.autodiagnostic as { commentaires: Record<string, string>; contexte: string; planPropose: string; ciblesProposees: Record<string, number | null> } | null) ?? {
    commentaires: {},
    contexte: '',
    planPropose: '',
    ciblesProposees: {},
  };
  const [a, setA] = useState(initial);
  const [cibles, setCibles] = useState<Record<string, string>>(
    Object.fromEntries(catalogue.ratios.map((r) => [r.id, enSaisie(initial.ciblesProposees[r.id] ?? null, r.unite)])),
  );
  const { erreur, verifier } = useErreurs();
  /** Le brouillon n'exige rien ; la soumission exige le contexte et le plan. Une cible illisible n'est jamais envoyée. */
  const enregistrer = async (soumettre: boolean) => {
    const lues = lireCibles(catalogue.ratios, cibles, false);
    verifier({
      ...lues.erreurs,
      contexte: soumettre && aRemplir(a.contexte, 'décrivez le contexte pour soumettre'),
      planPropose: soumettre && aRemplir(a.planPropose, "proposez un plan d'action pour soumettre"),
    });
    await appeler(`/api/dialogues/${d.id}/autodiagnostic`, { methode: 'PUT', corps: { ...a, ciblesProposees: lues.valeurs } });
  };
  return (
    <Formulaire
      titre="Autodiagnostic de la Mission locale"
      libelle="Soumettre l'autodiagnostic"
      mention="Les champs marqués d'un astérisque (*) sont obligatoires pour soumettre ; le brouillon s'enregistre sans eux."
      envoyer={async () => {
        await enregistrer(true);
        await agir('soumettre_autodiagnostic');
      }}
      autres={[
        {
          libelle: 'Enregistrer le brouillon',
          envoyer: async () => {
            await enregistrer(false);
            recharger();
            return 'Brouillon enregistré.';
          },
        },
      ]}
    >
      {catalogue.objectifs.map((o) => (
        <Champ
          key={o.id}
          zone
          libelle={`Objectif ${o.id} — ${o.libelle_court} : commentaire`}
          valeur={a.commentaires[o.id] ?? ''}
          changer={(v) => setA({ ...a, commentaires: { ...a.commentaires, [o.id]: v } })}
        />
      ))}
      <Champ zone requis libelle="Éléments de contexte" valeur={a.contexte} changer={(v) => setA({ ...a, contexte: v })} erreur={erreur('contexte')} />
      <Champ zone requis libelle="Plan d'action proposé" valeur={a.planPropose} changer={(v) => setA({ ...a, planPropose: v })} erreur={erreur('planPropose')} />
      <ChampsCibles
        legende="Cibles proposées (facultatives)"
        valeurs={cibles}
        changer={setCibles}
        erreur={erreur}
        aide={(r) => `Valeur ${d.chiffresFiges.annee} : ${formaterValeur(d.chiffresFiges.ml?.ratios[r.id] ?? null, r.unite)}`}
      />
    </Formulaire>
  );
}

function Entretien({ agir, libelle, echeance }: { agir: Agir; libelle: string; echeance: string }) {
  const [e, setE] = useState({ date: '', participants: '', regionPresente: false, compteRendu: '' });
  const { erreur, verifier } = useErreurs();
  return (
    <Formulaire
      titre="Entretien de dialogue de gestion"
      libelle={libelle}
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={() => {
        verifier({
          date: dateARemplir(e.date, "la date de l'entretien"),
          participants: aRemplir(e.participants, 'nommez les participants'),
          compteRendu: aRemplir(e.compteRendu, "résumez l'entretien"),
        });
        return agir('enregistrer_entretien', { ...e, date: lireDate(e.date) });
      }}
    >
      <Champ
        libelle="Date de l'entretien"
        aide={`Échéance des entretiens de la campagne : ${dateEnFrancais(echeance)}`}
        type="date"
        requis
        valeur={e.date}
        changer={(date) => setE({ ...e, date })}
        erreur={erreur('date')}
      />
      <Champ libelle="Participants" aide="Noms et organisations" requis valeur={e.participants} changer={(participants) => setE({ ...e, participants })} erreur={erreur('participants')} />
      <Checkbox options={[{ label: 'Le Conseil régional était présent', nativeInputProps: { checked: e.regionPresente, onChange: () => setE({ ...e, regionPresente: !e.regionPresente }) } }]} />
      <Champ libelle="Compte rendu" zone requis valeur={e.compteRendu} changer={(compteRendu) => setE({ ...e, compteRendu })} erreur={erreur('compteRendu')} />
    </Formulaire>
  );
}

interface ActionPlan {
  titre: string;
  description: string;
  echeance: string;
  indicateur: string | null;
}

function Objectifs({ d, agir, libelle }: { d: DonneesDialogue; agir: Agir; libelle: string }) {
  const { catalogue } = useSession();
  const proposees = (d.autodiagnostic as { ciblesProposees?: Record<string, number | null> } | null)?.ciblesProposees ?? {};
  const [cibles, setCibles] = useState<Record<string, string>>(Object.fromEntries(catalogue.ratios.map((r) => [r.id, enSaisie(proposees[r.id] ?? null, r.unite)])));
  const [plan, setPlan] = useState<ActionPlan[]>([]);
  const [qualitatifs, setQualitatifs] = useState('');
  const { erreur, verifier } = useErreurs();
  const f = d.chiffresFiges;
  const changerAction = (i: number, champ: keyof ActionPlan, v: string) => setPlan(plan.map((p, j) => (j === i ? { ...p, [champ]: v || (champ === 'indicateur' ? null : '') } : p)));
  return (
    <Formulaire
      titre="Objectifs de l'année"
      libelle={libelle}
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={() => {
        const lues = lireCibles(catalogue.ratios, cibles, true);
        verifier({
          ...lues.erreurs,
          ...Object.fromEntries(plan.flatMap((p, i) => [[`titre-${i}`, aRemplir(p.titre, "donnez un titre à l'action")], [`echeance-${i}`, dateARemplir(p.echeance, "l'échéance de l'action")]])),
        });
        return agir('arreter_objectifs', { cibles: lues.valeurs, plan: plan.map((p) => ({ ...p, echeance: lireDate(p.echeance) })), qualitatifs });
      }}
    >
      <ChampsCibles
        legende="Une cible par ratio"
        requis
        valeurs={cibles}
        changer={setCibles}
        erreur={erreur}
        aide={(r) =>
          `${f.annee} : ML ${formaterValeur(f.ml?.ratios[r.id] ?? null, r.unite)}, département ${formaterValeur(f.departement?.ratios[r.id] ?? null, r.unite)}, région ${formaterValeur(f.region?.ratios[r.id] ?? null, r.unite)}, national ${formaterValeur(f.national?.ratios[r.id] ?? null, r.unite)}`
        }
      />
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Plan d'action</legend>
        {plan.map((p, i) => (
          <div key={i} className="fr-fieldset__element fr-grid-row fr-grid-row--gutters fr-mb-2w" role="group" aria-label={`Action ${i + 1}`}>
            <div className="fr-col-12 fr-col-md-3">
              <Champ libelle={`Action ${i + 1} : titre`} requis valeur={p.titre} changer={(v) => changerAction(i, 'titre', v)} erreur={erreur(`titre-${i}`)} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Champ libelle="Description" valeur={p.description} changer={(v) => changerAction(i, 'description', v)} />
            </div>
            <div className="fr-col-12 fr-col-md-2">
              <Champ libelle="Échéance" type="date" requis valeur={p.echeance} changer={(v) => changerAction(i, 'echeance', v)} erreur={erreur(`echeance-${i}`)} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Select label="Indicateur suivi" nativeSelectProps={{ value: p.indicateur ?? '', onChange: (e) => changerAction(i, 'indicateur', e.target.value) }}>
                <option value="">Aucun</option>
                {catalogue.indicateurs.map((ind) => (
                  <option key={ind.id} value={ind.id}>
                    {ind.libelle}
                  </option>
                ))}
              </Select>
            </div>
            <div className="fr-col-12 fr-col-md-1">
              <Button type="button" priority="tertiary" iconId="fr-icon-delete-line" title={`Retirer l'action ${i + 1}`} onClick={() => setPlan(plan.filter((_, j) => j !== i))} />
            </div>
          </div>
        ))}
        <div className="fr-fieldset__element">
          <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => setPlan([...plan, { titre: '', description: '', echeance: '', indicateur: null }])}>
            Ajouter une action
          </Button>
        </div>
      </fieldset>
      <Champ libelle="Objectifs qualitatifs" zone valeur={qualitatifs} changer={setQualitatifs} />
    </Formulaire>
  );
}

function Decision({ d, cadre, agir, libelle }: { d: DonneesDialogue; cadre: CadreDialogue; agir: Agir; libelle: string }) {
  const reference = d.convention?.montant_reference ?? 0;
  const [saisies, setSaisies] = useState<Record<string, string>>(Object.fromEntries(cadre.financement.lignes.map((l) => [l.id, l.dans_enveloppe ? String(reference) : '0'])));
  const [justification, setJustification] = useState('');
  const { erreur, verifier } = useErreurs();
  const lus = cadre.financement.lignes.map((l) => ({ l, ...lireMontant(saisies[l.id] ?? '') }));
  const lisibles = lus.every((m) => m.refus === null);
  const montants = Object.fromEntries(lus.map(({ l, valeur }) => [l.id, valeur ?? 0]));
  const env = enveloppe(cadre, reference, d.decisionsAnterieures as { annee: number; montants: Record<string, number> }[], { annee: d.annee, montants });
  return (
    <Formulaire
      titre="Décision financière"
      libelle={libelle}
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={() => {
        verifier({
          ...Object.fromEntries(lus.map(({ l, refus }) => [`montant-${l.id}`, refus && phrase(refus)])),
          justification: lisibles && env.depasse && aRemplir(justification, 'justifiez la décision au-delà de la borne'),
        });
        return agir('decider_financement', { montants, justification: justification || undefined });
      }}
    >
      <p>
        Crédit de fonctionnement annuel de référence de la convention {d.convention?.numero ?? ''} : <strong>{formaterValeur(reference, 'euros')}</strong>.
      </p>
      <p className="fr-text--sm fr-mb-1w">Règle : {cadre.financement.regle}</p>
      <p className="fr-text--sm">{regleEnMots(cadre, env)}</p>
      {lus.map(({ l }) => (
        <Champ
          key={l.id}
          libelle={`${l.libelle} (€)`}
          aide={l.dans_enveloppe ? `Compte dans la règle des ${borneEnTexte(cadre)}` : undefined}
          requis
          inputMode="numeric"
          valeur={saisies[l.id]}
          changer={(v) => setSaisies({ ...saisies, [l.id]: v })}
          erreur={erreur(`montant-${l.id}`)}
        />
      ))}
      <p aria-live="polite">
        {lisibles ? (
          <>
            Variation sur les années décidées de la convention : <strong>{texteVariation(cadre, env)}</strong> ({formaterValeur(env.decide, 'euros')} pour{' '}
            {formaterValeur(env.reference, 'euros')} de référence).
          </>
        ) : (
          'Variation sur les années décidées de la convention : à calculer une fois les montants corrigés.'
        )}
      </p>
      {lisibles && env.depasse && (
        <>
          <Alert
            severity="warning"
            small
            description={`Au-delà de la borne de ${borneEnTexte(cadre)} : une justification écrite est obligatoire, et la décision sera signalée partout où elle est montrée.`}
            className="fr-mb-2w"
          />
          <Champ libelle="Justification du dépassement" zone requis valeur={justification} changer={setJustification} erreur={erreur('justification')} />
        </>
      )}
    </Formulaire>
  );
}

function Bilan({ d, recharger }: { d: DonneesDialogue; recharger: () => void }) {
  const [commentaire, setCommentaire] = useState('');
  const { erreur, verifier } = useErreurs();
  return (
    <Formulaire
      titre="Bilan intermédiaire"
      libelle="Enregistrer le bilan"
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={async () => {
        verifier({ commentaire: aRemplir(commentaire, 'commentez les chiffres du moment') });
        await appeler(`/api/dialogues/${d.id}/bilans`, { methode: 'POST', corps: { commentaire } });
        setCommentaire('');
        recharger();
        return 'Bilan enregistré.';
      }}
    >
      <p>Le dialogue est signé. Le bilan met les chiffres de l'année à ce jour face aux cibles (tableau ci-dessous) ; ajoutez votre commentaire.</p>
      <Champ libelle="Commentaire" zone requis valeur={commentaire} changer={setCommentaire} erreur={erreur('commentaire')} />
    </Formulaire>
  );
}
