/**
 * PostgreSQL connection URLs as text: recognising one, its database name, and the URL without its
 * password for messages. No driver is loaded here, so that an SQLite run never loads pg.
 */
import { StoreError } from '../errors.js';

/** True when a text is a PostgreSQL connection URL. */
export function isPostgresUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

/** The database name of a URL and the same URL pointed at the `postgres` maintenance database. */
export function parsePostgresUrl(url: string): { database: string; admin: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreError('DB_NOT_FOUND', `not a valid PostgreSQL URL: ${redact(url)}`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') throw new StoreError('DB_NOT_FOUND', `the URL names no database: ${redact(url)}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { database, admin: admin.toString() };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
