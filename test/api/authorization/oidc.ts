/**
 * A real OpenID provider (oidc-provider) on a free local port, so that the server of the sweep has
 * its single sign-on routes (they exist only when configured) and they answer as in production:
 * the sweep starts sign-ins and knocks on the callback, but never completes a sign-in.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import type { OidcOptions } from '../../../src/app/accounts/oidc.js';

/** A running provider and the options that point the server at it. */
export interface LocalProvider {
  readonly options: OidcOptions;
  close(): Promise<void>;
}

/** Starts a provider that knows the server as a client. */
export async function startProvider(): Promise<LocalProvider> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const options: OidcOptions = { issuer, clientId: 'proverka', clientSecret: 'a-client-secret-long-enough-for-the-provider', redirectUri: 'http://localhost:8080/api/v1/auth/oidc/callback' };
  const provider = new Provider(issuer, {
    clients: [{ client_id: options.clientId, client_secret: options.clientSecret, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx: unknown, sub: string) => Promise.resolve({ accountId: sub, claims: () => Promise.resolve({ sub }) }),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['authz-test-cookie-key'] },
  });
  http.on('request', provider.callback());
  return { options, close: () => new Promise((resolve) => http.close(() => resolve())) };
}
