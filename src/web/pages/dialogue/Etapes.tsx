// Le formulaire de l'étape que l'utilisateur peut faire maintenant. Les boutons viennent des actions
// que le serveur déclare permises (table des transitions, rôle, périmètre) ; le serveur revérifie tout.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import type { CadreDialogue } from '../../../domaine/dialogue/cadre.ts';
import { enveloppe } from '../../../domaine/dialogue/financement.ts';
import { depuisSaisie, enSaisie, formaterValeur } from '../../../domaine/indicateurs/format.ts';
import { Formulaire } from '../../composants/Formulaire.tsx';
import { appeler } from '../../outils/api.ts';
import { useSession } from '../../session.tsx';
import type { DonneesDialogue } from './Dialogue.tsx';
import { Signature } from './Signature.tsx';

interface Props {
  d: DonneesDialogue;
  cadre: CadreDialogue;
  recharger: () => void;
}

const zoneDeTexte = (label: string, valeur: string, changer: (v: string) => void, options: { requis?: boolean; aide?: string } = {}) => (
  <Input label={label} hintText={options.aide} textArea nativeTextAreaProps={{ value: valeur, required: options.requis, rows: 3, onChange: (e) => changer(e.target.value) }} />
);

export function Etape({ d, cadre, recharger }: Props) {
  const actions = new Set(d.actions.map((a) => a.action));
  const agir = async (action: string, corps: unknown = {}) => {
    await appeler(`/api/dialogues/${d.id}/actions/${action}`, { methode: 'POST', corps });
    recharger();
  };
  const libelle = (action: string) => cadre.transitions.find((t) => t.action === action)!.libelle;
  let contenu;
  if (d.peutEnregistrerAutodiagnostic) contenu = <Autodiagnostic d={d} agir={agir} recharger={recharger} />;
  else if (actions.has('enregistrer_entretien'))
    contenu = (
      <>
        <Entretien agir={agir} libelle={libelle('enregistrer_entretien')} />
        <Renvoi agir={agir} libelle={libelle('renvoyer')} />
      </>
    );
  else if (actions.has('arreter_objectifs')) contenu = <Objectifs d={d} agir={agir} libelle={libelle('arreter_objectifs')} />;
  else if (actions.has('decider_financement')) contenu = <Decision d={d} cadre={cadre} agir={agir} libelle={libelle('decider_financement')} />;
  else if (d.avenant && (actions.has('signer_ml') || actions.has('signer_etat'))) {
    const action = actions.has('signer_ml') ? 'signer_ml' : 'signer_etat';
    contenu = <Signature d={d} cadre={cadre} action={action} libelle={libelle(action)} explication={EXPLICATIONS[action]} agir={agir} />;
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

const EXPLICATIONS: Record<string, string> = {
  generer_avenant: "L'avenant est construit à partir des chiffres figés, des objectifs arrêtés et de la décision financière ; il ne pourra plus changer.",
  signer_ml: "En signant, la présidence de la Mission locale accepte l'avenant tel qu'il a été généré : relisez-le (lien ci-dessous), puis confirmez son empreinte.",
  signer_etat: "En signant pour le préfet de région, vous rendez le dialogue et son avenant définitifs : relisez-le (lien ci-dessous), puis confirmez son empreinte.",
};

function Renvoi({ agir, libelle }: { agir: (a: string, c: unknown) => Promise<void>; libelle: string }) {
  const [motif, setMotif] = useState('');
  return (
    <Formulaire titre="Ou renvoyer l'autodiagnostic à la ML" libelle={libelle} priorite="secondary" envoyer={() => agir('renvoyer', { motif })}>
      {zoneDeTexte('Motif du renvoi', motif, setMotif, { requis: true })}
    </Formulaire>
  );
}

function Autodiagnostic({ d, agir, recharger }: { d: DonneesDialogue; agir: (a: string) => Promise<void>; recharger: () => void }) {
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
  const enregistrer = async () => {
    const ciblesProposees = Object.fromEntries(catalogue.ratios.map((r) => [r.id, depuisSaisie(cibles[r.id] ?? '', r.unite)]));
    await appeler(`/api/dialogues/${d.id}/autodiagnostic`, { methode: 'PUT', corps: { ...a, ciblesProposees } });
  };
  return (
    <Formulaire
      titre="Autodiagnostic de la Mission locale"
      libelle="Soumettre l'autodiagnostic"
      envoyer={async () => {
        await enregistrer();
        await agir('soumettre_autodiagnostic');
      }}
      autres={[
        {
          libelle: 'Enregistrer le brouillon',
          envoyer: async () => {
            await enregistrer();
            recharger();
            return 'Brouillon enregistré.';
          },
        },
      ]}
    >
      {catalogue.objectifs.map((o) =>
        zoneDeTexte(`Objectif ${o.id} — ${o.libelle_court} : commentaire`, a.commentaires[o.id] ?? '', (v) => setA({ ...a, commentaires: { ...a.commentaires, [o.id]: v } })),
      )}
      {zoneDeTexte('Éléments de contexte', a.contexte, (v) => setA({ ...a, contexte: v }), { requis: true })}
      {zoneDeTexte("Plan d'action proposé", a.planPropose, (v) => setA({ ...a, planPropose: v }), { requis: true })}
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Cibles proposées (facultatives)</legend>
        <div className="cpo-colonnes">
          {catalogue.ratios.map((r) => (
            <Input
              key={r.id}
              label={r.libelle}
              hintText={`Valeur ${d.chiffresFiges.annee} : ${formaterValeur(d.chiffresFiges.ml?.ratios[r.id] ?? null, r.unite)}${r.unite === 'part' ? ' — saisir en %' : ''}`}
              nativeInputProps={{ inputMode: 'decimal', value: cibles[r.id] ?? '', onChange: (e) => setCibles({ ...cibles, [r.id]: e.target.value }) }}
            />
          ))}
        </div>
      </fieldset>
    </Formulaire>
  );
}

function Entretien({ agir, libelle }: { agir: (a: string, c: unknown) => Promise<void>; libelle: string }) {
  const [e, setE] = useState({ date: '', participants: '', regionPresente: false, compteRendu: '' });
  return (
    <Formulaire titre="Entretien de dialogue de gestion" libelle={libelle} envoyer={() => agir('enregistrer_entretien', e)}>
      <Input label="Date de l'entretien" nativeInputProps={{ type: 'date', required: true, value: e.date, onChange: (x) => setE({ ...e, date: x.target.value }) }} />
      <Input
        label="Participants"
        hintText="Noms et organisations"
        nativeInputProps={{ required: true, value: e.participants, onChange: (x) => setE({ ...e, participants: x.target.value }) }}
      />
      <Checkbox options={[{ label: 'Le Conseil régional était présent', nativeInputProps: { checked: e.regionPresente, onChange: () => setE({ ...e, regionPresente: !e.regionPresente }) } }]} />
      {zoneDeTexte('Compte rendu', e.compteRendu, (v) => setE({ ...e, compteRendu: v }), { requis: true })}
    </Formulaire>
  );
}

interface ActionPlan {
  titre: string;
  description: string;
  echeance: string;
  indicateur: string | null;
}

function Objectifs({ d, agir, libelle }: { d: DonneesDialogue; agir: (a: string, c: unknown) => Promise<void>; libelle: string }) {
  const { catalogue } = useSession();
  const proposees = (d.autodiagnostic as { ciblesProposees?: Record<string, number | null> } | null)?.ciblesProposees ?? {};
  const [cibles, setCibles] = useState<Record<string, string>>(Object.fromEntries(catalogue.ratios.map((r) => [r.id, enSaisie(proposees[r.id] ?? null, r.unite)])));
  const [plan, setPlan] = useState<ActionPlan[]>([]);
  const [qualitatifs, setQualitatifs] = useState('');
  const f = d.chiffresFiges;
  const changerAction = (i: number, champ: keyof ActionPlan, v: string) => setPlan(plan.map((p, j) => (j === i ? { ...p, [champ]: v || (champ === 'indicateur' ? null : '') } : p)));
  return (
    <Formulaire
      titre="Objectifs de l'année"
      libelle={libelle}
      envoyer={() =>
        agir('arreter_objectifs', {
          cibles: Object.fromEntries(catalogue.ratios.map((r) => [r.id, depuisSaisie(cibles[r.id] ?? '', r.unite)]).filter(([, v]) => v !== null)),
          plan,
          qualitatifs,
        })
      }
    >
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Une cible par ratio</legend>
        <div className="cpo-colonnes">
          {catalogue.ratios.map((r) => (
            <Input
              key={r.id}
              label={r.libelle}
              hintText={`${f.annee} : ML ${formaterValeur(f.ml?.ratios[r.id] ?? null, r.unite)}, département ${formaterValeur(f.departement?.ratios[r.id] ?? null, r.unite)}, région ${formaterValeur(f.region?.ratios[r.id] ?? null, r.unite)}, national ${formaterValeur(f.national?.ratios[r.id] ?? null, r.unite)}${r.unite === 'part' ? ' — saisir en %' : ''}`}
              nativeInputProps={{ required: true, inputMode: 'decimal', value: cibles[r.id] ?? '', onChange: (e) => setCibles({ ...cibles, [r.id]: e.target.value }) }}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Plan d'action</legend>
        {plan.map((p, i) => (
          <div key={i} className="fr-grid-row fr-grid-row--gutters fr-mb-2w" role="group" aria-label={`Action ${i + 1}`}>
            <div className="fr-col-12 fr-col-md-3">
              <Input label={`Action ${i + 1} : titre`} nativeInputProps={{ required: true, value: p.titre, onChange: (e) => changerAction(i, 'titre', e.target.value) }} />
            </div>
            <div className="fr-col-12 fr-col-md-3">
              <Input label="Description" nativeInputProps={{ value: p.description, onChange: (e) => changerAction(i, 'description', e.target.value) }} />
            </div>
            <div className="fr-col-12 fr-col-md-2">
              <Input label="Échéance" nativeInputProps={{ type: 'date', required: true, value: p.echeance, onChange: (e) => changerAction(i, 'echeance', e.target.value) }} />
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
        <Button type="button" priority="secondary" iconId="fr-icon-add-line" onClick={() => setPlan([...plan, { titre: '', description: '', echeance: '', indicateur: null }])}>
          Ajouter une action
        </Button>
      </fieldset>
      {zoneDeTexte('Objectifs qualitatifs', qualitatifs, setQualitatifs)}
    </Formulaire>
  );
}

function Decision({ d, cadre, agir, libelle }: { d: DonneesDialogue; cadre: CadreDialogue; agir: (a: string, c: unknown) => Promise<void>; libelle: string }) {
  const reference = d.convention?.montant_reference ?? 0;
  const [saisies, setSaisies] = useState<Record<string, string>>(Object.fromEntries(cadre.financement.lignes.map((l) => [l.id, l.dans_enveloppe ? String(reference) : '0'])));
  const [justification, setJustification] = useState('');
  const montants = Object.fromEntries(cadre.financement.lignes.map((l) => [l.id, Math.round(Number((saisies[l.id] ?? '0').replace(/[\s\u00a0]/g, '').replace(',', '.')) || 0)]));
  const env = enveloppe(cadre, reference, d.decisionsAnterieures as { annee: number; montants: Record<string, number> }[], { annee: d.annee, montants });
  return (
    <Formulaire titre="Décision financière" libelle={libelle} envoyer={() => agir('decider_financement', { montants, justification: justification || undefined })}>
      <p>
        Crédit de fonctionnement annuel de référence de la convention {d.convention?.numero ?? ''} : <strong>{formaterValeur(reference, 'euros')}</strong>.{' '}
        {cadre.financement.regle}
      </p>
      {cadre.financement.lignes.map((l) => (
        <Input
          key={l.id}
          label={`${l.libelle} (€)`}
          hintText={l.dans_enveloppe ? 'Compte dans la règle des 10 %' : undefined}
          nativeInputProps={{ inputMode: 'numeric', required: true, value: saisies[l.id], onChange: (e) => setSaisies({ ...saisies, [l.id]: e.target.value }) }}
        />
      ))}
      <p aria-live="polite">
        Variation sur les années décidées de la convention : <strong>{formaterValeur(env.variation, 'part')}</strong> ({formaterValeur(env.decide, 'euros')} pour{' '}
        {formaterValeur(env.reference, 'euros')} de référence).
      </p>
      {env.depasse && (
        <>
          <Alert
            severity="warning"
            small
            description={`Au-delà de ${formaterValeur(cadre.financement.variation_maximale, 'part')} : une justification écrite est obligatoire, et la décision sera signalée partout où elle est montrée.`}
            className="fr-mb-2w"
          />
          {zoneDeTexte('Justification du dépassement', justification, setJustification, { requis: true })}
        </>
      )}
    </Formulaire>
  );
}

function Bilan({ d, recharger }: { d: DonneesDialogue; recharger: () => void }) {
  const [commentaire, setCommentaire] = useState('');
  return (
    <Formulaire
      titre="Bilan intermédiaire"
      libelle="Enregistrer le bilan"
      envoyer={async () => {
        await appeler(`/api/dialogues/${d.id}/bilans`, { methode: 'POST', corps: { commentaire } });
        setCommentaire('');
        recharger();
        return 'Bilan enregistré.';
      }}
    >
      <p>Le dialogue est signé. Le bilan met les chiffres de l'année à ce jour face aux cibles (tableau ci-dessous) ; ajoutez votre commentaire.</p>
      {zoneDeTexte('Commentaire', commentaire, setCommentaire, { requis: true })}
    </Formulaire>
  );
}
