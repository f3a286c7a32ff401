/** Decree inflation on decisions counted by hand: in the period by date, executed when every live case is verified, paper decisions, ratios and order; each body's months (decisions, cases issued, verified, on time) over a period cut at now. */
import { describe, expect, it } from 'vitest';
import { decreeInflation } from './decree-inflation.js';
import type { ScoreCase } from './scorecard-case.js';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);
const MAR = Date.UTC(2026, 2, 1);

function c(caseId: string, decisionId: string, over: Partial<ScoreCase> = {}): ScoreCase {
  return { caseId, decisionId, unitId: 'unit_a', issuedAt: JAN + DAY, verifications: [], reopenings: [], cancelledAt: null, escalations: [], rejections: [], extensions: [], held: [], ...over };
}
const verified = (at: number) => ({ verifications: [{ at, deadline: at }] });

describe('decreeInflation', () => {
  const now = MAR + 10 * DAY;
  const decisions = [
    { decisionId: 'dec_1', bodyId: 'body_a', date: '2026-01-05' }, // two cases, both verified: executed
    { decisionId: 'dec_2', bodyId: 'body_a', date: '2026-02-28' }, // one verified, one open: not executed
    { decisionId: 'dec_3', bodyId: 'body_a', date: '2026-01-10' }, // no case: paper
    { decisionId: 'dec_4', bodyId: 'body_a', date: '2026-03-01' }, // after the period
    { decisionId: 'dec_5', bodyId: 'body_b', date: '2026-01-02' }, // one verified, one cancelled: executed
    { decisionId: 'dec_6', bodyId: 'body_b', date: '2026-01-03' }, // verified then reopened: not executed
    { decisionId: 'dec_7', bodyId: 'body_c', date: '2025-12-31' }, // before the period
  ];
  const cases = [
    c('asg_1', 'dec_1', verified(JAN + 10 * DAY)),
    c('asg_2', 'dec_1', verified(MAR + DAY)),
    c('asg_3', 'dec_2', verified(JAN + 20 * DAY)),
    c('asg_4', 'dec_2'),
    c('asg_5', 'dec_5', verified(JAN + 3 * DAY)),
    c('asg_6', 'dec_5', { cancelledAt: JAN + 2 * DAY }),
    c('asg_7', 'dec_6', { ...verified(JAN + 5 * DAY), reopenings: [JAN + 9 * DAY] }),
    c('asg_8', 'dec_4', verified(MAR + 2 * DAY)),
    // Issued after now: not counted.
    c('asg_9', 'dec_5', { issuedAt: now + DAY }),
  ];
  const bodies = decreeInflation({ decisions, cases, from: JAN, to: MAR, now });

  it('counts per body what was decided in the period and what was carried out', () => {
    expect(bodies.map((b) => b.bodyId)).toEqual(['body_a', 'body_b']);
    const [a, b] = bodies;
    expect(a).toMatchObject({ decisions: 3, executed: 1, withoutCases: 1, cases: 4, verified: 3, inflation: 3, verifiedRate: 0.75 });
    expect(a?.executedRate).toBeCloseTo(1 / 3, 12);
    expect(a?.items.map((i) => [i.decisionId, i.cases, i.verified, i.executed])).toEqual([
      ['dec_1', 2, 2, true],
      ['dec_3', 0, 0, false],
      ['dec_2', 2, 1, false],
    ]);
    expect(b).toMatchObject({ decisions: 2, executed: 1, withoutCases: 0, cases: 2, verified: 1, inflation: 2, executedRate: 0.5, verifiedRate: 0.5 });
  });

  it('a body with decisions and nothing executed comes first, its inflation null', () => {
    const more = decreeInflation({ decisions: [...decisions, { decisionId: 'dec_8', bodyId: 'body_z', date: '2026-02-01' }], cases, from: JAN, to: MAR, now });
    expect(more[0]).toMatchObject({ bodyId: 'body_z', decisions: 1, executed: 0, inflation: null, executedRate: 0, verifiedRate: null });
  });
});

