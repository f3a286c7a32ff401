/**
 * The unit scorecards on cases counted by hand: a case read from its events (its unit at issue, its
 * verifications with the deadline then in force, its held stretches equal to the hour ledger's by
 * unit), then the figures of a small tree over two months — issued, verified, on time, the median,
 * held time clipped to the period, event counts — the months adding up to the period, subtrees
 * adding up their units, the league's order, and the case ids behind each figure.
 */
import { describe, expect, it } from 'vitest';
import * as rules from '../domain/assignment/assignment.rules.js';
import { hourLedger } from '../domain/ledger/hour-ledger.js';
import { toMs } from '../domain/time.js';
import { Case, h, HOUR, P } from '../../test/support/assignment-case.js';
import { readScoreCase, standingVerification, type ScoreCase } from './scorecard-case.js';
import { FIGURE_KEYS, leagueOrder, median, monthSpans, scorecards, type Figures } from './scorecards.js';

const DAY = 24 * HOUR;
const JAN = Date.UTC(2026, 0, 1);
const FEB = Date.UTC(2026, 1, 1);
const MAR = Date.UTC(2026, 2, 1);

function scoreCase(over: Partial<ScoreCase> & { caseId: string; unitId: string; issuedAt: number }): ScoreCase {
  return { decisionId: 'dec_x', verifications: [], reopenings: [], cancelledAt: null, escalations: [], rejections: [], extensions: [], held: [], ...over };
}

describe('readScoreCase', () => {
  it('reads the unit at issue, each verification with the deadline in force, the events, and the stretches held per unit as the hour ledger attributes them', () => {
    const c = Case.issue({ deadline: h(20) })
      .do(P.owner, 1, rules.accept)
      .do(P.owner, 3, (s, x) => rules.offerHandover(s, { to: P.other, reason: 'yours' }, x))
      .do(P.other, 5, rules.acceptHandover)
      .do(P.other, 10, (s, x) => rules.requestExtension(s, { deadline: h(40), reason: 'late ship' }, x))
      .do(P.controller, 12, rules.grantExtension)
      .do(P.other, 15, (s, x) => rules.submit(s, { evidence: [{ kind: 'text', text: 'x' }] }, x))
      .do(P.verifier, 16, (s, x) => rules.reject(s, { reasons: ['no proof'] }, x))
      .do(P.other, 18, (s, x) => rules.submit(s, { evidence: [{ kind: 'text', text: 'y' }] }, x))
      .do(P.verifier, 19, (s, x) => rules.verify(s, {}, x))
      .do(P.issuer, 30, (s, x) => rules.reopen(s, { reason: 'spoiled' }, x))
      .do(P.owner, 44, (s, x) => rules.submit(s, { evidence: [{ kind: 'text', text: 'z' }] }, x))
      .do(P.verifier, 45, (s, x) => rules.verify(s, {}, x));
    const { facts, state } = readScoreCase('asg_1', c.events);
    expect(state.status).toBe('verified');
    expect(facts.unitId).toBe('unit_a');
    expect(facts.issuedAt).toBe(toMs(h(0)));
    expect(facts.verifications).toEqual([
      { at: toMs(h(19)), deadline: toMs(h(40)) },
      { at: toMs(h(45)), deadline: toMs(h(40)) },
    ]);
    expect(facts.reopenings).toEqual([toMs(h(30))]);
    expect(facts.rejections).toEqual([toMs(h(16))]);
    expect(facts.extensions).toEqual([toMs(h(12))]);
    expect(facts.escalations).toEqual([]);
    // The held time per unit equals the hour ledger's, less the 'closed' stretch (19 → 30).
    const ledger = hourLedger(c.events, h(100));
    const want = new Map<string, number>();
    for (const i of ledger.intervals) if (i.role !== 'closed') want.set(i.unitId, (want.get(i.unitId) ?? 0) + i.ms);
    const got = new Map<string, number>();
    for (const s of facts.held) got.set(s.unitId, (got.get(s.unitId) ?? 0) + ((s.to ?? Number.NaN) - s.from));
    expect(got).toEqual(want);
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(45 * HOUR - 11 * HOUR);
    // The last verification stands; before the reopening, the first did; between, none.
    expect(standingVerification(facts, toMs(h(50)))?.at).toBe(toMs(h(45)));
    expect(standingVerification(facts, toMs(h(25)))?.at).toBe(toMs(h(19)));
    expect(standingVerification(facts, toMs(h(35)))).toBeUndefined();
  });

  it('an open case: its last stretch has no end', () => {
    const c = Case.issue().do(P.owner, 1, rules.accept);
    const { facts } = readScoreCase('asg_2', c.events);
    expect(facts.held).toEqual([{ unitId: 'unit_a', from: toMs(h(0)), to: null }]);
  });
});

