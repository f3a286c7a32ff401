/**
 * Stream heads kept between write transactions, so that a command finds its stream's last seq,
 * hash and state without a query or a JSON parse. Only heads that this process's own
 * single-command transactions committed go in, once the commit has succeeded; they are trusted
 * only while the write driver's epoch stays the same (no other connection committed since), and
 * a bulk transaction (an import, a rebuild) empties the cache. Used where the driver sees other
 * writers (SQLite); bounded, the least recently used head dropped first. Decision 0037.
 */
import { LRUCache } from 'lru-cache';
import type { StreamKind } from '../domain/ids.js';

/** A stream's head as a write session holds it: never changed in place once made. */
export interface CachedHead {
  readonly id: string;
  readonly kind: StreamKind;
  readonly seq: number;
  readonly hash: string;
  readonly state: unknown;
}

/** How many streams the cache holds at most (an assignment's head is ~1–2 KB in memory). */
export const HEAD_CACHE_STREAMS = 5000;

/** Committed stream heads, valid within one epoch of the write driver. */
export class HeadCache {
  private readonly heads: LRUCache<string, CachedHead>;
  private epoch = Number.NaN;

  constructor(max = HEAD_CACHE_STREAMS) {
    this.heads = new LRUCache({ max });
  }

  /**
   * Called as a transaction begins in the driver's `epoch`: empties the cache when the epoch
   * changed, and for a bulk transaction. Returns the cache for a single-command transaction to
   * read, and undefined for a bulk one.
   */
  begin(epoch: number, mode: 'direct' | 'bulk'): HeadCache | undefined {
    if (epoch !== this.epoch || mode === 'bulk') this.heads.clear();
    this.epoch = epoch;
    return mode === 'direct' ? this : undefined;
  }

  /** The committed head of the stream `id`, if kept. */
  get(id: string): CachedHead | undefined {
    return this.heads.get(id);
  }

  /** Keeps heads just committed (call only after the commit succeeded, before the next transaction begins). */
  keep(heads: Iterable<CachedHead>): void {
    for (const h of heads) this.heads.set(h.id, h);
  }

  /** How many heads are kept. */
  get size(): number {
    return this.heads.size;
  }
}
