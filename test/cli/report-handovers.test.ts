/**
 * `proverka report handovers` on the small demo. Its JSON is checked against figures the test
 * computes itself: the events read from the database with better-sqlite3, each case's ledger
 * computed from them, and its stints, passes (with their waits), returns and pairs counted here by
 * a plain loop; the refusals against the refusal events in the database. Three ping-pong cases are
 * opened with `proverka case --json`: their stints really come back. The text shows names, not
 * ids; `--by unit` keys by unit; an unknown `--by` is one line, exit 2.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentEvent } from '../../src/domain/assignment/assignment.events.js';
import type { StreamEvent } from '../../src/domain/event.js';
import { hourLedger } from '../../src/domain/ledger/hour-ledger.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli } from './run-cli.js';

const dir = tempDir('proverka-handovers-');
const db = join(dir, 'demo.db');

interface Row {
  readonly stream_id: string;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: string;
}

interface Report {
  by: string;
  asOf: string;
  cases: number;
  stints: number;
  passes: number;
  casesWithPass: number;
  casesWithReturns: number;
  returns: number;
  refusals: number;
  edges: { from: string; to: string; count: number; meanWaitMs: number; medianWaitMs: number }[];
  pingPong: { a: string; b: string; returns: number; cases: number }[];
  returning: { caseId: string; returns: number; keys: string[] }[];
  refused: { from: string; to: string; count: number }[];
  holders: { key: string; cases: number; stints: number; heldMs: number; passesIn: number; passesOut: number }[];
  names: Record<string, string>;
}

interface Interval {
  readonly personId: string;
  readonly unitId: string;
  readonly role: string;
  readonly ms: number;
}

/** The stints' keys and times, counted plainly: closed left out, a new stint whenever the key changes. */
function plainStints(intervals: readonly Interval[], by: 'person' | 'unit'): { key: string; ms: number }[] {
  const out: { key: string; ms: number }[] = [];
  for (const i of intervals) {
    if (i.role === 'closed') continue;
    const key = by === 'person' ? i.personId : i.unitId;
    if (out.length > 0 && out[out.length - 1]?.key === key) out[out.length - 1] = { key, ms: (out[out.length - 1]?.ms ?? 0) + i.ms };
    else out.push({ key, ms: i.ms });
  }
  return out;
}

/** A text matched literally inside a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How many stints come back to a key seen earlier in the case. */
function plainReturns(keys: readonly string[]): number {
  return keys.filter((k, i) => keys.slice(0, i).includes(k)).length;
}

let rows: Row[] = [];
let asOf = '';
const byStream = new Map<string, Row[]>();

function expected(by: 'person' | 'unit'): { cases: number; stints: number; passes: number; casesWithPass: number; returns: number; casesWithReturns: number; edges: Map<string, number[]> } {
  let stints = 0;
  let passes = 0;
  let casesWithPass = 0;
  let returns = 0;
  let casesWithReturns = 0;
  const edges = new Map<string, number[]>();
  for (const list of byStream.values()) {
    const events = list.map((r) => ({ type: r.type, actor: r.actor, at: r.at, payload: JSON.parse(r.payload) as object }) as unknown as StreamEvent<AssignmentEvent>);
    const s = plainStints(hourLedger(events, asOf).intervals, by);
    stints += s.length;
    passes += Math.max(0, s.length - 1);
    if (s.length > 1) casesWithPass++;
    const back = plainReturns(s.map((x) => x.key));
    returns += back;
    if (back > 0) casesWithReturns++;
    for (let i = 1; i < s.length; i++) {
      const key = `${s[i - 1]?.key} → ${s[i]?.key}`;
      edges.set(key, [...(edges.get(key) ?? []), s[i]?.ms ?? Number.NaN]);
    }
  }
  return { cases: byStream.size, stints, passes, casesWithPass, returns, casesWithReturns, edges };
}

