// Un vrai fournisseur OpenID Connect (oidc-provider) sur la boucle locale, pour les tests : son écran de
// connexion de développement accepte tout identifiant, pris pour le courriel de l'agent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT = { id: 'cpo-missions-locales', secret: 'secret-du-client-de-test' };

export async function demarrerFournisseur() {
  let gestionnaire = (_q: IncomingMessage, r: ServerResponse) => {
    r.statusCode = 503;
    r.end();
  };
  const serveur = createServer((q, r) => gestionnaire(q, r));
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
  return {
    issuer,
    /** Déclare l'application cliente, une fois son adresse connue. */
    accepter(adresseApplication: string) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: CLIENT.id,
            client_secret: CLIENT.secret,
            redirect_uris: [`${adresseApplication}/api/connexion/oidc/retour`],
            post_logout_redirect_uris: [`${adresseApplication}/connexion`],
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) }),
        claims: { openid: ['sub'], email: ['email', 'email_verified'] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
      });
      gestionnaire = provider.callback() as typeof gestionnaire;
    },
    fermer: () => new Promise<void>((ok) => serveur.close(() => ok())),
  };
}
