/** Decree inflation on decisions counted by hand: in the period by date, executed when every live case is verified, paper decisions, ratios and order. */
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
