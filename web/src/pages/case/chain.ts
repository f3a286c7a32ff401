/**
 * The hash chain of one case, checked in the browser: every event must chain to the hash of the
 * one before it (the first to 64 zeros), and — where Web Crypto is available (a secure context) —
 * its hash must be sha256(prevHash ‖ RFC 8785 canonical JSON of {stream, seq, type, actor, at,
 * payload}), exactly as the server computes it (src/store/hash-chain.ts).
 */
import type { CaseEvent } from './caseTypes.js';

/** The `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** What the check found: intact, broken at an event, or not checked (no events). */
export type ChainCheck =
  | { readonly state: 'intact'; readonly events: number; readonly recomputed: boolean }
  | { readonly state: 'broken'; readonly seq: number; readonly why: 'link' | 'hash' | 'order' }
  | { readonly state: 'empty' };

/** RFC 8785 canonical JSON of a JSON value (keys sorted by UTF-16 code units; ECMAScript numbers and strings). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Checks the chain of the events of stream `streamId` (in stream order). */
export async function checkChain(streamId: string, events: readonly CaseEvent[]): Promise<ChainCheck> {
  if (events.length === 0) return { state: 'empty' };
  const canHash = typeof crypto !== 'undefined' && crypto.subtle !== undefined;
  let prev = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    if (e.seq !== i + 1) return { state: 'broken', seq: e.seq, why: 'order' };
    if (e.prevHash !== prev) return { state: 'broken', seq: e.seq, why: 'link' };
    if (canHash) {
      const fields = { stream: streamId, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload };
      if ((await sha256Hex(e.prevHash + canonicalJson(fields))) !== e.hash) return { state: 'broken', seq: e.seq, why: 'hash' };
    }
    prev = e.hash;
  }
  return { state: 'intact', events: events.length, recomputed: canHash };
}
