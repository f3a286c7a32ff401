/**
 * Agenda items of a body (F7): a question arrives by the ladder or with a full statement; the
 * secretary returns detail questions to the competent unit (counted); items are scheduled, decided
 * in session or withdrawn; folding keeps every stay on the agenda.
 */
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from '../errors.js';
import {
  decideAgendaItem,
  evolveAgendaItem,
  returnAgendaItem,
  scheduleAgendaItem,
  submitAgendaItem,
  withdrawAgendaItem,
  type AgendaDecision,
  type AgendaItemState,
  type AgendaSubmissionInput,
} from './agenda-item.js';

const BODY = { id: 'body_politburo', kind: 'body' } as const;
const DOC = { kind: 'document', name: 'report.pdf', sha256: 'b'.repeat(64) } as const;
const STATEMENT: AgendaSubmissionInput = {
  body: BODY,
  question: 'Which commissariat buys the canned meat?',
  options: ['The consumers’ society', 'The foreign-trade commissariat'],
  documents: [DOC],
  alreadyTried: [{ party: { id: 'unit_trade', kind: 'unit' }, did: 'Negotiated for three weeks without a contract' }],
};
const BY_LADDER: AgendaSubmissionInput = { body: BODY, question: 'The meat purchase is stuck', ladder: { assignmentId: 'asg_meat', escalationLevel: 2, escalatedToBodyId: 'body_politburo' } };

const ctx = (at: string, actor = 'per_secretary') => ({ actor, at });

function apply(s: AgendaItemState | undefined, d: AgendaDecision, at: string, actor = 'per_secretary'): AgendaItemState {
  if (!d.ok) throw new Error(`${d.error.code}: ${d.error.message}`);
  let out = s;
  for (const e of d.value) out = evolveAgendaItem(out, { ...e, actor, at });
  if (out === undefined) throw new Error('no events');
  return out;
}

const T0 = '2022-03-01T10:00:00.000Z';
const submitted = (input = STATEMENT) => apply(undefined, submitAgendaItem(undefined, input, ctx(T0, 'per_frumkin')), T0, 'per_frumkin');

function code(d: AgendaDecision): string | undefined {
  return d.ok ? undefined : d.error.code;
}

