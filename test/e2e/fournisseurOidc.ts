// Un vrai fournisseur OpenID Connect (oidc-provider) sur la boucle locale, pour les tests : son écran de
// connexion de développement accepte tout identifiant, pris pour le courriel de l'agent. Comme
// ProConnect, il rend le SIRET de l'organisation de l'agent (s'il est inscrit dans `sirets`) et son nom.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const CLIENT = { id: 'cpo-missions-locales', secret: 'secret-du-client-de-test' };

export async function demarrerFournisseur() {
  /** Le SIRET rendu pour chaque courriel ; sans, le fournisseur n'en rend pas. */
  const sirets = new Map<string, string>();
  let gestionnaire = (_q: IncomingMessage, r: ServerResponse) => {
    r.statusCode = 503;
    r.end();
  };
  const serveur = createServer((q, r) => gestionnaire(q, r));
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
  return {
    issuer,
    sirets,
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
        findAccount: async (_ctx, id) => ({
          accountId: id,
          claims: async () => ({ sub: id, email: id, email_verified: true, given_name: 'Agent', usual_name: id.split('@')[0], ...(sirets.has(id) ? { siret: sirets.get(id) } : {}) }),
        }),
        claims: { openid: ['sub'], email: ['email', 'email_verified'], given_name: ['given_name'], usual_name: ['usual_name'], siret: ['siret'] },
        features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
        pkce: { required: () => true },
        cookies: { keys: ['cle-des-cookies-du-fournisseur-de-test'] },
      });
      gestionnaire = provider.callback() as typeof gestionnaire;
    },
    fermer: () => new Promise<void>((ok) => serveur.close(() => ok())),
  };
}