describe('scorecards', () => {
  // root → a → a1; root → b.
  const units = [
    { unitId: 'unit_root', parentId: null },
    { unitId: 'unit_a', parentId: 'unit_root' },
    { unitId: 'unit_a1', parentId: 'unit_a' },
    { unitId: 'unit_b', parentId: 'unit_root' },
  ];
  const cases: ScoreCase[] = [
    // a: issued Jan 2, verified on time Jan 12 (10 days), held by a Jan 2 → Jan 12.
    scoreCase({ caseId: 'asg_a1', unitId: 'unit_a', issuedAt: JAN + DAY, verifications: [{ at: JAN + 11 * DAY, deadline: JAN + 20 * DAY }], held: [{ unitId: 'unit_a', from: JAN + DAY, to: JAN + 11 * DAY }] }),
    // a: issued Jan 20, verified late Feb 3 (14 days), one rejection Jan 30, one extension Jan 25; held by a Jan 20 → Jan 28, by b Jan 28 → Feb 3.
    scoreCase({
      caseId: 'asg_a2',
      unitId: 'unit_a',
      issuedAt: JAN + 19 * DAY,
      verifications: [{ at: FEB + 2 * DAY, deadline: FEB }],
      rejections: [JAN + 29 * DAY],
      extensions: [JAN + 24 * DAY],
      held: [
        { unitId: 'unit_a', from: JAN + 19 * DAY, to: JAN + 27 * DAY },
        { unitId: 'unit_b', from: JAN + 27 * DAY, to: FEB + 2 * DAY },
      ],
    }),
    // a1: issued Dec 20 (before the period), verified on time Jan 5 (16 days); escalated twice (Dec 30, Jan 3).
    scoreCase({ caseId: 'asg_a3', unitId: 'unit_a1', issuedAt: JAN - 12 * DAY, verifications: [{ at: JAN + 4 * DAY, deadline: JAN + 5 * DAY }], escalations: [JAN - 2 * DAY, JAN + 2 * DAY], held: [{ unitId: 'unit_a1', from: JAN - 12 * DAY, to: JAN + 4 * DAY }] }),
    // b: issued Feb 10, open, held by b from Feb 10 on.
    scoreCase({ caseId: 'asg_b1', unitId: 'unit_b', issuedAt: FEB + 9 * DAY, held: [{ unitId: 'unit_b', from: FEB + 9 * DAY, to: null }] }),
    // b: verified Jan 10 then reopened Feb 1 and still open: not verified.
    scoreCase({ caseId: 'asg_b2', unitId: 'unit_b', issuedAt: JAN + 2 * DAY, verifications: [{ at: JAN + 9 * DAY, deadline: JAN + 30 * DAY }], reopenings: [FEB], held: [{ unitId: 'unit_b', from: JAN + 2 * DAY, to: JAN + 9 * DAY }, { unitId: 'unit_b', from: FEB, to: null }] }),
    // A unit nobody gave.
    scoreCase({ caseId: 'asg_x', unitId: 'unit_gone', issuedAt: JAN + DAY }),
  ];
  // Period: Jan 1 → Mar 1; now: Feb 15 (counting stops there).
  const now = FEB + 14 * DAY;
  const r = scorecards({ cases, units, from: JAN, to: MAR, now });
  const card = (id: string) => r.units.find((u) => u.unitId === id) ?? expect.fail(`no ${id}`);

  it('counts each unit\'s own figures by hand', () => {
    expect(r.end).toBe(now);
    expect(r.months).toEqual(['2026-01', '2026-02']);
    expect(r.unplaced).toBe(1);
    const a = card('unit_a').own;
    expect({ issued: a.issued, verified: a.verified, onTime: a.verifiedOnTime, late: a.verifiedLate, rate: a.onTimeRate, median: a.medianToVerifiedMs }).toEqual({ issued: 2, verified: 2, onTime: 1, late: 1, rate: 0.5, median: 12 * DAY });
    expect({ rejections: a.rejections, extensions: a.extensions, escalations: a.escalations, reopenings: a.reopenings }).toEqual({ rejections: 1, extensions: 1, escalations: 0, reopenings: 0 });
    expect(a.heldMs).toBe(10 * DAY + 8 * DAY);
    expect(a.cases.verifiedLate).toEqual(['asg_a2']);
    const a1 = card('unit_a1').own;
    // Issued before the period: not issued in it, but verified in it; one of its two escalations is in the period.
    expect({ issued: a1.issued, verified: a1.verified, onTime: a1.verifiedOnTime, escalations: a1.escalations, held: a1.heldMs }).toEqual({ issued: 0, verified: 1, onTime: 1, escalations: 1, held: 4 * DAY });
    const b = card('unit_b').own;
    // asg_b2 was reopened: not verified as of now. Held: a2's 6 days, b2's 7 + 14 days, b1's 5 days (to now).
    expect({ issued: b.issued, verified: b.verified, rate: b.onTimeRate, reopenings: b.reopenings, held: b.heldMs }).toEqual({ issued: 2, verified: 0, rate: null, reopenings: 1, held: 6 * DAY + 7 * DAY + 14 * DAY + 5 * DAY });
    expect(b.cases.held).toEqual(['asg_a2', 'asg_b1', 'asg_b2']);
  });

  it('subtrees add up their units; rates and medians are recomputed over the subtree\'s cases', () => {
    const a = card('unit_a').subtree;
    expect({ issued: a.issued, verified: a.verified, onTime: a.verifiedOnTime, median: a.medianToVerifiedMs, held: a.heldMs, escalations: a.escalations }).toEqual({ issued: 2, verified: 3, onTime: 2, median: 14 * DAY, held: 22 * DAY, escalations: 1 });
    expect(a.onTimeRate).toBeCloseTo(2 / 3, 12);
    const root = card('unit_root');
    const sum = (key: 'issued' | 'verified' | 'heldMs' | 'rejections' | 'reopenings') => ['unit_root', 'unit_a', 'unit_a1', 'unit_b'].reduce((n, id) => n + card(id).own[key], 0);
    for (const key of ['issued', 'verified', 'heldMs', 'rejections', 'reopenings'] as const) expect(root.subtree[key], key).toBe(sum(key));
    expect(root.subtree.medianToVerifiedMs).toBe(median([10 * DAY, 14 * DAY, 16 * DAY]));
  });

  it('the months add up to the period, each case once', () => {
    for (const u of r.units) {
      const add = (key: keyof Omit<Figures, 'cases' | 'onTimeRate' | 'medianToVerifiedMs'>) => u.months.reduce((n, m) => n + m.figures[key], 0);
      for (const key of ['issued', 'verified', 'verifiedOnTime', 'verifiedLate', 'heldMs', 'escalations', 'rejections', 'reopenings', 'extensions'] as const) expect(add(key), `${u.unitId} ${key}`).toBe(u.subtree[key]);
    }
    const a = card('unit_a').months;
    expect(a.map((m) => m.figures.verified)).toEqual([2, 1]);
    expect(a.map((m) => m.figures.cases.verified)).toEqual([['asg_a1', 'asg_a3'], ['asg_a2']]);
    // b's held time in February: a2's 2 days, b1's 5 days, b2's 14 days.
    expect(card('unit_b').months[1]?.figures.heldMs).toBe(21 * DAY);
  });

  it('every figure keeps its case ids, as many as the figure counts cases', () => {
    for (const u of r.units) {
      const f = u.subtree;
      for (const key of ['issued', 'verified', 'verifiedOnTime', 'verifiedLate'] as const) expect(f.cases[key]).toHaveLength(f[key]);
      for (const key of FIGURE_KEYS) expect([...f.cases[key]].sort()).toEqual(f.cases[key]);
    }
    expect(card('unit_root').subtree.cases.issued).toEqual(['asg_a1', 'asg_a2', 'asg_b1', 'asg_b2']);
  });

  it('the league: on-time rate first, units without verified cases last', () => {
    // a and the root tie on the rate (2/3) and on verified (3): the root issued more.
    expect(r.units.map((u) => u.unitId)).toEqual(['unit_a1', 'unit_root', 'unit_a', 'unit_b']);
    const f = (rate: number | null, verified: number, issued: number) => ({ ...card('unit_b').subtree, onTimeRate: rate, verified, issued });
    expect(leagueOrder({ unitId: 'x', subtree: f(0.5, 10, 1) }, { unitId: 'y', subtree: f(0.5, 20, 1) })).toBeGreaterThan(0);
    expect(leagueOrder({ unitId: 'x', subtree: f(0.5, 10, 5) }, { unitId: 'y', subtree: f(0.5, 10, 1) })).toBeLessThan(0);
    expect(leagueOrder({ unitId: 'x', subtree: f(null, 0, 9) }, { unitId: 'y', subtree: f(0, 3, 1) })).toBeGreaterThan(0);
  });

  it('months are UTC calendar months clipped to the period', () => {
    expect(monthSpans(Date.UTC(2026, 0, 15), Date.UTC(2026, 2, 3))).toEqual([
      { month: '2026-01', from: Date.UTC(2026, 0, 15), to: FEB },
      { month: '2026-02', from: FEB, to: MAR },
      { month: '2026-03', from: MAR, to: Date.UTC(2026, 2, 3) },
    ]);
    expect(() => scorecards({ cases: [], units, from: FEB, to: FEB, now })).toThrow();
  });
});
