// Les pages légales d'un service de l'État, ouvertes sans connexion : mentions légales, données
// personnelles, cookies, déclaration d'accessibilité, plan du site. Ce que l'exploitant renseigne
// (éditeur, hébergeur, contacts) vient du serveur (`/api/informations-legales`), une seule source.
import type { ReactNode } from 'react';
import type { InformationsLegales } from '../../application/informationsLegales.ts';
import { dateEnFrancais } from '../../domaine/temps/dates.ts';
import { Chargement, ErreurAppel } from '../composants/Etats.tsx';
import { useApi } from '../outils/api.ts';
import { Lien } from '../outils/routeur.tsx';

interface Informations extends InformationsLegales {
  conservation: { identite_jeunes_annees: number; session: { cookie: string; duree_heures: number } };
}

/** Les pages publiques, par adresse : celles que le pied de page et le plan du site donnent. */
export const PAGES_INFORMATIONS = {
  '/mentions-legales': 'Mentions légales',
  '/donnees-personnelles': 'Données personnelles',
  '/gestion-des-cookies': 'Gestion des cookies',
  '/accessibilite': "Déclaration d'accessibilité",
  '/plan-du-site': 'Plan du site',
} as const;
export type PageInformations = keyof typeof PAGES_INFORMATIONS;

/** Une information que l'exploitant n'a pas encore renseignée le dit, plutôt que de se taire. */
const renseigne = (valeur: string | null | undefined) => valeur ?? "non renseigné par l'exploitant du service";

function Courriel({ adresse }: { adresse: string | null }) {
  return adresse ? <a href={`mailto:${adresse}`}>{adresse}</a> : <>{renseigne(adresse)}</>;
}

function Page({ chemin, children }: { chemin: PageInformations; children: (i: Informations) => ReactNode }) {
  const { donnees, erreur } = useApi<Informations>('/api/informations-legales', { garder: true });
  document.title = `${PAGES_INFORMATIONS[chemin]} — CPO Missions locales`;
  return (
    <div className="cpo-page-texte">
      <h1>{PAGES_INFORMATIONS[chemin]}</h1>
      {erreur ? <ErreurAppel erreur={erreur} /> : donnees ? children(donnees) : <Chargement texte="Chargement…" />}
    </div>
  );
}

