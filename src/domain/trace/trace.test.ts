/** The domain of imported cases: what `importTrace` refuses (TRACE_INVALID, naming the event) and what folding keeps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolveTrace, forEachImportedEvent, importedCase, importedEventCount, importTrace, MAX_TRACE_EVENTS, type CaseToImport, type ImportedEvent, type TraceEvent } from './trace.js';

const event = (at: string | null, activity = 'A'): ImportedEvent => ({ activity, at, lifecycle: 'complete', resource: 'r1', group: null });
const payload = (over: Partial<CaseToImport> = {}): CaseToImport & { events: readonly ImportedEvent[] } => ({
  importId: 'imp-2026-11-26-abc',
  source: 'log.xes',
  format: 'xes',
  name: 'case 1',
  attributes: {},
  events: [event('2020-01-01T10:00:00.000Z'), event(null, 'B'), event('2019-12-31T09:00:00.000Z', 'C')],
  ...over,
});

describe('an imported case', () => {
  it('is recorded as one trace.imported event carrying its whole history, its events as a table: each text once, a row per event', () => {
    const r = importTrace(payload({ events: [event('2020-01-01T10:00:00.000Z'), { ...event(null, 'B'), group: 'team', attributes: { cost: '12' } }, event('2019-12-31T09:00:00.000Z')] }));
    expect(r.ok && r.value).toEqual({
      type: 'trace.imported',
      payload: {
        attributes: {},
        format: 'xes',
        importId: 'imp-2026-11-26-abc',
        name: 'case 1',
        source: 'log.xes',
        table: {
          rows: [
            [0, '2020-01-01T10:00:00.000Z', 1, 2, null],
            [3, null, 1, 2, 4, { cost: '12' }],
            [0, '2019-12-31T09:00:00.000Z', 1, 2, null],
          ],
          texts: ['A', 'complete', 'r1', 'B', 'team'],
        },
      },
    });
    // Keys in code-unit order: the record's canonical order.
    expect(r.ok && Object.keys(r.value.payload)).toEqual(['attributes', 'format', 'importId', 'name', 'source', 'table']);
  });

  it('reads back as it was given, from the table and from the form of records made before it (events as objects)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              activity: fc.string({ maxLength: 4 }),
              at: fc.option(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString())),
              lifecycle: fc.option(fc.constantFrom('start', 'complete', 'A')),
              resource: fc.option(fc.string({ maxLength: 3 })),
              group: fc.option(fc.string({ maxLength: 3 })),
              attributes: fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { minKeys: 1, maxKeys: 3 }),
            },
            { requiredKeys: ['activity', 'at', 'lifecycle', 'resource', 'group'] },
          ),
          { maxLength: 30 },
        ),
        (events) => {
          const given = payload({ events });
          const r = importTrace(given);
          if (!r.ok) throw new Error(r.error.message);
          for (const recorded of [r.value.payload, given]) {
            expect(importedCase(recorded)).toEqual(given);
            expect(importedEventCount(recorded)).toBe(events.length);
            const visited: ImportedEvent[] = [];
            forEachImportedEvent(recorded, (activity, at, lifecycle, resource, group, attributes) => visited.push({ activity, at, lifecycle, resource, group, ...(attributes === undefined ? {} : { attributes }) }));
            expect(visited).toEqual(events);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps an empty case (logs have them)', () => {
    expect(importTrace(payload({ events: [] })).ok).toBe(true);
  });

  it('takes the events already as a table, checked, and records it as given', () => {
    const table = { rows: [[0, '2020-01-01T10:00:00.000Z', 1, null, null], [2, null, null, 3, 3, { k: 'v' }]] as const, texts: ['A', 'start', 'B', 'r'] };
    const { events: _events, ...rest } = payload();
    const r = importTrace({ ...rest, table });
    expect(r.ok && r.value.payload).toEqual({ ...rest, table });
    expect(r.ok && importedCase(r.value.payload).events).toEqual([
      { activity: 'A', at: '2020-01-01T10:00:00.000Z', lifecycle: 'start', resource: null, group: null },
      { activity: 'B', at: null, lifecycle: null, resource: 'r', group: 'r', attributes: { k: 'v' } },
    ]);
  });

  const { events: _none, ...source } = payload();
  const tabled = (rows: readonly (readonly unknown[])[], texts: readonly string[] = ['A', 'B']): CaseToImport => ({ ...source, table: { rows: rows as never, texts } });

  it.each([
    ['a malformed import id', payload({ importId: 'IMP 1' }), /import id/],
    ['both events and a table', { ...payload(), table: { rows: [], texts: [] } }, /not both/],
    ['neither events nor a table', source, /not neither/],
    ['a row naming a text the table lacks', tabled([[0, null, null, null, null], [2, null, null, null, null]]), /event 2 of case case 1: its row is not/],
    ['a row with a negative or fractional index', tabled([[0, null, -1, null, null]]), /event 1 of case case 1: its row is not/],
    ['a row without its activity', tabled([[null, null, 0, null, null]]), /event 1 of case case 1: its row is not/],
    ['a row of the wrong length', tabled([[0, null, null, null]]), /its row is not/],
    ['a row whose instant is not canonical UTC', tabled([[0, '2020-01-01T10:00:00+02:00', null, null, null]]), /event 1 of case case 1: .* is not a UTC instant/],
    ['a table text over 10,000 characters', tabled([[0, null, null, null, null]], ['x'.repeat(10_001)]), /longer than 10,000/],
    ['a table of too many events', tabled(Array.from({ length: MAX_TRACE_EVENTS + 1 }, () => [0, null, null, null, null])), /at most 100,000 events/],
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
    // The event the domain makes (a table) folds to the same state.
    const made = importTrace(payload());
    if (!made.ok) throw new Error(made.error.message);
    const fromTable: TraceEvent & { actor: string; at: string } = { ...made.value, actor: 'system', at: '2026-11-26T12:00:00.000Z' };
    expect(evolveTrace(undefined, fromTable)).toEqual(state);
  });
});
