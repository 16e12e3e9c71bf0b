// La coquille de l'application : en-tête et pied de page DSFR, session, et la page de l'adresse.
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { Chargement, MessageErreur } from './composants/Etats.tsx';
import { ErreurApi, appeler, quandDeconnecte, viderCache } from './outils/api.ts';
import { naviguer, useAdresse } from './outils/routeur.tsx';
import { Connexion } from './pages/Connexion.tsx';
import { Invitation } from './pages/Invitation.tsx';
import { Accessibilite, DonneesPersonnelles, GestionDesCookies, MentionsLegales, PAGES_INFORMATIONS, PlanDuSite, type PageInformations } from './pages/Informations.tsx';
import { ContexteSession, type Session } from './session.tsx';
import type { Catalogue, Moi } from './types.ts';

const marque = (
  <>
    République
    <br />
    Française
  </>
);

/**
 * Chaque page est un fichier JavaScript à part, chargé à sa première visite : la page de connexion ne
 * charge ni les tableaux ni les graphiques (ECharts n'est importé que par les pages qui en ont).
 */
function parPage<N extends string>(charger: () => Promise<Record<N, ComponentType<any>>>, nom: N) {
  return lazy(async () => ({ default: (await charger())[nom] }));
}
const AFaire = parPage(() => import('./pages/AFaire.tsx'), 'AFaire');
const Audit = parPage(() => import('./pages/Audit.tsx'), 'Audit');
const Campagnes = parPage(() => import('./pages/Campagnes.tsx'), 'Campagnes');
const Depot = parPage(() => import('./pages/Depots.tsx'), 'Depot');
const Depots = parPage(() => import('./pages/Depots.tsx'), 'Depots');
const Jetons = parPage(() => import('./pages/Jetons.tsx'), 'Jetons');
const SuiviDepots = parPage(() => import('./pages/SuiviDepots.tsx'), 'SuiviDepots');
const Comptes = parPage(() => import('./pages/Comptes.tsx'), 'Comptes');
const DeclarationsTerritoire = parPage(() => import('./pages/DeclarationsTerritoire.tsx'), 'DeclarationsTerritoire');
const Dialogue = parPage(() => import('./pages/dialogue/Dialogue.tsx'), 'Dialogue');
const DonneesDeclarees = parPage(() => import('./pages/DonneesDeclarees.tsx'), 'DonneesDeclarees');
const DossierJeune = parPage(() => import('./pages/DossierJeune.tsx'), 'DossierJeune');
const Evolution = parPage(() => import('./pages/Evolution.tsx'), 'Evolution');
const Jeunes = parPage(() => import('./pages/Jeunes.tsx'), 'Jeunes');
const MesJeunes = parPage(() => import('./pages/MesJeunes.tsx'), 'MesJeunes');
const QualiteDonnees = parPage(() => import('./pages/QualiteDonnees.tsx'), 'QualiteDonnees');
const SuiviCampagne = parPage(() => import('./pages/SuiviCampagne.tsx'), 'SuiviCampagne');
const TableauML = parPage(() => import('./pages/TableauML.tsx'), 'TableauML');
const TableauTerritoire = parPage(() => import('./pages/TableauTerritoire.tsx'), 'TableauTerritoire');

/** Les pages d'information s'ouvrent sans connexion. */
const estInformation = (chemin: string): chemin is PageInformations => chemin in PAGES_INFORMATIONS;
/** Le lien d'une invitation s'ouvre aussi sans connexion. */
const INVITATION = '/invitation';
const INFORMATIONS: Record<Exclude<PageInformations, '/plan-du-site'>, ComponentType> = {
  '/mentions-legales': MentionsLegales,
  '/donnees-personnelles': DonneesPersonnelles,
  '/gestion-des-cookies': GestionDesCookies,
  '/accessibilite': Accessibilite,
};

function Information({ chemin, plan }: { chemin: PageInformations; plan: { titre: string; adresse: string }[] }) {
  if (chemin === '/plan-du-site') return <PlanDuSite pages={plan} />;
  const Composant = INFORMATIONS[chemin];
  return <Composant />;
}

