/** Comparing Proverka's directly-follows graph with the independent plain one (plain-dfg.ts), difference by difference, in words. */
import type { PlainGraph } from './plain-dfg.js';

/** What the comparison reads of Proverka's graph (its DirectlyFollowsGraph); a null mean or median differs from any number. */
export interface ListedGraph {
  cases: number;
  events: number;
  activities: readonly { name: string; count: number }[];
  starts: readonly { name: string; count: number }[];
  ends: readonly { name: string; count: number }[];
  edges: readonly { from: string; to: string; count: number; meanMs: number | null; medianMs: number | null }[];
}

/** The key of a pair in the plain graph's edge map. */
export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;
const shown = (key: string): string => JSON.stringify(key).replace('\\u0000', ' → ');
/** Means agree within 1e-6 relative or 1e-3 ms; medians within 1e-3 ms. */
const closeMean = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= Math.max(1e-3, 1e-6 * Math.abs(b));
const closeMs = (a: number | null, b: number): boolean => a !== null && Math.abs(a - b) <= 1e-3;

/** Each difference between Proverka's graph and the plain one, in words (none when they agree). */
export function differences(mine: PlainGraph, theirs: ListedGraph): string[] {
  const out: string[] = [];
  if (theirs.cases !== mine.cases) out.push(`cases: Proverka ${theirs.cases}, plain ${mine.cases}`);
  if (theirs.events !== mine.events) out.push(`events: Proverka ${theirs.events}, plain ${mine.events}`);
  const counts = (what: string, expected: Map<string, number>, actual: ListedGraph['activities']): void => {
    const got = new Map<string, number>();
    for (const { name, count } of actual) {
      if (got.has(name)) out.push(`${what} ${JSON.stringify(name)}: listed twice by Proverka`);
      got.set(name, count);
    }
    for (const name of new Set([...expected.keys(), ...got.keys()])) {
      if (got.get(name) !== expected.get(name)) out.push(`${what} ${JSON.stringify(name)}: Proverka ${got.get(name) ?? 'none'}, plain ${expected.get(name) ?? 'none'}`);
    }
  };
  counts('activity', mine.activities, theirs.activities);
  counts('start', mine.starts, theirs.starts);
  counts('end', mine.ends, theirs.ends);
  const got = new Map<string, ListedGraph['edges'][number]>();
  for (const edge of theirs.edges) {
    const key = edgeKey(edge.from, edge.to);
    if (got.has(key)) out.push(`edge ${shown(key)}: listed twice by Proverka`);
    got.set(key, edge);
  }
  for (const key of new Set([...mine.edges.keys(), ...got.keys()])) {
    const a = got.get(key);
    const b = mine.edges.get(key);
    if (!a || !b) out.push(`edge ${shown(key)}: ${a ? 'only Proverka has it' : 'Proverka lacks it'}`);
    else {
      if (a.count !== b.count) out.push(`edge ${shown(key)} count: Proverka ${a.count}, plain ${b.count}`);
      if (!closeMean(a.meanMs, b.meanMs)) out.push(`edge ${shown(key)} mean ms: Proverka ${a.meanMs}, plain ${b.meanMs}`);
      if (!closeMs(a.medianMs, b.medianMs)) out.push(`edge ${shown(key)} median ms: Proverka ${a.medianMs}, plain ${b.medianMs}`);
    }
  }
  return out.length > 40 ? [...out.slice(0, 40), `… and ${out.length - 40} more`] : out;
}