describe('submitting', () => {
  it('accepts a full statement and records its route', () => {
    const s = submitted();
    expect(s).toMatchObject({ status: 'submitted', bodyId: 'body_politburo', submittedBy: 'per_frumkin', returns: 0, firstSubmittedAt: T0, stays: [{ submittedAt: T0, endedAt: null, outcome: null }] });
    expect(s.route).toEqual({ kind: 'statement', options: STATEMENT.options, documents: [DOC], alreadyTried: [{ party: { id: 'unit_trade', kind: 'unit' }, did: 'Negotiated for three weeks without a contract' }] });
  });

  it('accepts a question that came by the ladder up to this body', () => {
    expect(submitted(BY_LADDER).route).toEqual({ kind: 'ladder', assignmentId: 'asg_meat', escalationLevel: 2 });
    expect(code(submitAgendaItem(undefined, { ...BY_LADDER, ladder: { assignmentId: 'asg_meat', escalationLevel: 2, escalatedToBodyId: null } }, ctx(T0)))).toBeUndefined();
  });

  it('refuses a ladder reference that did not reach the body', () => {
    expect(code(submitAgendaItem(undefined, { ...BY_LADDER, ladder: { assignmentId: 'asg_meat', escalationLevel: 1, escalatedToBodyId: null } }, ctx(T0)))).toBe('LADDER_NOT_REACHED');
    expect(code(submitAgendaItem(undefined, { ...BY_LADDER, ladder: { assignmentId: 'asg_meat', escalationLevel: 2, escalatedToBodyId: 'body_sovnarkom' } }, ctx(T0)))).toBe('LADDER_NOT_REACHED');
    expect(code(submitAgendaItem(undefined, { ...BY_LADDER, ladder: { assignmentId: 'dec_meat', escalationLevel: 2, escalatedToBodyId: null } }, ctx(T0)))).toBe('LADDER_NOT_REACHED');
    expect(code(submitAgendaItem(undefined, { ...BY_LADDER, question: ' ' }, ctx(T0)))).toBe('STATEMENT_INCOMPLETE');
  });

  it('refuses an incomplete statement, naming every missing part', () => {
    const bare = submitAgendaItem(undefined, { body: BODY, question: '' }, ctx(T0));
    expect(!bare.ok && bare.error).toMatchObject({ code: 'STATEMENT_INCOMPLETE', details: { missing: ['question', 'options', 'documents', 'alreadyTried'] } });
    const one = submitAgendaItem(undefined, { ...STATEMENT, options: ['Buy', ' Buy ', ''] }, ctx(T0));
    expect(!one.ok && one.error.details).toEqual({ missing: ['options'] });
    const noDocs = submitAgendaItem(undefined, { ...STATEMENT, documents: [{ kind: 'text', text: 'trust me' }] }, ctx(T0));
    expect(!noDocs.ok && noDocs.error.details).toEqual({ missing: ['documents'] });
    const vague = submitAgendaItem(undefined, { ...STATEMENT, alreadyTried: [{ party: { id: 'unit_trade', kind: 'unit' }, did: ' ' }] }, ctx(T0));
    expect(!vague.ok && vague.error.details).toEqual({ missing: ['alreadyTried'] });
    const committee = submitAgendaItem(undefined, { ...STATEMENT, alreadyTried: [{ party: { id: 'cmt_meat', kind: 'committee' }, did: 'Met' }] }, ctx(T0));
    expect(!committee.ok && committee.error.details).toEqual({ missing: ['alreadyTried'] });
    expect(code(submitAgendaItem(undefined, { ...STATEMENT, documents: [{ ...DOC, sha256: 'x' }] }, ctx(T0)))).toBe('EVIDENCE_INVALID');
  });

  it('refuses an agenda that is not a body', () => {
    expect(code(submitAgendaItem(undefined, { ...STATEMENT, body: { id: 'unit_trade', kind: 'unit' } }, ctx(T0)))).toBe('ESCALATION_TARGET_INVALID');
  });
});

describe('returning a detail question', () => {
  const T1 = '2022-03-02T10:00:00.000Z';
  it('sends it back to the competent unit with a reason, counted; the competent level may submit again', () => {
    const r = apply(submitted(), returnAgendaItem(submitted(), { to: { id: 'unit_trade', kind: 'unit' }, reason: '  A purchase of this size is the commissariat’s to decide ' }, ctx(T1)), T1);
    expect(r).toMatchObject({ status: 'returned', returns: 1, lastReturn: { toUnitId: 'unit_trade', reason: 'A purchase of this size is the commissariat’s to decide', by: 'per_secretary', at: T1 } });
    expect(r.stays).toEqual([{ submittedAt: T0, endedAt: T1, outcome: 'returned' }]);
    expect(code(scheduleAgendaItem(r, { session: '2022-03-10' }, ctx(T1)))).toBe('INVALID_TRANSITION');
    const T2 = '2022-03-05T10:00:00.000Z';
    const again = apply(r, submitAgendaItem(r, BY_LADDER, ctx(T2, 'system')), T2, 'system');
    expect(again).toMatchObject({ status: 'submitted', returns: 1, route: { kind: 'ladder' }, firstSubmittedAt: T0, submittedBy: 'system' });
    expect(again.stays).toHaveLength(2);
    const twice = apply(again, returnAgendaItem(again, { to: { id: 'unit_trade', kind: 'unit' }, reason: 'Still a detail' }, ctx(T2)), T2);
    expect(twice.returns).toBe(2);
  });

  it('refuses a target that is not a unit, a blank reason, and a closed item', () => {
    const s = submitted();
    expect(code(returnAgendaItem(s, { to: { id: 'per_frumkin', kind: 'person', unitId: 'unit_trade' }, reason: 'x' }, ctx(T1)))).toBe('RETURN_TARGET_NOT_A_UNIT');
    expect(code(returnAgendaItem(s, { to: { id: 'unit_trade', kind: 'unit' }, reason: ' ' }, ctx(T1)))).toBe('REASON_REQUIRED');
    const gone = apply(s, withdrawAgendaItem(s, { reason: 'Settled below' }, ctx(T1)), T1);
    expect(code(returnAgendaItem(gone, { to: { id: 'unit_trade', kind: 'unit' }, reason: 'x' }, ctx(T1)))).toBe('INVALID_TRANSITION');
    expect(code(returnAgendaItem(s, { to: { id: 'unit_trade', kind: 'unit' }, reason: 'x' }, ctx('2022-02-01T00:00:00.000Z')))).toBe('EVENT_OUT_OF_ORDER');
    expect(code(submitAgendaItem(s, STATEMENT, ctx(T1)))).toBe('INVALID_TRANSITION');
  });
});

