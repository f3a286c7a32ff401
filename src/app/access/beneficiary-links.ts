/**
 * Signed links for beneficiaries: a token that names one assignment, the beneficiary it was made
 * for, a random nonce (the link's id) and an expiry, signed with HMAC-SHA256 under a server-wide
 * key. The token carries no account and no power but one: to answer, once, for that assignment.
 * Opening a token checks the signature in constant time before reading anything in it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../../store/port.js';
import { randomSecret } from '../accounts/secrets.js';

/** The name of the signing key among the server's secrets. */
export const LINK_KEY_NAME = 'beneficiary-link-key';

/** How long a link lives unless told otherwise, and at most, in days. */
export const DEFAULT_LINK_DAYS = 14;
export const MAX_LINK_DAYS = 90;

/** The longest beneficiary label a link carries. */
export const MAX_BENEFICIARY_LENGTH = 200;

const DOMAIN = 'proverka/beneficiary-link/v1';

/** What a link says. */
export interface LinkClaims {
  readonly assignmentId: string;
  readonly beneficiary: string;
  /** The link's id: a random nonce, recorded with the answer so that a link answers once. */
  readonly linkId: string;
  /** The end of the link's life, epoch milliseconds. */
  readonly expiresAt: number;
}

/** Why a token was not accepted. */
export type LinkRefusal = 'malformed' | 'bad-signature' | 'expired';

/** A token opened, or why not. */
export type OpenedLink = { readonly ok: true; readonly claims: LinkClaims } | { readonly ok: false; readonly why: LinkRefusal };

const compact = z
  .object({
    a: z.string().min(1).max(80),
    b: z.string().min(1).max(MAX_BENEFICIARY_LENGTH),
    n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    e: z.number().int().positive(),
  })
  .strict();

function mac(key: string, body: string): Buffer {
  return createHmac('sha256', key).update(`${DOMAIN}.${body}`).digest();
}

/** A new link id (nonce): 16 random bytes, base64url. */
export function newLinkId(): string {
  return randomBytes(16).toString('base64url');
}

/** The token of a link: base64url of the compact claims, a dot, base64url of their HMAC. */
export function signLink(key: string, claims: LinkClaims): string {
  const body = Buffer.from(JSON.stringify({ a: claims.assignmentId, b: claims.beneficiary, n: claims.linkId, e: Math.floor(claims.expiresAt / 1000) })).toString('base64url');
  return `${body}.${mac(key, body).toString('base64url')}`;
}

/** A new link for a beneficiary of an assignment, living `days` days from `now` (epoch ms; the expiry is kept to the second). */
export function makeLink(key: string, target: { readonly assignmentId: string; readonly beneficiary: string }, now: number, days = DEFAULT_LINK_DAYS): { readonly token: string; readonly claims: LinkClaims } {
  const claims: LinkClaims = { ...target, linkId: newLinkId(), expiresAt: Math.floor(now / 1000) * 1000 + days * 86_400_000 };
  return { token: signLink(key, claims), claims };
}

/** The claims of a token signed with the key and not expired at `now` (epoch ms); otherwise why not. */
export function openLink(key: string, token: string, now: number): OpenedLink {
  const m = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (m === null) return { ok: false, why: 'malformed' };
  const [, body = '', sig = ''] = m;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(key, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, why: 'bad-signature' };
  let parsed: z.infer<typeof compact>;
  try {
    const r = compact.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!r.success) return { ok: false, why: 'malformed' };
    parsed = r.data;
  } catch {
    return { ok: false, why: 'malformed' };
  }
  const expiresAt = parsed.e * 1000;
  if (now >= expiresAt) return { ok: false, why: 'expired' };
  return { ok: true, claims: { assignmentId: parsed.a, beneficiary: parsed.b, linkId: parsed.n, expiresAt } };
}

/** The server-wide signing key, made the first time any process asks and shared by all of them. */
export function linkKey(store: Store): Promise<string> {
  return store.accounts.secret(LINK_KEY_NAME, () => randomSecret());
}