function Page({ chemin }: { chemin: string }) {
  let m: RegExpMatchArray | null;
  if ((m = chemin.match(/^\/structures\/([^/]+)$/))) return <TableauML code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/qualite$/))) return <QualiteDonnees code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/donnees-declarees$/))) return <DonneesDeclarees code={decodeURIComponent(m[1])} />;
  if (chemin === '/donnees-declarees') return <DeclarationsTerritoire />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/jeunes$/))) return <Jeunes code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/mes-jeunes$/))) return <MesJeunes code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/jeunes\/([^/]+)$/))) return <DossierJeune code={decodeURIComponent(m[1])} id={decodeURIComponent(m[2])} />;
  if ((m = chemin.match(/^\/(departement|region)s\/([^/]+)$/))) return <TableauTerritoire niveau={m[1] as 'departement' | 'region'} code={decodeURIComponent(m[2])} />;
  if (chemin === '/national') return <TableauTerritoire niveau="national" code="FR" />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/depots$/))) return <Depots code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/structures\/([^/]+)\/jetons$/))) return <Jetons code={decodeURIComponent(m[1])} />;
  if ((m = chemin.match(/^\/depots\/(\d+)$/))) return <Depot id={m[1]} />;
  if (chemin === '/suivi-depots') return <SuiviDepots />;
  if (chemin === '/a-faire') return <AFaire />;
  if (chemin === '/audit') return <Audit />;
  if (chemin === '/campagnes') return <Campagnes />;
  if (chemin === '/comptes') return <Comptes />;
  if ((m = chemin.match(/^\/campagnes\/(\d+)$/))) return <SuiviCampagne id={m[1]} />;
  if ((m = chemin.match(/^\/dialogues\/(\d+)$/))) return <Dialogue id={m[1]} />;
  if ((m = chemin.match(/^\/evolution\/(structure|departement|region|national)\/([^/]+)$/)))
    return <Evolution niveau={m[1] as 'structure'} code={decodeURIComponent(m[2])} />;
  return <MessageErreur titre="Page introuvable" message={`Aucune page à l'adresse ${chemin}.`} />;
}