describe('scheduling, deciding, withdrawing', () => {
  const T1 = '2022-03-02T10:00:00.000Z';
  const T2 = '2022-03-10T16:00:00.000Z';
  it('schedules to a session, moves it, and decides there', () => {
    const s = apply(submitted(), scheduleAgendaItem(submitted(), { session: '2022-03-09' }, ctx(T1)), T1);
    expect(s).toMatchObject({ status: 'scheduled', session: '2022-03-09' });
    expect(code(scheduleAgendaItem(s, { session: '2022-03-09' }, ctx(T1)))).toBe('INVALID_TRANSITION');
    const moved = apply(s, scheduleAgendaItem(s, { session: '2022-03-10' }, ctx(T1)), T1);
    expect(moved.session).toBe('2022-03-10');
    const decided = apply(moved, decideAgendaItem(moved, { decisionId: 'dec_meat_purchase' }, ctx(T2)), T2);
    expect(decided).toMatchObject({ status: 'decided', decisionId: 'dec_meat_purchase', session: '2022-03-10', stays: [{ submittedAt: T0, endedAt: T2, outcome: 'decided' }] });
    expect(code(withdrawAgendaItem(decided, { reason: 'late' }, ctx(T2)))).toBe('INVALID_TRANSITION');
  });

  it('refuses a bad or past session date, deciding unscheduled, and a decision id that is not one', () => {
    const s = submitted();
    expect(code(scheduleAgendaItem(s, { session: '2022-02-30' }, ctx(T1)))).toBe('SESSION_DATE_INVALID');
    expect(code(scheduleAgendaItem(s, { session: '2022-03-01' }, ctx(T1)))).toBe('SESSION_DATE_INVALID');
    expect(code(decideAgendaItem(s, { decisionId: 'dec_x1' }, ctx(T1)))).toBe('INVALID_TRANSITION');
    const sch = apply(s, scheduleAgendaItem(s, { session: '2022-03-09' }, ctx(T1)), T1);
    expect(code(decideAgendaItem(sch, { decisionId: 'asg_x1' }, ctx(T1)))).toBe('AGENDA_DECISION_INVALID');
  });

  it('withdraws an open or returned item with a reason', () => {
    const s = submitted();
    expect(code(withdrawAgendaItem(s, { reason: '' }, ctx(T1)))).toBe('REASON_REQUIRED');
    const w = apply(s, withdrawAgendaItem(s, { reason: 'Settled below' }, ctx(T1)), T1);
    expect(w).toMatchObject({ status: 'withdrawn', withdrawReason: 'Settled below', stays: [{ outcome: 'withdrawn', endedAt: T1 }] });
  });

  it('folding refuses impossible events, and the codes are listed', () => {
    expect(() => evolveAgendaItem(undefined, { type: 'agenda.decided', payload: { decisionId: 'dec_a1' }, actor: 'per_a', at: T0 })).toThrow();
    expect(() => evolveAgendaItem(submitted(), { type: 'agenda.submitted', payload: { bodyId: 'body_politburo', question: 'q', route: { kind: 'ladder', assignmentId: 'asg_a1', escalationLevel: 2 } }, actor: 'per_a', at: T0 })).toThrow();
    expect(DOMAIN_ERROR_CODES).toEqual(expect.arrayContaining(['STATEMENT_INCOMPLETE', 'LADDER_NOT_REACHED', 'RETURN_TARGET_NOT_A_UNIT', 'SESSION_DATE_INVALID', 'AGENDA_DECISION_INVALID']));
  });
});
