// Les comptes et les habilitations : demandes ProConnect en attente (accepter avec un rôle, refuser),
// inviter une personne, changer le rôle ou désactiver un compte, créer une organisation. L'écran
// n'offre que les organisations et les rôles que le serveur dit permis ; il revérifie chaque acte.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import type { Compte, DemandeAcces, Organisation } from '../../application/acces/comptes.ts';
import { TYPES_ORGANISATION } from '../../domaine/acces/droits.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { CHAMPS_OBLIGATOIRES, Champ, Formulaire, useErreurs } from '../composants/Formulaire.tsx';
import { Tableau } from '../composants/Tableau.tsx';
import { appeler, useApi } from '../outils/api.ts';
import { useSession } from '../session.tsx';
import type { Role } from '../types.ts';

type OrganisationGeree = Organisation & { roles: Role[] };
interface Habilitations {
  organisations: OrganisationGeree[];
  comptes: Compte[];
  demandes: DemandeAcces[];
  roles: Record<Role, string>;
}

const ETATS: Record<Compte['etat'], string> = { actif: 'Actif', desactive: 'Désactivé', invite: 'Invitation envoyée' };

export function Comptes() {
  const session = useSession();
  const { donnees, erreur, recharger } = useApi<Habilitations>('/api/comptes');
  document.title = 'Comptes et habilitations — CPO Missions locales';
  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!donnees) return <Chargement texte="Chargement des comptes…" />;
  const organisations = new Map(donnees.organisations.map((o) => [o.id, o]));
  return (
    <>
      <h1>Comptes et habilitations</h1>
      <p className="fr-text--lead">
        Vous gérez les comptes de {donnees.organisations.length > 1 ? `${donnees.organisations.length} organisations` : donnees.organisations[0]?.nom ?? 'aucune organisation'}.
        Chaque changement est inscrit au journal d'audit ; désactiver un compte ou changer son rôle ferme aussitôt ses sessions.
      </p>

      <h2>Demandes d'accès par ProConnect</h2>
      {donnees.demandes.length === 0 ? (
        <p>Aucune demande en attente.</p>
      ) : (
        donnees.demandes.map((d) => <Demande key={d.id} demande={d} organisation={organisations.get(d.organisation.id)!} roles={donnees.roles} recharger={recharger} />)
      )}

      <h2 className="fr-mt-6w">Inviter une personne</h2>
      <Inviter organisations={donnees.organisations} roles={donnees.roles} recharger={recharger} />

      <h2 className="fr-mt-6w">Comptes</h2>
      <Tableau
        titre="Comptes que vous gérez"
        colonnes={[
          { id: 'nom', libelle: 'Nom', valeur: (c) => c.nom },
          { id: 'courriel', libelle: 'Courriel', valeur: (c) => c.courriel },
          { id: 'organisation', libelle: 'Organisation', valeur: (c) => c.organisation.nom },
          { id: 'role', libelle: 'Rôle', valeur: (c) => donnees.roles[c.role] },
          { id: 'etat', libelle: 'État', valeur: (c) => ETATS[c.etat] },
          { id: 'actions', libelle: 'Actions', valeur: () => null, rendu: (c) => <ActionsCompte compte={c} organisation={organisations.get(c.organisation.id)} roles={donnees.roles} recharger={recharger} /> },
        ]}
        lignes={donnees.comptes}
        cle={(c) => String(c.id)}
        filtrable={donnees.comptes.length > 10}
      />

      {session.peut('gerer_organisations') && (
        <>
          <h2 className="fr-mt-6w">Créer une organisation</h2>
          <CreerOrganisation recharger={recharger} />
        </>
      )}
    </>
  );
}

function ChoixRole({ roles, permis, valeur, changer, libelle = 'Rôle' }: { roles: Record<Role, string>; permis: Role[]; valeur: string; changer: (r: string) => void; libelle?: string }) {
  return (
    <Select label={libelle} nativeSelectProps={{ value: valeur, onChange: (e) => changer(e.target.value) }}>
      {permis.map((r) => (
        <option key={r} value={r}>
          {roles[r]}
        </option>
      ))}
    </Select>
  );
}

