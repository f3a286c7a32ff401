/** Where a thing of the record sits, for the access policy: its unit with the units above, and its body. */
import type { Placement } from '../../domain/access/access-policy.js';
import { LRUCache } from 'lru-cache';
import type { StreamSnapshot, ReadModel } from '../../store/read-model.js';

/**
 * What never changes once recorded, remembered per read model: a unit's chain of units above it
 * (units are created under a parent and never move) and a decision's body. Only what exists is
 * remembered, so a thing created later is still found.
 */
const fixed = new WeakMap<ReadModel, LRUCache<string, readonly string[]>>();

function cacheOf(reads: ReadModel): LRUCache<string, readonly string[]> {
  let cache = fixed.get(reads);
  if (cache === undefined) {
    cache = new LRUCache({ max: 20_000 });
    fixed.set(reads, cache);
  }
  return cache;
}

/** The unit and the units above it, nearest first (empty for a unit that does not exist). */
export async function unitChainOf(reads: ReadModel, unitId: string): Promise<readonly string[]> {
  const cache = cacheOf(reads);
  const known = cache.get(`u:${unitId}`);
  if (known !== undefined) return known;
  const chain = await reads.unitChain(unitId);
  if (chain.length > 0) cache.set(`u:${unitId}`, chain);
  return chain;
}

async function bodyOfDecision(reads: ReadModel, decisionId: string): Promise<string | null> {
  const cache = cacheOf(reads);
  const known = cache.get(`d:${decisionId}`);
  if (known !== undefined) return known[0] ?? null;
  const decision = await reads.snapshot(decisionId);
  if (decision === undefined) return null;
  const bodyId = String((decision.state as Record<string, unknown>)['bodyId']);
  cache.set(`d:${decisionId}`, [bodyId]);
  return bodyId;
}

interface WithUnit {
  readonly unitId?: string;
}

/** The placement of any thing of the record: its units (nearest first) and its body. */
export async function placementOf(reads: ReadModel, s: StreamSnapshot): Promise<Placement> {
  const state = s.state as Record<string, unknown>;
  switch (s.kind) {
    case 'unit':
      return { units: await unitChainOf(reads, s.id) };
    case 'person':
    case 'post':
      return { units: await unitChainOf(reads, String((state as WithUnit).unitId ?? '')) };
    case 'body':
      return { units: [], bodyId: s.id };
    case 'committee':
      return { units: [], bodyId: (state['bodyId'] as string | null) ?? null };
    case 'decision':
      return { units: [], bodyId: String(state['bodyId']) };
    case 'assignment': {
      const units = state['units'] as Record<string, string>;
      const ownerUnit = units[String(state['ownerId'])] ?? '';
      return { units: await unitChainOf(reads, ownerUnit), bodyId: await bodyOfDecision(reads, String(state['decisionId'])) };
    }
    case 'ledger':
      return { units: [] };
    case 'calendar':
      return { units: typeof state['unitId'] === 'string' ? await unitChainOf(reads, state['unitId']) : [] };
    case 'ladder': {
      const unitId = (state['scope'] as { unitId: string | null }).unitId;
      return { units: unitId === null ? [] : await unitChainOf(reads, unitId) };
    }
    case 'accountability': {
      // A proposal sits where its case sits.
      const assignment = await reads.snapshot(String(state['assignmentId']));
      return assignment === undefined ? { units: [] } : placementOf(reads, assignment);
    }
    case 'agenda':
      return { units: [], bodyId: String(state['bodyId']) };
    case 'trace':
      // An imported case belongs to no unit of the organisation: only an administrator of everything sees it.
      return { units: [] };
  }
}

/** The units without a parent: an administrator over one of them administers everything below. */
export async function rootUnits(reads: ReadModel): Promise<string[]> {
  const out: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await reads.streams('unit', after === undefined ? { limit: 1000 } : { limit: 1000, after });
    for (const u of page) if ((u.state as { parentId: string | null }).parentId === null) out.push(u.id);
    const last = page[page.length - 1];
    if (last === undefined || page.length < 1000) return out;
    after = last.id;
  }
}
