/**
 * The choice of people (F9) through the command line, on the large demo (an SQLite file built by
 * `start --no-serve`): `place` proves its optimum (the independent check finds no violation and
 * the dual total equals the objective), its total is the sum of the proposed fitness, no person is
 * placed twice, the text shows the proof and one row per post whose person changes, a pin of a
 * holder to another post is honoured and pins that cannot hold are refused in one line with their
 * code; `census` groups every responsible person exactly once and prints each group; `record`
 * agrees with the census and the proposal; bad input is refused in one line with exit 2.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cachedDemo } from '../support/demo-cache.js';
import { tempDir } from '../support/temp.js';
import { expectOneErrorLine } from './expect-cli.js';
import { runCli, type CliRun } from './run-cli.js';

interface JsonPost {
  postId: string;
  personId: string | null;
  fitness: { points: number; unmet: unknown[] } | null;
  pinned: boolean;
  holderId: string | null;
  holderPoints: number | null;
  gainOverHolder: number | null;
  runnerUp: { personId: string | null; points: number | null; loss: number | null } | null;
}
interface JsonProposal {
  asOf: string;
  kind: 'dense' | 'sparse';
  total: number;
  objective: number;
  moveCost: number;
  stays: number;
  moves: number;
  holdersTotal: number;
  allowedPairs: number;
  certificate: { violations: number; dualTotal: number };
  unplaced: string[];
  posts: JsonPost[];
  names: Record<string, string>;
}
interface JsonRate {
  successes: number;
  trials: number;
}
interface JsonDomainRecord {
  domain: string;
  owned: number;
  verified: number;
  firstTime: JsonRate;
  onTime: JsonRate;
}
interface JsonRecord {
  personId: string;
  name: string;
  overall: JsonDomainRecord;
  domains: JsonDomainRecord[];
  posts: { postId: string; holderId: string | null }[];
}
interface JsonCensus {
  by: string;
  groups: { key: string; people: number; verified: number; owned: number; firstTime: JsonRate; onTime: JsonRate }[];
  entries: { personId: string; unitId: string; postId: string | null; domain: string | null; verified: number; owned: number }[];
  names: Record<string, string>;
}

/** One instant for every run, so that each computes the same proposal. */
const AT = new Date().toISOString();

function ok(run: CliRun): string {
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe('');
  return run.stdout;
}


/**
 * The posts whose person changes: the person proposed is not the holder. That is `moves` (a post
 * given to someone other than its holder, vacant posts filled included) plus the posts that had a
 * holder and are left empty.
 */
function changes(p: JsonProposal): JsonPost[] {
  return p.posts.filter((x) => x.personId !== x.holderId);
}

/**
 * The rows of the posts section of `place`'s text: after its heading (`Posts whose person changes
 * (N)…` or `Every post (N)…`) and the column headers, two lines a post — its title indented by 2,
 * its values by 4 — up to the blank line.
 */
function postSection(text: string): { heading: string; titles: string[]; values: string[] } {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^(Posts whose person changes|Every post) \(/.test(l));
  expect(at, text).toBeGreaterThanOrEqual(0);
  expect(lines[at + 1]).toBe('  post');
  expect(lines[at + 2]).toMatch(/^ {4}proposed +pts +holder +pts +gain +runner-up +loss$/);
  const end = lines.indexOf('', at);
  const rows = lines.slice(at + 3, end);
  return { heading: lines[at] ?? '', titles: rows.filter((_, i) => i % 2 === 0).map((l) => l.slice(2)), values: rows.filter((_, i) => i % 2 === 1) };
}

function placedPeople(p: JsonProposal): string[] {
  return p.posts.flatMap((x) => (x.personId === null ? [] : [x.personId]));
}

/** The proof the brief asks for: no violation, and the dual total equal to the objective. */
function expectProven(p: JsonProposal): void {
  expect(p.certificate.violations).toBe(0);
  expect(p.certificate.dualTotal).toBe(p.objective);
}