function Demande({ demande, organisation, roles, recharger }: { demande: DemandeAcces; organisation: OrganisationGeree; roles: Record<Role, string>; recharger: () => void }) {
  const [role, setRole] = useState<string>(organisation.roles[0]);
  const decider = async (corps: unknown) => {
    await appeler(`/api/demandes-acces/${demande.id}`, { methode: 'POST', corps });
    recharger();
  };
  return (
    <div className="fr-card fr-card--no-arrow fr-mb-2w">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title fr-h6">
            {demande.nom} — {demande.courriel}
          </h3>
          <p className="fr-card__desc">
            {organisation.nom} (SIRET {demande.siret}), demande du {dateEnFrancais(demande.creee_le.slice(0, 10))}. Aucun droit n'est donné avant votre décision.
          </p>
          <Formulaire libelle={`Accepter la demande de ${demande.nom}`} envoyer={() => decider({ decision: 'accepter', role })} autres={[{ libelle: `Refuser la demande de ${demande.nom}`, envoyer: () => decider({ decision: 'refuser' }) }]}>
            <ChoixRole roles={roles} permis={organisation.roles} valeur={role} changer={setRole} libelle={`Rôle donné à ${demande.nom}`} />
          </Formulaire>
        </div>
      </div>
    </div>
  );
}

function Inviter({ organisations, roles, recharger }: { organisations: OrganisationGeree[]; roles: Record<Role, string>; recharger: () => void }) {
  const vide: Record<'courriel' | 'nom' | 'organisation' | 'role', string> = { courriel: '', nom: '', organisation: String(organisations[0]?.id ?? ''), role: organisations[0]?.roles[0] ?? '' };
  const [f, setF] = useState(vide);
  const { erreur, verifier } = useErreurs();
  const organisation = organisations.find((o) => String(o.id) === f.organisation);
  if (organisations.length === 0) return <p>Aucune organisation où vous pouvez donner un rôle.</p>;
  return (
    <Formulaire
      libelle="Envoyer l'invitation"
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={async () => {
        verifier({
          courriel: !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.courriel.trim()) && 'Adresse de courriel attendue (prenom.nom@exemple.fr).',
          nom: !f.nom.trim() && 'Le nom est obligatoire.',
        });
        const r = await appeler<{ expire_le: string }>('/api/comptes', { methode: 'POST', corps: { ...f, organisation: Number(f.organisation) } });
        setF({ ...vide, organisation: f.organisation, role: f.role });
        recharger();
        return `Invitation envoyée à ${f.courriel.trim()} : le lien vaut jusqu'au ${dateEnFrancais(r.expire_le.slice(0, 10))}.`;
      }}
    >
      <Champ libelle="Courriel" requis valeur={f.courriel} changer={(courriel) => setF({ ...f, courriel })} erreur={erreur('courriel')} aide="L'invitation part à cette adresse ; le lien sert une fois." />
      <Champ libelle="Prénom et nom" requis valeur={f.nom} changer={(nom) => setF({ ...f, nom })} erreur={erreur('nom')} />
      <Select label="Organisation" nativeSelectProps={{ value: f.organisation, onChange: (e) => setF({ ...f, organisation: e.target.value, role: organisations.find((o) => String(o.id) === e.target.value)?.roles[0] ?? '' }) }}>
        {organisations.map((o) => (
          <option key={o.id} value={String(o.id)}>
            {o.nom}
          </option>
        ))}
      </Select>
      {organisation && <ChoixRole roles={roles} permis={organisation.roles} valeur={f.role} changer={(role) => setF({ ...f, role })} />}
    </Formulaire>
  );
}

