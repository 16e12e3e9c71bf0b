// Connexion de démonstration : une carte par rôle ; quand un rôle a un compte dans plusieurs
// organisations (une direction par ML, une UD par département), on choisit l'organisation.
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState } from 'react';
import { Chargement, ErreurAppel, MessageErreur } from '../composants/Etats.tsx';
import { appeler, useApi, type ErreurApi } from '../outils/api.ts';
import { useAdresse } from '../outils/routeur.tsx';
import type { UtilisateurPresente } from '../types.ts';

const ERREURS: Record<string, string> = {
  compte: "Votre compte ProConnect n'est rattaché à aucun utilisateur de CPO Missions locales. Demandez votre habilitation à votre administrateur.",
  organisation:
    "Votre organisation (le SIRET que ProConnect a transmis) n'est pas enregistrée dans CPO Missions locales : aucune demande d'accès n'a pu être faite. Demandez à votre DIRECCTE, ou à la DGEFP, de l'enregistrer, puis reconnectez-vous.",
  refusee: "Votre demande d'accès à CPO Missions locales a été refusée. Pour en savoir plus, adressez-vous à l'administrateur de votre organisation.",
  invitation: "Votre compte a été créé par une invitation qui n'a pas encore été acceptée : ouvrez d'abord le lien reçu par courriel.",
  desactive: 'Votre compte CPO Missions locales est désactivé. Adressez-vous à votre administrateur pour le réactiver.',
  fournisseur: "Le fournisseur d'identité n'a pas confirmé votre connexion. Recommencez.",
  session: 'La connexion a expiré avant votre retour. Recommencez.',
};

export function Connexion({ apresConnexion }: { apresConnexion: () => Promise<void> }) {
  const { donnees, erreur } = useApi<{ active: boolean; proconnect: boolean; utilisateurs: UtilisateurPresente[] }>('/api/connexion/demo');
  const { parametres } = useAdresse();
  const erreurRetour = ERREURS[parametres.get('erreur') ?? ''];
  const [refus, setRefus] = useState<ErreurApi>();
  document.title = 'Connexion — CPO Missions locales';

  const seConnecter = async (id: number) => {
    try {
      await appeler('/api/connexion/demo', { methode: 'POST', corps: { id } });
      await apresConnexion();
    } catch (e) {
      setRefus(e as ErreurApi);
    }
  };

  if (erreur) return <ErreurAppel erreur={erreur} />;
  if (!donnees) return <Chargement texte="Chargement des comptes…" />;
  return (
    <>
      <h1>Connexion</h1>
      {parametres.get('erreur') === 'attente' && (
        <Alert
          severity="info"
          title="Votre demande d'accès est en attente"
          description="Vous êtes bien connu(e) de ProConnect et votre organisation est enregistrée, mais vous n'avez pas encore de compte. Votre demande a été transmise aux administrateurs de votre organisation (direction de la Mission locale, DIRECCTE ou DGEFP) : dès qu'ils l'auront acceptée, vous recevrez un courriel et pourrez vous connecter. Aucun droit ne vous est donné d'ici là."
          className="fr-mb-3w"
        />
      )}
      {erreurRetour && <MessageErreur titre="Connexion refusée" message={erreurRetour} />}
      {donnees.proconnect && (
        <section className="fr-mb-6w">
          <h2 className="fr-h4">Agents de l'État et des Missions locales</h2>
          <ProConnectButton url="/api/connexion/oidc" />
        </section>
      )}
      {!donnees.active ? (
        !donnees.proconnect && <MessageErreur titre="Aucune connexion possible" message="Ce serveur n'a ni ProConnect configuré ni la connexion de démonstration ouverte." />
      ) : (
        <>
          <p className="fr-text--lead">
            Démonstration : choisissez un compte. Chacun voit ce que son organisation voit — une Mission locale ses propres jeunes, l'État et la
            Région des chiffres agrégés seulement.
          </p>
          {refus && <ErreurAppel erreur={refus} />}
          <div className="fr-grid-row fr-grid-row--gutters">
            {parRole(donnees.utilisateurs).map((comptes) => (
              <div key={comptes[0].role} className="fr-col-12 fr-col-md-6 fr-col-lg-4">
                <CarteRole comptes={comptes} seConnecter={seConnecter} />
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}

/** Les comptes regroupés par rôle, dans l'ordre où la démonstration les propose. */
function parRole(utilisateurs: UtilisateurPresente[]): UtilisateurPresente[][] {
  const groupes = new Map<string, UtilisateurPresente[]>();
  for (const u of utilisateurs) groupes.set(u.role, [...(groupes.get(u.role) ?? []), u]);
  return [...groupes.values()];
}

function CarteRole({ comptes, seConnecter }: { comptes: UtilisateurPresente[]; seConnecter: (id: number) => Promise<void> }) {
  const [id, setId] = useState(comptes[0].id);
  const u = comptes.find((c) => c.id === id) ?? comptes[0];
  return (
    <div className="fr-card fr-card--no-arrow">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h2 className="fr-card__title fr-h6">{u.libelleRole}</h2>
          {comptes.length > 1 ? (
            <div className="fr-card__desc">
              <Select
                label={u.organisation.libelleType}
                hint={`${comptes.length} comptes de démonstration`}
                nativeSelectProps={{ value: String(u.id), onChange: (e) => setId(Number(e.target.value)) }}
              >
                {comptes.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.organisation.nom} — {c.nom}
                  </option>
                ))}
              </Select>
            </div>
          ) : (
            <p className="fr-card__desc">{u.organisation.nom}</p>
          )}
          <div className="fr-card__end">
            <p className="fr-card__detail">Compte : {u.nom}</p>
          </div>
        </div>
        <div className="fr-card__footer">
          <Button onClick={() => void seConnecter(u.id)} iconId="fr-icon-account-circle-line">
            Se connecter<span className="fr-sr-only"> en tant que {u.nom}</span>
          </Button>
        </div>
      </div>
    </div>
  );
}
