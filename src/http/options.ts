/** What the HTTP server is built from. */
import type { FastifyServerOptions } from 'fastify';
import type { OidcOptions } from '../app/accounts/oidc.js';
import type { Proverka } from '../app/proverka.js';
import type { Clock } from '../domain/clock.js';

/** What the server is built from. */
export interface ServerOptions {
  readonly app: Proverka;
  /** The clock of sessions and tokens (the machine's, except in tests). */
  readonly clock: Clock;
  /** Where uploaded evidence files are kept, content-addressed. */
  readonly filesDir: string;
  /** Pino logger options, or false for none (tests). */
  readonly logger?: FastifyServerOptions['logger'];
  /** True when the server is reached over TLS: cookies are then Secure. */
  readonly secure?: boolean;
  /** The URL the server is reached at (links in pages and signed links). */
  readonly publicUrl?: string;
  /** Where the database is, as it may be shown (a file path, or a URL without its password): on the home page. */
  readonly databaseLabel?: string;
  /** OpenID Connect single sign-on (`oidcOptionsFromEnv` reads it from PROVERKA_OIDC_*); its routes exist only when set. */
  readonly oidc?: OidcOptions;
  /**
   * Attempts allowed per window: at login per client address and username, at the single sign-on
   * callback per address (ten times as many), at password change per account. Default 10 per 5
   * minutes; false turns limiting off.
   */
  readonly loginRateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
}