function ActionsCompte({ compte, organisation, roles, recharger }: { compte: Compte; organisation?: OrganisationGeree; roles: Record<Role, string>; recharger: () => void }) {
  const [role, setRole] = useState<string>(compte.role);
  const [erreur, setErreur] = useState<string>();
  const [succes, setSucces] = useState<string>();
  const agir = async (url: string, corps?: unknown, message?: string) => {
    setErreur(undefined);
    setSucces(undefined);
    try {
      await appeler(url, { methode: corps === undefined ? 'POST' : 'PUT', corps });
      setSucces(message);
      recharger();
    } catch (e) {
      setErreur((e as Error).message);
    }
  };
  const actif = compte.etat !== 'desactive';
  return (
    <div>
      {organisation && organisation.roles.length > 1 && (
        <div className="fr-mb-1w">
          <ChoixRole roles={roles} permis={organisation.roles} valeur={role} changer={setRole} libelle={`Rôle de ${compte.nom}`} />
          <Button size="small" priority="secondary" disabled={role === compte.role} onClick={() => void agir(`/api/comptes/${compte.id}/role`, { role })}>
            Changer le rôle<span className="fr-sr-only"> de {compte.nom}</span>
          </Button>
        </div>
      )}
      <Button size="small" priority={actif ? 'tertiary' : 'secondary'} onClick={() => void agir(`/api/comptes/${compte.id}/actif`, { actif: !actif })}>
        {actif ? 'Désactiver' : 'Réactiver'}
        <span className="fr-sr-only"> le compte de {compte.nom}</span>
      </Button>
      {compte.etat === 'invite' && (
        <Button size="small" priority="tertiary" className="fr-ml-1w" onClick={() => void agir(`/api/comptes/${compte.id}/invitation`, undefined, `Invitation renvoyée à ${compte.courriel}.`)}>
          Renvoyer l'invitation<span className="fr-sr-only"> à {compte.nom}</span>
        </Button>
      )}
      {erreur && <Alert severity="error" small description={erreur} role="alert" className="fr-mt-1w" />}
      {succes && <Alert severity="success" small description={succes} className="fr-mt-1w" />}
    </div>
  );
}

function CreerOrganisation({ recharger }: { recharger: () => void }) {
  const vide = { type: 'ud', code: '', nom: '', siret: '' };
  const [o, setO] = useState(vide);
  const { erreur, verifier } = useErreurs();
  return (
    <Formulaire
      libelle="Créer l'organisation"
      mention={CHAMPS_OBLIGATOIRES}
      envoyer={async () => {
        verifier({
          code: !o.code.trim() && 'Le code est obligatoire : code de la structure, du département ou de la région.',
          nom: !o.nom.trim() && 'Le nom est obligatoire.',
          siret: o.siret.trim() !== '' && !/^\d{14}$/.test(o.siret.replace(/\s/g, '')) && 'Le SIRET compte 14 chiffres.',
        });
        await appeler('/api/organisations', { methode: 'POST', corps: { ...o, siret: o.siret.replace(/\s/g, '') || null } });
        setO(vide);
        recharger();
        return `Organisation « ${o.nom.trim()} » créée.`;
      }}
    >
      <Select label="Type" nativeSelectProps={{ value: o.type, onChange: (e) => setO({ ...o, type: e.target.value }) }}>
        {Object.entries(TYPES_ORGANISATION).map(([cle, libelle]) => (
          <option key={cle} value={cle}>
            {libelle}
          </option>
        ))}
      </Select>
      <Champ libelle="Code" requis valeur={o.code} changer={(code) => setO({ ...o, code })} erreur={erreur('code')} aide="Mission locale : son code de structure ; UD : le département ; DIRECCTE et Conseil régional : la région ; DGEFP : FR." />
      <Champ libelle="Nom" requis valeur={o.nom} changer={(nom) => setO({ ...o, nom })} erreur={erreur('nom')} />
      <Champ libelle="SIRET" valeur={o.siret} changer={(siret) => setO({ ...o, siret })} erreur={erreur('siret')} aide="Celui que ProConnect rend pour ses agents ; une Mission locale prend à défaut celui de son extrait." inputMode="numeric" />
    </Formulaire>
  );
}