function Tableau({ titre, entetes, lignes }: { titre: string; entetes: string[]; lignes: ReactNode[][] }) {
  return (
    <div className="fr-table fr-table--bordered fr-table--multiline">
      <div className="fr-table__wrapper">
        {/* Sur un petit écran, le tableau défile : la zone se prend au clavier. */}
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={titre}>
          <div className="fr-table__content">
            <table>
              <caption>{titre}</caption>
              <thead>
                <tr>
                  {entetes.map((e) => (
                    <th key={e} scope="col">
                      {e}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {lignes.map((l, i) => (
                  <tr key={i}>
                    {l.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

export function MentionsLegales() {
  return (
    <Page chemin="/mentions-legales">
      {(i) => (
        <>
          <h2>Éditeur</h2>
          <p>
            {i.service} est édité par la {i.editeur.nom}
            {i.editeur.rattachement && `, ${i.editeur.rattachement}`}.
            <br />
            Adresse : {renseigne(i.editeur.adresse)}.
          </p>
          <p>Directeur ou directrice de la publication : {renseigne(i.editeur.directeur_publication)}.</p>
          <h2>Objet du service</h2>
          <p>
            Le pilotage de la convention pluriannuelle d'objectifs (CPO) entre l'État et les Missions locales (instruction DGEFP/MIJ/2015/367) :
            données des parcours des jeunes transmises par chaque Mission locale, tableaux de bord et ratios de performance, dialogue de gestion
            annuel et avenant financier. Le service est réservé aux personnes habilitées des Missions locales, de l'État (unités départementales,
            DIRECCTE, DGEFP) et des conseils régionaux ; seules les pages d'information s'ouvrent sans connexion.
          </p>
          <h2>Hébergement</h2>
          <p>
            {renseigne(i.hebergeur.nom)}
            {i.hebergeur.adresse && (
              <>
                <br />
                {i.hebergeur.adresse}
              </>
            )}
            {i.hebergeur.telephone && (
              <>
                <br />
                Téléphone : {i.hebergeur.telephone}
              </>
            )}
          </p>
          <h2>Contact</h2>
          <p>
            Pour toute question sur le service : <Courriel adresse={i.contact.courriel} />.
          </p>
          <h2>Licence</h2>
          <p>
            Le logiciel est libre, sous licence MIT (licence autorisée pour les logiciels des administrations, décret n° 2017-638). L'emblème de la
            République française et le système de design de l'État sont réservés aux sites de l'État.
          </p>
        </>
      )}
    </Page>
  );
}

export function DonneesPersonnelles() {
  return (
    <Page chemin="/donnees-personnelles">
      {(i) => (
        <>
          <h2>Responsable du traitement</h2>
          <p>
            La {i.editeur.nom}. Délégué à la protection des données : <Courriel adresse={i.contact.donnees_personnelles} />.
          </p>
          <h2>Base légale</h2>
          <p>
            L'exécution d'une mission d'intérêt public (article 6, paragraphe 1, point e, du règlement général sur la protection des données) : le
            pilotage et le financement par l'État des Missions locales, qui participent au service public de l'emploi (code du travail, articles
            L. 5314-1 à L. 5314-4).
          </p>
          <h2>Données, finalités et durées de conservation</h2>
          <Tableau
            titre="Ce que le service garde, pourquoi et combien de temps"
            entetes={['Données', 'Personnes concernées', 'Finalité', 'Durée de conservation']}
            lignes={[
              [
                'Identité : nom, prénom, courriel, téléphone',
                'Jeunes accompagnés par une Mission locale',
                'Suivi nominatif par la Mission locale : la liste et le dossier de ses jeunes, réservés à ses utilisateurs',
                `Effacée après ${i.conservation.identite_jeunes_annees} ans sans aucune activité du jeune (premier accueil, événement, dispositif, situation, aide), par la commande de conservation que l'exploitant lance chaque nuit ; un nouvel extrait ne la fait pas revenir`,
              ],
              [
                "Parcours : date de naissance, sexe, niveau de formation, commune, QPV, ZRR, reconnaissance de la qualité de travailleur handicapé (RQTH), inscription à Pôle emploi, premier accueil, événements, dispositifs, situations, aides",
                'Les mêmes jeunes, sous l’identifiant que leur donne leur Mission locale',
                'Calcul des indicateurs et des ratios de la CPO, dialogue de gestion, avenant',
                "Gardé pour les chiffres des années de la convention ; l'identité effacée, il ne désigne plus personne par son nom, et les chiffres passés ne changent pas",
              ],
              ['Compte : nom, courriel, organisation, rôle', 'Utilisateurs habilités', 'Connexion et contrôle des droits', 'Tant que le compte existe (créé et retiré par l’administrateur)'],
              [
                "Invitation et demande d'accès : courriel, nom, SIRET de l'organisation (rendu par ProConnect), date, décision",
                'Personnes invitées ; agents venus par ProConnect sans compte',
                "Ouvrir un compte : l'invitation par courriel (le lien n'est gardé qu'en empreinte), la demande d'accès qu'un administrateur accepte ou refuse",
                "Tant que le compte ou la demande existe ; le journal d'audit garde la trace de chaque décision",
              ],
              [
                "Journal d'audit : courriel, date et heure, action, objet, adresse IP, changement",
                "Utilisateurs, et jeunes dont le dossier est lu (par leur identifiant)",
                'Prouver qui a lu ou modifié quoi : chaque écriture et chaque lecture de données nominatives',
                "Le journal ne se modifie pas et ne s'efface pas depuis l'application ; aucune durée d'effacement n'est encore fixée",
              ],
              [
                `Cookie de session (${i.conservation.session.cookie})`,
                'Utilisateurs',
                'Garder la session ouverte',
                `${i.conservation.session.duree_heures} heures au plus (voir la gestion des cookies)`,
              ],
            ]}
          />
          <h2>Qui reçoit les données</h2>
          <p>
            Les utilisateurs d'une Mission locale voient les dossiers nominatifs de ses seuls jeunes. Les agents de l'État (unités départementales,
            DIRECCTE, DGEFP) et des conseils régionaux ne reçoivent que des chiffres agrégés : jamais l'identité d'un jeune ni une ligne par jeune.
            Le journal d'audit se consulte à la DGEFP et, pour ses propres données, par la direction d'une Mission locale. Le service ne charge aucun
            script ni aucune ressource d'un autre site : rien ne part de votre navigateur vers un tiers.
          </p>
          <h2>Vos droits</h2>
          <p>
            Vous disposez d'un droit d'accès, de rectification, de limitation et d'opposition sur les données qui vous concernent (articles 15, 16, 18
            et 21 du règlement général sur la protection des données).
          </p>
          <ul>
            <li>
              Jeune accompagné : adressez-vous d'abord à votre Mission locale, qui tient votre dossier et transmet ses données à ce service ; ce
              qu'elle corrige remplace l'ancienne valeur à son extrait suivant.
            </li>
            <li>
              Utilisateur, ou pour toute demande : écrivez au délégué à la protection des données, <Courriel adresse={i.contact.donnees_personnelles} />.
            </li>
          </ul>
          <p>
            Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la Commission
            nationale de l'informatique et des libertés (<a href="https://www.cnil.fr/fr/plaintes">cnil.fr</a>).
          </p>
        </>
      )}
    </Page>
  );
}

export function GestionDesCookies() {
  return (
    <Page chemin="/gestion-des-cookies">
      {(i) => (
        <>
          <p>
            {i.service} dépose un seul cookie, nécessaire à son fonctionnement. Il n'y a ni mesure d'audience, ni publicité, ni contenu d'un autre
            site : rien à accepter ni à refuser, d'où l'absence de bandeau (un tel cookie est dispensé de consentement, article 82 de la loi
            Informatique et libertés).
          </p>
          <Tableau
            titre="Le cookie du service"
            entetes={['Nom', 'Finalité', 'Durée', 'Contenu']}
            lignes={[
              [
                <code key="nom">{i.conservation.session.cookie}</code>,
                "Garder votre session ouverte après la connexion ; protéger chacune de vos actions contre une requête forgée depuis un autre site (jeton anti-CSRF) ; pendant une connexion ProConnect, retenir l'état de la connexion.",
                `${i.conservation.session.duree_heures} heures au plus, puis il faut se reconnecter ; effacé à la déconnexion.`,
                "Chiffré et signé : l'identifiant de votre compte, pas votre nom. Ni les scripts de la page ni les autres sites ne peuvent le lire (HttpOnly, SameSite=Lax).",
              ],
            ]}
          />
          <p>
            Le système de design de l'État garde aussi, dans le stockage local de votre navigateur (ce n'est pas un cookie, et il n'est jamais envoyé
            au serveur), le thème d'affichage clair de la page.
          </p>
        </>
      )}
    </Page>
  );
}

export function Accessibilite() {
  return (
    <Page chemin="/accessibilite">
      {(i) => (
        <>
          <p>
            La {i.editeur.nom} s'engage à rendre ses services numériques accessibles, conformément à l'article 47 de la loi n° 2005-102 du 11 février
            2005. Cette déclaration s'applique à {i.service}.
          </p>
          <h2>État de conformité</h2>
          <p>
            {i.service} est <strong>partiellement conforme</strong> au référentiel général d'amélioration de l'accessibilité (RGAA 4.1) : aucun audit
            complet n'a encore été fait ; cet état repose sur les contrôles décrits ci-dessous et sur les limites connues.
          </p>
          <h2>Ce qui est vérifié</h2>
          <ul>
            <li>
              À chaque version, les tests de bout en bout ouvrent l'application dans Chromium et passent axe-core (règles WCAG 2.1 A et AA) sur la
              connexion, le tableau de bord de chaque sorte d'utilisateur (Mission locale, département, région, nation), le tableau régional,
              l'évolution 2015-2018, les étapes du dialogue de gestion (suivi de campagne, autodiagnostic, décision financière, avenant signé), le
              journal d'audit et ces pages d'information : aucune violation grave ni critique n'est admise.
            </li>
            <li>Les tableaux se trient au clavier et annoncent leur tri ; chaque chiffre porte sa définition, ouverte au clavier ; une valeur absente dit pourquoi.</li>
            <li>Chaque graphique a un titre, une description lue par les lecteurs d'écran et le tableau de ses données.</li>
            <li>Un lien d'évitement mène au contenu ; les textes et les couleurs sont ceux du système de design de l'État.</li>
          </ul>
          <h2>Limites connues</h2>
          <ul>
            <li>Les graphiques sont dessinés (canvas) : ni le clavier ni un lecteur d'écran n'y naviguent ; leur tableau de données en tient lieu.</li>
            <li>Les images exportées (PNG, SVG) n'ont pas d'alternative textuelle : les exports CSV et XLSX donnent les mêmes données.</li>
            <li>L'avenant en PDF n'est pas balisé pour les lecteurs d'écran.</li>
            <li>La documentation de l'API (/api/docs) n'est ni au système de design de l'État ni vérifiée.</li>
            <li>
              Les contrôles automatiques ne couvrent qu'une partie des critères du RGAA, et seulement à 1 400 pixels de large ; l'affichage sur mobile
              et les lecteurs d'écran n'ont été essayés qu'à la main.
            </li>
          </ul>
          <h2>Établissement de cette déclaration</h2>
          <p>Cette déclaration a été établie le {dateEnFrancais(i.accessibilite.date)}. Technologies utilisées : HTML, CSS, JavaScript, SVG.</p>
          <h2>Retour d'information et contact</h2>
          <p>
            Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez à <Courriel adresse={i.contact.courriel} /> : nous vous
            indiquerons une autre façon d'y accéder.
          </p>
          <h2>Voies de recours</h2>
          <p>
            Si vous nous avez signalé un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un service et n'avez pas obtenu de réponse
            satisfaisante, vous pouvez écrire au Défenseur des droits (<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a>),
            contacter son délégué dans votre région, ou lui écrire par courrier, gratuitement : Défenseur des droits, Libre réponse 71120, 75342 Paris
            CEDEX 07.
          </p>
        </>
      )}
    </Page>
  );
}

/** Le plan du site : les pages que la personne peut ouvrir (celles de sa navigation, connectée), et les pages d'information. */
export function PlanDuSite({ pages }: { pages: { titre: string; adresse: string }[] }) {
  document.title = 'Plan du site — CPO Missions locales';
  return (
    <div className="cpo-page-texte">
      <h1>Plan du site</h1>
      <ul>
        {(pages.length ? pages : [{ titre: 'Connexion', adresse: '/connexion' }]).map((p) => (
          <li key={p.adresse}>
            <Lien href={p.adresse}>{p.titre}</Lien>
          </li>
        ))}
        <li>
          <a href="/api/docs">Documentation de l'API</a>
        </li>
        <li>
          Informations
          <ul>
            {Object.entries(PAGES_INFORMATIONS)
              .filter(([adresse]) => adresse !== '/plan-du-site')
              .map(([adresse, titre]) => (
                <li key={adresse}>
                  <Lien href={adresse}>{titre}</Lien>
                </li>
              ))}
          </ul>
        </li>
      </ul>
    </div>
  );
}
