/**
 * Single sign-on with OpenID Connect, through openid-client v6: discovery of the provider, the
 * authorization URL (code flow, PKCE S256, state and nonce), and the code exchange with every check
 * openid-client makes (state, issuer, audience, signature, expiry, nonce). What comes out is the
 * identity the provider vouches for, `issuer#subject`: the key an account is linked by. No account
 * is ever linked or created here: an administrator links one (`proverka user add --oidc-subject`).
 *
 * The sign-in in progress (state, nonce, PKCE verifier, where to go after) travels in a cookie that
 * the server seals with an HMAC under its own key: nothing is stored until the session opens.
 */
import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import { sameSecret } from './secrets.js';

/** How the server is registered at the OpenID provider. */
export interface OidcOptions {
  /** The provider's issuer identifier (its discovery document is under `/.well-known/openid-configuration`). */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** This server's callback, exactly as registered at the provider: `<public URL>/api/v1/auth/oidc/callback`. */
  readonly redirectUri: string;
}

const ENV = {
  issuer: 'PROVERKA_OIDC_ISSUER',
  clientId: 'PROVERKA_OIDC_CLIENT_ID',
  clientSecret: 'PROVERKA_OIDC_CLIENT_SECRET',
  redirectUri: 'PROVERKA_OIDC_REDIRECT_URI',
} as const;

/**
 * The OpenID Connect options from PROVERKA_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET and
 * _REDIRECT_URI: undefined when none is set (single sign-on off); throws naming what is missing or
 * malformed when only some are.
 */
export function oidcOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): OidcOptions | undefined {
  const values = Object.fromEntries(Object.entries(ENV).map(([k, name]) => [k, env[name]?.trim() ?? ''])) as Record<keyof typeof ENV, string>;
  const missing = Object.entries(ENV).filter(([k]) => values[k as keyof typeof ENV] === '').map(([, name]) => name);
  if (missing.length === Object.keys(ENV).length) return undefined;
  if (missing.length > 0) throw new Error(`single sign-on needs ${missing.join(', ')} as well`);
  for (const k of ['issuer', 'redirectUri'] as const) {
    if (!URL.canParse(values[k])) throw new Error(`${ENV[k]} is not a URL: ${values[k]}`);
  }
  return values;
}

/** A sign-in in progress: what the callback must find again. */
export interface OidcTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A path of this server to go to after signing in. */
  readonly returnTo: string;
}

/** The identity an OpenID provider vouched for. */
export interface OidcIdentity {
  /** `issuer#sub`: what an account is linked by. */
  readonly subject: string;
  readonly issuer: string;
  readonly sub: string;
  /** The provider's `preferred_username` or `email`, for the logs only: never used to find an account. */
  readonly hint: string | null;
}

/** Why single sign-on failed: the provider or the browser's answer was refused, or the provider could not be reached. */
export class OidcError extends Error {
  constructor(
    readonly kind: 'refused' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'OidcError';
  }
}

/** The key an account is linked by: the issuer identifier and the subject, joined by `#`. */
export function subjectOf(issuer: string, sub: string): string {
  return `${issuer}#${sub}`;
}

function loopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function unreachable(error: unknown): boolean {
  if (error instanceof TypeError) return true; // fetch failed: refused connection, DNS, TLS
  if (error instanceof client.ClientError) return error.code === 'OAUTH_TIMEOUT' || error.code === 'OAUTH_ABORT' || error.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' || error.code === 'OAUTH_RESPONSE_IS_NOT_JSON';
  return false;
}

function describe(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) return `the provider answered ${error.error}${error.error_description === undefined ? '' : `: ${error.error_description}`}`;
  if (error instanceof client.ResponseBodyError) return `the provider refused the code: ${error.error}${error.error_description === undefined ? '' : `: ${error.error_description}`}`;
  return error instanceof Error ? error.message : String(error);
}

/** The relying party: this server as a client of one OpenID provider. Discovery happens at first use and is retried after a failure. */
export class OidcRelyingParty {
  private config: Promise<client.Configuration> | undefined;

  constructor(private readonly options: OidcOptions) {}

  private configuration(): Promise<client.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.options.issuer);
      try {
        const insecure = loopback(issuer) ? { execute: [client.allowInsecureRequests] } : {};
        const discovered = await client.discovery(issuer, this.options.clientId, { client_secret: this.options.clientSecret }, undefined, { ...insecure, timeout: 10 });
        // client_secret_basic (the standard's default for a confidential client) unless the provider does not take it.
        const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
        if (methods !== undefined && !methods.includes('client_secret_basic')) return discovered;
        const basic = new client.Configuration(discovered.serverMetadata(), this.options.clientId, { client_secret: this.options.clientSecret }, client.ClientSecretBasic(this.options.clientSecret));
        // Plain HTTP only for a provider on this machine (tests, development); openid-client refuses it otherwise.
        if (loopback(issuer)) client.allowInsecureRequests(basic);
        basic.timeout = 10;
        return basic;
      } catch (error) {
        this.config = undefined;
        throw new OidcError('unavailable', `the OpenID provider ${this.options.issuer} could not be discovered: ${describe(error)}`);
      }
    })();
    return this.config;
  }

  /** Starts a sign-in: the provider's authorization URL, and the transaction the callback will need. */
  async begin(returnTo: string): Promise<{ readonly url: string; readonly transaction: OidcTransaction }> {
    const config = await this.configuration();
    const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), returnTo };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /** Ends a sign-in: checks the provider's answer (the callback's query string) against the transaction, exchanges the code and returns the identity. */
  async finish(query: string, transaction: OidcTransaction): Promise<OidcIdentity> {
    const config = await this.configuration();
    const current = new URL(this.options.redirectUri);
    current.search = query;
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      throw new OidcError(unreachable(error) ? 'unavailable' : 'refused', describe(error));
    }
    if (claims === undefined) throw new OidcError('refused', 'the provider returned no ID token');
    if (/\p{Cc}/u.test(claims.iss + claims.sub)) throw new OidcError('refused', 'the ID token names its issuer or subject with control characters');
    const hint = typeof claims['preferred_username'] === 'string' ? claims['preferred_username'] : typeof claims['email'] === 'string' ? claims['email'] : null;
    return { subject: subjectOf(claims.iss, claims.sub), issuer: claims.iss, sub: claims.sub, hint };
  }
}

/** How long a sign-in may take between leaving for the provider and coming back. */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60_000;

/** A transaction sealed for a cookie: its JSON and expiry, base64url, then an HMAC-SHA256 under the server's key. */
export function sealTransaction(transaction: OidcTransaction, key: string, now: number): string {
  const body = Buffer.from(JSON.stringify({ ...transaction, exp: now + OIDC_TRANSACTION_TTL_MS })).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The transaction of a sealed cookie value, or undefined when it is missing, forged, malformed or expired. */
export function openTransaction(sealed: string | undefined, key: string, now: number): OidcTransaction | undefined {
  if (sealed === undefined) return undefined;
  const [body, mac, ...rest] = sealed.split('.');
  if (body === undefined || mac === undefined || rest.length > 0) return undefined;
  if (!sameSecret(mac, createHmac('sha256', key).update(body).digest('base64url'))) return undefined;
  try {
    const v = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { state, nonce, codeVerifier, returnTo, exp } = v;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof returnTo !== 'string' || typeof exp !== 'number') return undefined;
    if (now >= exp) return undefined;
    return { state, nonce, codeVerifier, returnTo };
  } catch {
    return undefined;
  }
}