describe('proverka place / census on the large demo', () => {
  const dir = tempDir('proverka-choice-');
  const db = join(dir, 'demo.db');
  let proposal: JsonProposal;
  let text: string;
  let every: string;

  beforeAll(async () => {
    await cachedDemo('start-large', db, async (file) => {
      const built = await runCli(['start', '--db', file, '--size', 'large', '--no-serve']);
      expect(built.code, built.stderr).toBe(0);
    }, 240_000);
    const [json, plain, all] = await Promise.all([runCli(['place', '--db', db, '--at', AT, '--json']), runCli(['place', '--db', db, '--at', AT]), runCli(['place', '--db', db, '--at', AT, '--all'])]);
    proposal = JSON.parse(ok(json)) as JsonProposal;
    text = ok(plain);
    every = ok(all);
  }, 240_000);

  it('place --json: the optimum is proven by the independent check, the total is the sum of the proposed fitness, no one is placed twice', () => {
    const p = proposal;
    expect(p.asOf).toBe(AT);
    expect(p.posts.length).toBeGreaterThan(100);
    expectProven(p);
    const sum = p.posts.reduce((a, x) => a + (x.fitness?.points ?? 0), 0);
    expect(Math.abs(p.total - sum)).toBeLessThanOrEqual(0.01 * p.posts.length);
    // Only allowed pairs are placed: the proposed person meets every demand of the post.
    for (const x of p.posts) if (x.personId !== null) expect(x.fitness?.unmet, x.postId).toEqual([]);
    const placed = placedPeople(p);
    expect(new Set(placed).size).toBe(placed.length);
    expect(placed.filter((id) => p.unplaced.includes(id))).toEqual([]);
    // What was maximised: the total plus the move cost for each holder who stays.
    expect(p.objective).toBeCloseTo(p.total + p.moveCost * p.stays, 6);
    expect(p.stays).toBe(p.posts.filter((x) => x.personId !== null && x.personId === x.holderId).length);
    expect(p.moves).toBe(p.posts.filter((x) => x.personId !== null && x.personId !== x.holderId).length);
    expect(p.moves).toBeGreaterThan(0);
    // Every post and person it names has a name.
    for (const id of [...p.posts.map((x) => x.postId), ...placed, ...p.unplaced]) expect(p.names[id], id).toEqual(expect.any(String));
  });

  it('place prints the header, the proof line, and one row per post whose person changes (moves + posts left empty), with names', () => {
    const p = proposal;
    expect(text).toContain('proven optimal: dual total = objective, 0 violations');
    expect(text).toMatch(new RegExp(`^ {2}${p.posts.length} posts, [\\d,]+ candidates, [\\d,]+ allowed pairs \\(${p.kind}\\)$`, 'm'));
    expect(text).toMatch(new RegExp(`^ {2}${p.stays} stay, ${p.moves} move[;,]`, 'm'));
    const changed = changes(p);
    const leftEmpty = p.posts.filter((x) => x.personId === null && x.holderId !== null).length;
    expect(changed.length).toBe(p.moves + leftEmpty);
    const { heading, titles, values } = postSection(text);
    expect(heading).toContain(`(${changed.length})`);
    expect(values).toHaveLength(changed.length);
    expect(titles).toHaveLength(changed.length);
    expect(titles.map((t) => t.trim()).sort()).toEqual(changed.map((x) => p.names[x.postId] ?? '?').sort());
    for (const v of values) expect(v).toMatch(/^ {4}\S.* {2,}\d+\.\d\d {2,}\S.* {2,}[+-]?\d+\.\d\d {2,}\S/);
    // Names, not ids, in the tables.
    expect(text).not.toMatch(/\b(per|post)_[a-z0-9]{6,}/);
    expect(text).toMatch(/^Mismatches \(\d+\)|^No holder falls short/m);
  });

  it('place --all lists every post', () => {
    const { heading, values } = postSection(every);
    expect(heading).toContain(`Every post (${proposal.posts.length})`);
    expect(values).toHaveLength(proposal.posts.length);
  });

  it('a holder pinned to another post is placed there (and only there), the proof still holds; the same person pinned to two posts is refused in one line with its code', async () => {
    const p = proposal;
    // A holder who stays in their post A (so the pair is allowed) and would take post B if its person could not (so that pair is allowed too).
    const stayed = new Map(p.posts.filter((x) => x.personId !== null && x.personId === x.holderId && !x.pinned).map((x) => [x.personId as string, x.postId]));
    const b = p.posts.find((x) => {
      const other = x.runnerUp?.personId ?? null;
      return other !== null && stayed.has(other) && stayed.get(other) !== x.postId;
    });
    expect(b, 'a post whose runner-up holds another post').toBeDefined();
    const person = b?.runnerUp?.personId as string;
    const postB = b?.postId as string;
    const postA = stayed.get(person) as string;

    const pinned = JSON.parse(ok(await runCli(['place', '--db', db, '--at', AT, '--json', '--pin', `${postB}:${person}`]))) as JsonProposal;
    expectProven(pinned);
    const atB = pinned.posts.find((x) => x.postId === postB);
    expect(atB?.personId).toBe(person);
    expect(atB?.pinned).toBe(true);
    expect(atB?.runnerUp).toBeNull();
    expect(pinned.posts.find((x) => x.postId === postA)?.personId).not.toBe(person);
    expect(placedPeople(pinned).filter((id) => id === person)).toHaveLength(1);
    // A constraint never improves the optimum.
    expect(pinned.objective).toBeLessThanOrEqual(p.objective);

    const twice = await runCli(['place', '--db', db, '--at', AT, '--pin', `${postB}:${person}`, '--pin', `${postA}:${person}`]);
    expectOneErrorLine(twice, /PLACEMENT_PINS_INFEASIBLE.*a person pinned to two posts/);
  });

  it('place refuses an unknown unit, post or pinned person, and a malformed pair, in one line, exit 2', async () => {
    const someone = placedPeople(proposal)[0] as string;
    const runs = await Promise.all([
      runCli(['place', '--db', db, '--unit', 'unit_nosuchunit']),
      runCli(['place', '--db', db, '--unit', someone]),
      runCli(['place', '--db', db, '--posts', 'post_nosuchpost']),
      runCli(['place', '--db', db, '--pin', `${proposal.posts[0]?.postId ?? ''}:per_nosuchperson`]),
      runCli(['place', '--db', db, '--pin', 'no-colon-here']),
      runCli(['place', '--db', db, '--move-cost', '101']),
    ]);
    expectOneErrorLine(runs[0], /no unit unit_nosuchunit/);
    expectOneErrorLine(runs[1], new RegExp(`no unit ${someone}`));
    expectOneErrorLine(runs[2], /no post post_nosuchpost/);
    expectOneErrorLine(runs[3], /PLACEMENT_INSTANCE_INVALID.*per_nosuchperson/);
    expectOneErrorLine(runs[4], /--pin.*not a post:person pair/);
    expectOneErrorLine(runs[5], /--move-cost.*out of range/);
  });

  it('census --by domain --json: every responsible person in exactly one group; the text prints each group and the total', async () => {
    const [json, plain] = await Promise.all([runCli(['census', '--db', db, '--at', AT, '--by', 'domain', '--json']), runCli(['census', '--db', db, '--at', AT, '--by', 'domain'])]);
    const c = JSON.parse(ok(json)) as JsonCensus;
    expect(c.by).toBe('domain');
    expect(c.entries.length).toBeGreaterThan(100);
    expect(c.groups.reduce((a, g) => a + g.people, 0)).toBe(c.entries.length);
    expect(new Set(c.groups.map((g) => g.key)).size).toBe(c.groups.length);
    for (const g of c.groups) {
      const members = c.entries.filter((e) => (e.domain ?? '—') === g.key);
      expect(members.length, g.key).toBe(g.people);
      expect(members.reduce((a, e) => a + e.verified, 0), g.key).toBe(g.verified);
      expect(g.firstTime.trials, g.key).toBe(g.verified);
    }
    const out = ok(plain);
    for (const g of c.groups) expect(out, g.key).toMatch(new RegExp(`^ {2}${g.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${g.people.toLocaleString('en-US')} +${g.owned.toLocaleString('en-US')} +${g.verified.toLocaleString('en-US')} `, 'm'));
    const verified = c.groups.reduce((a, g) => a + g.verified, 0);
    expect(out).toMatch(new RegExp(`^ {2}total +${c.entries.length.toLocaleString('en-US')} +[\\d,]+ +${verified.toLocaleString('en-US')} +\\d+\\.\\d \\[\\d+\\.\\d–\\d+\\.\\d\\]`, 'm'));
  });

  it('census --by unit names the departments; --people lists every person once', async () => {
    const [json, people] = await Promise.all([runCli(['census', '--db', db, '--at', AT, '--json']), runCli(['census', '--db', db, '--at', AT, '--by', 'tenure', '--people'])]);
    const c = JSON.parse(ok(json)) as JsonCensus;
    expect(c.by).toBe('unit');
    for (const g of c.groups) expect(c.names[g.key], g.key).toEqual(expect.any(String));
    const lines = ok(people).split('\n');
    const at = lines.findIndex((l) => l.startsWith('People ('));
    expect(lines[at]).toBe(`People (${c.entries.length}):`);
    expect(lines[at + 1]).toMatch(/^ {2}years in post +person +post +owned +verified +first-time +on-time$/);
    const rows = lines.slice(at + 2).filter((l) => l.trim() !== '');
    expect(rows).toHaveLength(c.entries.length);
  });

  it('census refuses a bad --by and an unknown unit in one line, exit 2', async () => {
    const [by, unit] = await Promise.all([runCli(['census', '--db', db, '--by', 'colour']), runCli(['census', '--db', db, '--unit', 'unit_nosuchunit'])]);
    expectOneErrorLine(by, /--by.*colour.*unit, domain, territory, tenure/);
    expectOneErrorLine(unit, /no unit unit_nosuchunit/);
  });

  it("record: a holder's record per domain agrees with the census and the posts of the proposal; an unknown person is refused", async () => {
    const post = proposal.posts.find((x) => x.holderId !== null && x.personId === x.holderId) as JsonPost;
    const person = post.holderId as string;
    const [json, plain, census, unknown] = await Promise.all([
      runCli(['record', person, '--db', db, '--at', AT, '--json']),
      runCli(['record', person, '--db', db, '--at', AT]),
      runCli(['census', '--db', db, '--at', AT, '--json']),
      runCli(['record', 'per_nosuchperson', '--db', db]),
    ]);
    const r = JSON.parse(ok(json)) as JsonRecord;
    expect(r.personId).toBe(person);
    expect(r.name).toBe(proposal.names[person]);
    expect(r.posts.map((p) => p.postId)).toContain(post.postId);
    const entry = (JSON.parse(ok(census)) as JsonCensus).entries.find((e) => e.personId === person);
    expect(entry?.verified).toBe(r.overall.verified);
    expect(entry?.owned).toBe(r.overall.owned);
    expect(r.domains.reduce((a, d) => a + d.verified, 0)).toBe(r.overall.verified);
    const out = ok(plain);
    expect(out.split('\n')[0]).toBe(`Record of ${r.name} (${person}) as of ${AT.slice(0, 10)} ${AT.slice(11, 16)} UTC`);
    for (const d of [...r.domains.map((x) => x.domain), 'all domains']) expect(out, d).toMatch(new RegExp(`^ {2}${d} +${r.domains.find((x) => x.domain === d)?.owned ?? r.overall.owned} `, 'm'));
    expectOneErrorLine(unknown, /no person per_nosuchperson/);
  });
});