export function App() {
  const { chemin } = useAdresse();
  const [moi, setMoi] = useState<Moi | null | undefined>(undefined);
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [erreur, setErreur] = useState<string>();

  const chargerSession = useCallback(async () => {
    try {
      const profil = await appeler<Moi>('/api/moi');
      setCatalogue(await appeler<Catalogue>('/api/catalogue'));
      setMoi(profil);
    } catch (e) {
      if (e instanceof ErreurApi && e.code === 'non_connecte') setMoi(null);
      else setErreur((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void chargerSession();
    return quandDeconnecte(() => setMoi(null));
  }, [chargerSession]);

  const session = useMemo<Session | null>(
    () =>
      moi && catalogue
        ? {
            ...moi,
            catalogue,
            peut: (action) => moi.droits.includes(action),
            deconnecter: async (partout) => {
              const fin = await appeler<{ redirection: string } | undefined>(partout ? '/api/deconnexion/partout' : '/api/deconnexion', { methode: 'POST' });
              viderCache();
              // Connecté par ProConnect : la session se ferme aussi chez le fournisseur d'identité.
              if (fin?.redirection) return void window.location.assign(fin.redirection);
              setMoi(null);
              naviguer('/connexion');
            },
          }
        : null,
    [moi, catalogue],
  );

  // Sans session, toute adresse hors des pages d'information mène à la connexion ; connecté, la connexion et la racine mènent à l'accueil.
  useEffect(() => {
    if (moi === null && chemin !== '/connexion' && chemin !== INVITATION && !estInformation(chemin)) naviguer('/connexion', { remplacer: true });
    if (moi && (chemin === '/' || chemin === '/connexion')) naviguer(moi.accueil, { remplacer: true });
  }, [moi, chemin]);

  const u = session?.utilisateur;
  const navigation = session
    ? [
        { text: 'Tableau de bord', linkProps: { href: session.accueil }, isActive: chemin === session.accueil },
        {
          text: 'Évolution 2015-2018',
          linkProps: { href: `/evolution/${session.utilisateur.portee.niveau}/${'code' in session.utilisateur.portee ? session.utilisateur.portee.code : 'FR'}` },
          isActive: chemin.startsWith('/evolution/'),
        },
        ...(session.peut('agir_dialogue') ? [{ text: 'À faire', linkProps: { href: '/a-faire' }, isActive: chemin === '/a-faire' }] : []),
        ...(session.peut('lire_campagnes') || session.peut('gerer_conventions')
          ? [{ text: 'Dialogue de gestion', linkProps: { href: '/campagnes' }, isActive: chemin.startsWith('/campagnes') || chemin.startsWith('/dialogues') }]
          : []),
        ...(session.peut('gerer_comptes') ? [{ text: 'Comptes', linkProps: { href: '/comptes' }, isActive: chemin === '/comptes' }] : []),
        ...(session.peut('declarer_moyens') && u?.portee.niveau === 'structure'
          ? [{ text: 'Données déclarées', linkProps: { href: `/structures/${u.portee.code}/donnees-declarees` }, isActive: chemin.endsWith('/donnees-declarees') }]
          : session.peut('declarer_contexte')
            ? [{ text: 'Données déclarées', linkProps: { href: '/donnees-declarees' }, isActive: chemin.endsWith('/donnees-declarees') }]
            : []),
        ...(session.peut('lire_audit') ? [{ text: "Journal d'audit", linkProps: { href: '/audit' }, isActive: chemin === '/audit' }] : []),
        ...(session.peut('deposer_extrait') && u?.portee.niveau === 'structure'
          ? [{ text: 'Dépôts', linkProps: { href: `/structures/${u.portee.code}/depots` }, isActive: /\/depots(\/|$)/.test(chemin) }]
          : []),
        ...(session.peut('gerer_jetons') && u?.portee.niveau === 'structure'
          ? [{ text: 'Jetons', linkProps: { href: `/structures/${u.portee.code}/jetons` }, isActive: chemin.endsWith('/jetons') }]
          : []),
        ...(session.peut('suivre_depots') ? [{ text: 'Suivi des dépôts', linkProps: { href: '/suivi-depots' }, isActive: chemin === '/suivi-depots' }] : []),
        ...(session.peut('lire_jeunes') && u?.portee.niveau === 'structure'
          ? [
              { text: 'Mes jeunes', linkProps: { href: `/structures/${u.portee.code}/mes-jeunes` }, isActive: chemin.endsWith('/mes-jeunes') },
              { text: 'Jeunes suivis', linkProps: { href: `/structures/${u.portee.code}/jeunes` }, isActive: /\/jeunes(\/|$)/.test(chemin) },
            ]
          : []),
        ...(u?.portee.niveau === 'structure'
          ? [{ text: 'Qualité des données', linkProps: { href: `/structures/${u.portee.code}/qualite` }, isActive: chemin.endsWith('/qualite') }]
          : []),
      ]
    : undefined;

  return (
    <>
      <SkipLinks links={[{ label: 'Contenu', anchor: '#contenu' }]} />
      <Header
        brandTop={marque}
        homeLinkProps={{ href: session?.accueil ?? '/connexion', title: 'Accueil — CPO Missions locales' }}
        serviceTitle="CPO Missions locales"
        serviceTagline="Convention pluriannuelle d'objectifs entre l'État et les Missions locales"
        navigation={navigation}
        quickAccessItems={
          u
            ? [
                { iconId: 'fr-icon-account-circle-line', text: `${u.nom} — ${u.organisation.nom}`, linkProps: { href: session!.accueil } },
                { iconId: 'fr-icon-logout-box-r-line', text: 'Se déconnecter', buttonProps: { onClick: () => void session!.deconnecter() } },
                {
                  iconId: 'fr-icon-shut-down-line',
                  text: 'Se déconnecter partout',
                  buttonProps: { onClick: () => void session!.deconnecter(true), title: 'Fermer toutes vos sessions, sur tous vos appareils et navigateurs' },
                },
              ]
            : []
        }
      />
      <main id="contenu" className="fr-container fr-pt-3w fr-pb-6w" tabIndex={-1}>
        {estInformation(chemin) ? (
          <Information chemin={chemin} plan={(navigation ?? []).map((n) => ({ titre: n.text, adresse: n.linkProps.href }))} />
        ) : chemin === INVITATION ? (
          <Invitation />
        ) : erreur ? (
          <MessageErreur titre="Le service est indisponible" message={erreur} />
        ) : moi === undefined ? (
          <Chargement />
        ) : moi === null ? (
          <Connexion apresConnexion={chargerSession} />
        ) : session ? (
          <ContexteSession.Provider value={session}>
            <Suspense fallback={<Chargement />}>
              <Page chemin={chemin} />
            </Suspense>
          </ContexteSession.Provider>
        ) : (
          <Chargement />
        )}
      </main>
      <Footer
        brandTop={marque}
        homeLinkProps={{ href: '/', title: 'Accueil — CPO Missions locales' }}
        accessibility="partially compliant"
        accessibilityLinkProps={{ href: '/accessibilite' }}
        termsLinkProps={{ href: '/mentions-legales' }}
        websiteMapLinkProps={{ href: '/plan-du-site' }}
        contentDescription="Pilotage de la convention pluriannuelle d'objectifs (instruction DGEFP/MIJ/2015/367) : tableaux de bord, ratios de performance et références de chaque Mission locale."
        bottomItems={[
          { text: PAGES_INFORMATIONS['/donnees-personnelles'], linkProps: { href: '/donnees-personnelles' } },
          { text: PAGES_INFORMATIONS['/gestion-des-cookies'], linkProps: { href: '/gestion-des-cookies' } },
          { text: "Documentation de l'API", linkProps: { href: '/api/docs' } },
        ]}
        license="Logiciel libre sous licence MIT. Les chiffres et les données du service sont réservés aux personnes habilitées."
      />
    </>
  );
}
