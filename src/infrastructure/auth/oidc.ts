// Connexion des agents par OpenID Connect (ProConnect) : code d'autorisation avec PKCE, état et nonce
// gardés dans la session chiffrée. Configurée par l'environnement ; absente, la connexion n'est pas offerte.
import * as client from 'openid-client';

export interface ConfigurationOidc {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adresse publique de l'application (https://…) ; à défaut, celle de la requête. */
  urlPublique?: string;
  /** Portées demandées ; ProConnect : openid email given_name usual_name siret. */
  scope?: string;
}

export function configurationOidcDepuisEnvironnement(): ConfigurationOidc | null {
  const { CPO_OIDC_ISSUER: issuer, CPO_OIDC_CLIENT_ID: clientId, CPO_OIDC_CLIENT_SECRET: clientSecret } = process.env;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, urlPublique: process.env.CPO_URL_PUBLIQUE, scope: process.env.CPO_OIDC_SCOPE };
}

export interface Tentative {
  verifier: string;
  state: string;
  nonce: string;
}

export interface AgentOidc {
  courriel: string | null;
  nom: string | null;
  siret: string | null;
  idToken: string | undefined;
}

export class ClientOidc {
  private decouverte: Promise<client.Configuration> | null = null;

  constructor(private readonly c: ConfigurationOidc) {}

  private configuration(): Promise<client.Configuration> {
    if (!this.decouverte) {
      const url = new URL(this.c.issuer);
      // Un fournisseur en http n'est accepté que sur la boucle locale (tests, développement).
      const local = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      this.decouverte = client.discovery(url, this.c.clientId, this.c.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
      this.decouverte.catch(() => (this.decouverte = null));
    }
    return this.decouverte;
  }

  redirection(origine: string): string {
    return `${this.c.urlPublique ?? origine}/api/connexion/oidc/retour`;
  }

  async debut(origine: string): Promise<{ url: string; tentative: Tentative }> {
    const configuration = await this.configuration();
    const tentative = { verifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirection(origine),
      scope: this.c.scope ?? 'openid email given_name usual_name siret',
      code_challenge: await client.calculatePKCECodeChallenge(tentative.verifier),
      code_challenge_method: 'S256',
      state: tentative.state,
      nonce: tentative.nonce,
    });
    return { url: url.href, tentative };
  }

  /**
   * Échange le code contre les jetons ; rend le courriel de l'agent, son nom et le SIRET de son
   * organisation (ProConnect les donne par userinfo), et le jeton d'identité (pour la déconnexion).
   */
  async retour(origine: string, urlRetour: string, tentative: Tentative): Promise<AgentOidc> {
    const configuration = await this.configuration();
    const url = new URL(urlRetour, this.c.urlPublique ?? origine);
    const jetons = await client.authorizationCodeGrant(configuration, url, {
      pkceCodeVerifier: tentative.verifier,
      expectedState: tentative.state,
      expectedNonce: tentative.nonce,
    });
    let revendications: Record<string, unknown> = { ...jetons.claims() };
    if ((!revendications.email || !revendications.siret) && typeof revendications.sub === 'string') {
      revendications = { ...revendications, ...(await client.fetchUserInfo(configuration, jetons.access_token, revendications.sub)) };
    }
    const texte = (cle: string) => (typeof revendications[cle] === 'string' && revendications[cle] !== '' ? (revendications[cle] as string) : null);
    const nom = [texte('given_name'), texte('usual_name') ?? texte('family_name')].filter(Boolean).join(' ') || null;
    return { courriel: texte('email'), nom, siret: texte('siret'), idToken: jetons.id_token };
  }

  async finDeSession(idToken: string, retour: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: retour }).href;
  }
}
