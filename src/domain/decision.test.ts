/** Registering a decision of a body (F1). */
import { describe, expect, it } from 'vitest';
import { evolveDecision, registerDecision } from './decision.js';
import type { PartyRef } from './ids.js';
import type { Result } from './result.js';

/** The code of a refused result, or undefined when it passed. */
function codeOf(r: Result<unknown>): string | undefined {
  return r.ok ? undefined : r.error.code;
}

const BODY: PartyRef = { id: 'body_sto', kind: 'body' };
const UNIT: PartyRef = { id: 'unit_trade', kind: 'unit' };
const COMMITTEE: PartyRef = { id: 'cmt_purchase', kind: 'committee' };
const PERSON: PartyRef = { id: 'per_krasin', kind: 'person', unitId: 'unit_trade' };
const valid = { body: BODY, number: ' 12/3 ', date: '2022-03-01', title: ' Canned meat ', text: ' Buy it. ', numberTaken: false };

describe('registerDecision', () => {
  it('registers a decision of a body, trimmed', () => {
    expect(registerDecision(valid)).toEqual({
      ok: true,
      value: [{ type: 'decision.registered', payload: { bodyId: 'body_sto', number: '12/3', date: '2022-03-01', title: 'Canned meat', text: 'Buy it.' } }],
    });
  });
  it('NOT_PERMITTED: a unit, a committee or a person takes a decision', () => {
    for (const body of [UNIT, COMMITTEE, PERSON]) expect(codeOf(registerDecision({ ...valid, body })), body.id).toBe('NOT_PERMITTED');
  });
  it('DECISION_NUMBER_REQUIRED: no number', () => {
    expect(codeOf(registerDecision({ ...valid, number: '  ' }))).toBe('DECISION_NUMBER_REQUIRED');
  });
  it('DATE_INVALID: not a calendar date', () => {
    for (const date of ['1 March 1922', '2022-3-1', '2022-02-29', '2022-03-01T00:00:00Z', '']) expect(codeOf(registerDecision({ ...valid, date })), date).toBe('DATE_INVALID');
    expect(registerDecision({ ...valid, date: '2024-02-29' }).ok).toBe(true);
  });
  it('TITLE_REQUIRED: no title', () => {
    expect(codeOf(registerDecision({ ...valid, title: '' }))).toBe('TITLE_REQUIRED');
  });
  it('DECISION_NUMBER_TAKEN: the body already used the number', () => {
    expect(codeOf(registerDecision({ ...valid, numberTaken: true }))).toBe('DECISION_NUMBER_TAKEN');
  });
  it('folds into its state', () => {
    const at = '2022-03-01T09:00:00.000Z';
    expect(evolveDecision(undefined, { type: 'decision.registered', payload: { bodyId: 'body_sto', number: '1', date: '2022-03-01', title: 't', text: '' }, actor: 'per_x', at })).toEqual({
      bodyId: 'body_sto',
      number: '1',
      date: '2022-03-01',
      title: 't',
      text: '',
      registeredAt: at,
      lastEventAt: at,
    });
  });
});