describe('decreeInflation month by month', () => {
  const at = (month: number, day: number): number => Date.UTC(2026, month - 1, day);
  // The period starts mid-January and would run to April; counting stops at now, 20 March.
  const from = at(1, 15);
  const now = at(3, 20);
  const decisions = [
    { decisionId: 'dec_x0', bodyId: 'body_x', date: '2026-01-10' }, // before the period: not listed
    { decisionId: 'dec_x1', bodyId: 'body_x', date: '2025-12-20' }, // before the period: not listed, its cases still body_x's work
    { decisionId: 'dec_x2', bodyId: 'body_x', date: '2026-01-20' },
    { decisionId: 'dec_x3', bodyId: 'body_x', date: '2026-02-03' },
    { decisionId: 'dec_x4', bodyId: 'body_x', date: '2026-02-25' },
    { decisionId: 'dec_y1', bodyId: 'body_y', date: '2026-02-01' },
  ];
  const cases = [
    // Issued before the period, verified on time in January.
    c('asg_c1', 'dec_x1', { issuedAt: at(1, 5), verifications: [{ at: at(1, 20), deadline: at(1, 25) }] }),
    // Issued in January; verified late in February.
    c('asg_c2', 'dec_x2', { issuedAt: at(1, 21), verifications: [{ at: at(2, 10), deadline: at(2, 5) }] }),
    // Issued in January, open.
    c('asg_c3', 'dec_x2', { issuedAt: at(1, 21) }),
    // Issued in February, verified then reopened in February and March, verified again on time in March: counted once, in March.
    c('asg_c4', 'dec_x3', { issuedAt: at(2, 4), verifications: [{ at: at(2, 20), deadline: at(3, 15) }, { at: at(3, 10), deadline: at(3, 15) }], reopenings: [at(3, 1)] }),
    // Issued in February, cancelled: not counted.
    c('asg_c5', 'dec_x3', { issuedAt: at(2, 4), cancelledAt: at(2, 15) }),
    // Issued in March, verified after now: issued only.
    c('asg_c6', 'dec_x4', { issuedAt: at(3, 2), verifications: [{ at: at(3, 25), deadline: at(3, 30) }] }),
    // Issued after now: not counted.
    c('asg_c7', 'dec_x4', { issuedAt: at(3, 21) }),
    // Another body's case; and one under a decision not on record.
    c('asg_c8', 'dec_y1', { issuedAt: at(2, 2) }),
    c('asg_c9', 'dec_gone', { issuedAt: at(2, 2) }),
  ];
  const bodies = decreeInflation({ decisions, cases, from, to: at(4, 1), now });
  const body = (id: string) => bodies.find((b) => b.bodyId === id) ?? expect.fail(`no ${id}`);

  it("each month of the period up to now: the body's decisions dated in it, its cases issued, verified (standing now) and on time", () => {
    const x = body('body_x');
    expect(x.items.map((i) => i.decisionId)).toEqual(['dec_x2', 'dec_x3', 'dec_x4']);
    expect(x.months.map((m) => [m.month, m.decisions, m.issued, m.verified, m.verifiedOnTime])).toEqual([
      ['2026-01', 1, 2, 1, 1],
      ['2026-02', 2, 1, 1, 0],
      ['2026-03', 0, 1, 1, 1],
    ]);
    expect(x.months.map((m) => m.ids)).toEqual([
      { decisions: ['dec_x2'], issued: ['asg_c2', 'asg_c3'], verified: ['asg_c1'], verifiedOnTime: ['asg_c1'] },
      { decisions: ['dec_x3', 'dec_x4'], issued: ['asg_c4'], verified: ['asg_c2'], verifiedOnTime: [] },
      { decisions: [], issued: ['asg_c6'], verified: ['asg_c4'], verifiedOnTime: ['asg_c4'] },
    ]);
  });

  it("a body's months hold only its own cases; the decisions of the months add up to the period's", () => {
    const y = body('body_y');
    expect(y.months.map((m) => [m.month, m.decisions, m.issued, m.verified])).toEqual([
      ['2026-01', 0, 0, 0],
      ['2026-02', 1, 1, 0],
      ['2026-03', 0, 0, 0],
    ]);
    for (const b of bodies) expect(b.months.reduce((n, m) => n + m.decisions, 0)).toBe(b.decisions);
  });

  it('a period that starts at now lists its bodies with no month', () => {
    const asOfStart = decreeInflation({ decisions, cases, from, to: at(4, 1), now: from });
    expect(asOfStart.map((b) => b.bodyId).sort()).toEqual(['body_x', 'body_y']);
    for (const b of asOfStart) expect(b.months).toEqual([]);
  });
});
