/** The load of a body on a small fixed agenda: items per session, shares, time on the agenda, open items. */
import { describe, expect, it } from 'vitest';
import type { AgendaItemState, AgendaStay } from './agenda-item.js';
import { bodyLoad } from './body-load.js';

const HOUR = 3_600_000;
const at = (day: number, hour = 10) => `2022-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

function item(over: Partial<AgendaItemState> & { readonly stays: readonly AgendaStay[] }): AgendaItemState {
  return {
    bodyId: 'body_politburo',
    question: 'q',
    route: { kind: 'statement', options: ['a', 'b'], documents: [], alreadyTried: [] },
    status: 'submitted',
    submittedBy: 'per_a',
    firstSubmittedAt: over.stays[0]?.submittedAt ?? at(1),
    returns: 0,
    lastReturn: null,
    session: null,
    decisionId: null,
    withdrawReason: null,
    lastEventAt: at(1),
    ...over,
  };
}

const LADDER = { kind: 'ladder', assignmentId: 'asg_meat', escalationLevel: 2 } as const;
const ITEMS: AgendaItemState[] = [
  // decided on the 9th after 8 days on the agenda, by the ladder
  item({ route: LADDER, status: 'decided', session: '2022-03-09', stays: [{ submittedAt: at(1), endedAt: at(9), outcome: 'decided' }] }),
  // returned after 1 day, submitted again and decided after 2 days
  item({ status: 'decided', session: '2022-03-09', returns: 1, stays: [{ submittedAt: at(2), endedAt: at(3), outcome: 'returned' }, { submittedAt: at(4), endedAt: at(6), outcome: 'decided' }] }),
  // returned after 4 hours, still returned
  item({ status: 'returned', returns: 1, stays: [{ submittedAt: at(5, 10), endedAt: at(5, 14), outcome: 'returned' }] }),
  // scheduled for the 16th, by the ladder
  item({ route: LADDER, status: 'scheduled', session: '2022-03-16', stays: [{ submittedAt: at(8), endedAt: null, outcome: null }] }),
  // just submitted
  item({ status: 'submitted', stays: [{ submittedAt: at(10), endedAt: null, outcome: null }] }),
  // withdrawn: counted, not timed
  item({ status: 'withdrawn', stays: [{ submittedAt: at(3), endedAt: at(7), outcome: 'withdrawn' }] }),
  // after now: left out
  item({ status: 'submitted', stays: [{ submittedAt: at(20), endedAt: null, outcome: null }] }),
];

describe('bodyLoad', () => {
  it('computes the figures of a small fixed agenda', () => {
    const load = bodyLoad(ITEMS, ['2022-03-02', '2022-03-09'], at(12));
    expect(load.items).toBe(6);
    expect(load.open).toBe(2);
    expect(load.perSession).toEqual([
      { session: '2022-03-02', items: 0 },
      { session: '2022-03-09', items: 2 },
      { session: '2022-03-16', items: 1 },
    ]);
    expect(load.returnedShare).toBeCloseTo(2 / 6);
    expect(load.ladderShare).toBeCloseTo(2 / 6);
    // stays timed: 8 d, 1 d, 2 d, 4 h
    expect(load.timeOnAgenda.stays).toBe(4);
    expect(load.timeOnAgenda.medianMs).toBe(36 * HOUR);
    expect(load.timeOnAgenda.meanMs).toBe(((8 + 1 + 2) * 24 + 4) * HOUR / 4);
  });

  it('leaves out stays ending after now, and has no shares without items', () => {
    const early = bodyLoad(ITEMS, [], at(8));
    expect(early.timeOnAgenda).toEqual({ stays: 3, meanMs: ((1 + 2) * 24 + 4) * HOUR / 3, medianMs: 24 * HOUR });
    expect(bodyLoad([], ['2022-03-09'], at(12))).toEqual({ items: 0, open: 0, perSession: [{ session: '2022-03-09', items: 0 }], returnedShare: null, ladderShare: null, timeOnAgenda: { stays: 0, meanMs: null, medianMs: null } });
  });
});
