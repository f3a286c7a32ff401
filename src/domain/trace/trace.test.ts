/** The domain of imported cases: what `importTrace` refuses (TRACE_INVALID, naming the event) and what folding keeps. */
import { describe, expect, it } from 'vitest';
import { evolveTrace, importTrace, MAX_TRACE_EVENTS, type ImportedEvent, type TraceImportedPayload } from './trace.js';

const event = (at: string | null, activity = 'A'): ImportedEvent => ({ activity, at, lifecycle: 'complete', resource: 'r1', group: null });
const payload = (over: Partial<TraceImportedPayload> = {}): TraceImportedPayload => ({
  importId: 'imp-2026-11-26-abc',
  source: 'log.xes',
  format: 'xes',
  name: 'case 1',
  attributes: {},
  events: [event('2020-01-01T10:00:00.000Z'), event(null, 'B'), event('2019-12-31T09:00:00.000Z', 'C')],
  ...over,
});

describe('an imported case', () => {
  it('is recorded as one trace.imported event carrying its whole history', () => {
    const r = importTrace(payload());
    expect(r.ok && r.value).toEqual({ type: 'trace.imported', payload: payload() });
  });

  it('keeps an empty case (logs have them)', () => {
    expect(importTrace(payload({ events: [] })).ok).toBe(true);
  });

  it.each([
    ['a malformed import id', payload({ importId: 'IMP 1' }), /import id/],
    ['a blank source', payload({ source: '  ' }), /source/],
    ['an instant that is not canonical UTC', payload({ events: [event('2020-01-01T10:00:00+02:00')] }), /event 1 of case case 1/],
    ['an instant that is not one', payload({ events: [event('2020-02-30T10:00:00.000Z')] }), /not a UTC instant/],
    ['a text over 10,000 characters', payload({ events: [event(null, 'x'.repeat(10_001))] }), /longer than 10,000/],
    ['too many events', payload({ events: Array.from({ length: MAX_TRACE_EVENTS + 1 }, () => event(null)) }), /at most 100,000 events/],
  ])('refuses %s with TRACE_INVALID', (_what, p, message) => {
    const r = importTrace(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('TRACE_INVALID');
      expect(r.error.message).toMatch(message);
    }
  });

  it('folds into its source, count of events and first and last instants (events without one skipped)', () => {
    const state = evolveTrace(undefined, { type: 'trace.imported', payload: payload(), actor: 'system', at: '2026-11-26T12:00:00.000Z' });
    expect(state).toEqual({
      importId: 'imp-2026-11-26-abc',
      source: 'log.xes',
      format: 'xes',
      name: 'case 1',
      events: 3,
      firstAt: '2019-12-31T09:00:00.000Z',
      lastAt: '2020-01-01T10:00:00.000Z',
      importedAt: '2026-11-26T12:00:00.000Z',
      importedBy: 'system',
    });
    expect(() => evolveTrace(state, { type: 'trace.imported', payload: payload(), actor: 'system', at: '2026-11-26T12:00:00.000Z' })).toThrow(/imported once/);
  });
});