async function report(by: 'person' | 'unit'): Promise<Report> {
  const run = await runCli(['report', 'handovers', '--db', db, '--at', asOf, '--by', by, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

beforeAll(async () => {
  const built = await runCli(['demo', '--db', db, '--size', 'small']);
  expect(built.code, built.stderr).toBe(0);
  const sqlite = new Database(db, { readonly: true });
  rows = sqlite.prepare("SELECT stream_id, type, actor, at, payload FROM events WHERE stream_id LIKE 'asg\\_%' ESCAPE '\\' ORDER BY stream_id, seq").all() as Row[];
  const last = (sqlite.prepare('SELECT max(at) AS at FROM events').get() as { at: string }).at;
  sqlite.close();
  asOf = new Date(Date.parse(last) + 86_400_000).toISOString();
  for (const r of rows) byStream.set(r.stream_id, [...(byStream.get(r.stream_id) ?? []), r]);
}, 300_000);

describe('proverka report handovers', () => {
  it.each(['person', 'unit'] as const)('by %s: the cases, stints, passes with their waits and returns the test counts from the events itself', async (by) => {
    const r = await report(by);
    const want = expected(by);
    expect(r.by).toBe(by);
    expect(r.asOf).toBe(asOf);
    expect(want.passes).toBeGreaterThan(0);
    expect(want.returns).toBeGreaterThan(0);
    expect({ cases: r.cases, stints: r.stints, passes: r.passes, casesWithPass: r.casesWithPass, returns: r.returns, casesWithReturns: r.casesWithReturns }).toEqual({
      cases: want.cases,
      stints: want.stints,
      passes: want.passes,
      casesWithPass: want.casesWithPass,
      returns: want.returns,
      casesWithReturns: want.casesWithReturns,
    });
    const mine = new Map(r.edges.map((e) => [`${e.from} → ${e.to}`, e]));
    expect([...mine.keys()].sort()).toEqual([...want.edges.keys()].sort());
    for (const [key, waits] of want.edges) {
      const sorted = [...waits].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      const median = sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      expect(mine.get(key), key).toEqual(expect.objectContaining({ count: waits.length, meanWaitMs: waits.reduce((a, b) => a + b, 0) / waits.length, medianWaitMs: median }));
    }
    // The report's own totals agree with each other.
    expect(r.edges.reduce((n, e) => n + e.count, 0)).toBe(r.passes);
    expect(r.holders.reduce((n, h) => n + h.passesIn, 0)).toBe(r.passes);
    expect(r.holders.reduce((n, h) => n + h.passesOut, 0)).toBe(r.passes);
    expect(r.pingPong.reduce((n, p) => n + p.returns, 0)).toBe(r.returns);
    expect(r.returning).toHaveLength(r.casesWithReturns);
    const keyPattern = by === 'person' ? /^per_/ : /^(unit_|$)/;
    for (const h of r.holders) expect(h.key).toMatch(keyPattern);
  });

  it('counts each refused handover and transfer in the database once, by who refused it', async () => {
    const r = await report('person');
    const refusals = rows.filter((x) => x.type === 'assignment.handover-refused' || x.type === 'assignment.transfer-refused');
    expect(refusals.length).toBeGreaterThan(0);
    expect(r.refusals).toBe(refusals.length);
    const byRefuser = new Map<string, number>();
    for (const x of refusals) byRefuser.set(x.actor, (byRefuser.get(x.actor) ?? 0) + 1);
    const mine = new Map<string, number>();
    for (const e of r.refused) mine.set(e.to, (mine.get(e.to) ?? 0) + e.count);
    expect(mine).toEqual(byRefuser);
    // Every case with a handover offered or a transfer asked was passed at least once.
    const asked = new Set(rows.filter((x) => x.type === 'assignment.handover-offered' || x.type === 'assignment.transfer-requested').map((x) => x.stream_id));
    expect(r.casesWithPass).toBeGreaterThanOrEqual(asked.size);
  });

  it('lists ping-pong cases whose stints, read from `proverka case --json`, really come back to an earlier holder', async () => {
    const r = await report('person');
    expect(r.returning.length).toBeGreaterThanOrEqual(3);
    for (const c of r.returning.slice(0, 3)) {
      const run = await runCli(['case', c.caseId, '--db', db, '--at', asOf, '--json']);
      expect(run.code, run.stderr).toBe(0);
      const view = JSON.parse(run.stdout) as { ledger: { intervals: Interval[] } };
      const keys = plainStints(view.ledger.intervals, 'person').map((s) => s.key);
      expect(c.keys).toEqual(keys);
      expect(plainReturns(keys)).toBe(c.returns);
      expect(keys.some((k, i) => keys.slice(0, Math.max(0, i - 1)).includes(k))).toBe(true);
    }
  });

  it('prints the figures and the top lists by name, not by id', async () => {
    const r = await report('person');
    const run = await runCli(['report', 'handovers', '--db', db, '--at', asOf, '--top', '5']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${r.cases.toLocaleString('en-US')} cases, ${r.passes.toLocaleString('en-US')} passes`);
    expect(run.stdout).toContain(`ping-pong: ${r.casesWithReturns} cases came back to an earlier holder, ${r.returns} returns in all`);
    expect(run.stdout).toContain(`The 5 most frequent passes (of ${r.edges.length})`);
    const top = r.edges[0];
    const pair = r.pingPong[0];
    if (top === undefined || pair === undefined) throw new Error('the demo has passes and ping-pong');
    expect(r.names[top.from]).toBeTruthy();
    expect(run.stdout).toMatch(new RegExp(`${literal(r.names[top.from] ?? '')}\\s+→ ${literal(r.names[top.to] ?? '')}\\s+${top.count}\\s`));
    expect(run.stdout).toMatch(new RegExp(`${literal(r.names[pair.a] ?? '')}\\s+↔ ${literal(r.names[pair.b] ?? '')}\\s+${pair.returns}\\s+${pair.cases}`));
    expect(run.stdout).not.toMatch(/per_/);
  });

  it('refuses an unknown --by in one line, exit 2', async () => {
    expectOneErrorLine(await runCli(['report', 'handovers', '--db', db, '--by', 'team']), /--by.*'team' is invalid.*person, unit/);
  });
});
