/** A calendar as a versioned stream: defined, revised (version + 1), retired; each refusal with its code. */
import { describe, expect, it } from 'vitest';
import type { PartyRef } from '../ids.js';
import { calendarSetFrom, defineCalendar, evolveCalendar, retireCalendar, reviseCalendar, type CalendarEvent, type CalendarState } from './calendar-stream.js';

const ADMIN = 'per_admin';
const UNIT: PartyRef = { id: 'unit_region', kind: 'unit' };

function fold(events: readonly CalendarEvent[], at: readonly string[]): CalendarState {
  let s: CalendarState | undefined;
  events.forEach((e, i) => {
    s = evolveCalendar(s, { ...e, actor: ADMIN, at: at[i] ?? '2022-01-01T00:00:00.000Z' });
  });
  if (s === undefined) throw new Error('no events');
  return s;
}

function defined(scope: PartyRef | null = UNIT): CalendarState {
  const d = defineCalendar({ scope, definition: { holidays: ['2022-03-10'] }, scopeTaken: false });
  if (!d.ok) throw new Error(d.error.message);
  return fold(d.value, ['2022-01-10T09:00:00.000Z']);
}

describe('calendar stream', () => {
  it('defines version 1 for a unit or for the organisation', () => {
    const d = defineCalendar({ scope: UNIT, definition: { holidays: ['2022-03-10'] }, scopeTaken: false });
    expect(d.ok && d.value).toEqual([
      { type: 'calendar.defined', payload: { unitId: 'unit_region', version: 1, definition: { workingWeekdays: null, workingHours: null, utcOffsetMinutes: null, holidays: ['2022-03-10'], workingDates: [] } } },
    ]);
    expect(defined(null)).toMatchObject({ unitId: null, version: 1, retiredAt: null });
  });

  it('refuses a scope that is not a unit, a taken scope and an invalid definition', () => {
    const body = defineCalendar({ scope: { id: 'body_top', kind: 'body' }, definition: {}, scopeTaken: false });
    expect(!body.ok && body.error).toMatchObject({ code: 'CALENDAR_INVALID', details: { problems: [{ issue: 'SCOPE_NOT_A_UNIT' }] } });
    const taken = defineCalendar({ scope: null, definition: {}, scopeTaken: true });
    expect(!taken.ok && taken.error.code).toBe('CALENDAR_SCOPE_TAKEN');
    const bad = defineCalendar({ scope: UNIT, definition: { utcOffsetMinutes: 2000 }, scopeTaken: false });
    expect(!bad.ok && bad.error.code).toBe('CALENDAR_INVALID');
  });

  it('revises: each revision is the next version and replaces the definition in force', () => {
    let s = defined();
    for (const [i, day] of ['2022-03-11', '2022-03-14'].entries()) {
      const r = reviseCalendar(s, { definition: { holidays: [day] } }, `2022-02-0${i + 1}T09:00:00.000Z`);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value[0]).toMatchObject({ type: 'calendar.revised', payload: { version: i + 2 } });
      s = evolveCalendar(s, { ...r.value[0]!, actor: ADMIN, at: `2022-02-0${i + 1}T09:00:00.000Z` });
    }
    expect(s.version).toBe(3);
    expect(s.definition.holidays).toEqual(['2022-03-14']);
  });

  it('refuses a revision that changes nothing, an invalid one, and one dated before the last event', () => {
    const s = defined();
    const same = reviseCalendar(s, { definition: { holidays: ['2022-03-10'] } }, '2022-02-01T09:00:00.000Z');
    expect(!same.ok && same.error).toMatchObject({ code: 'CALENDAR_INVALID', details: { problems: [{ issue: 'UNCHANGED' }] } });
    const bad = reviseCalendar(s, { definition: { workingWeekdays: [] } }, '2022-02-01T09:00:00.000Z');
    expect(!bad.ok && bad.error.code).toBe('CALENDAR_INVALID');
    const early = reviseCalendar(s, { definition: { holidays: [] } }, '2022-01-01T09:00:00.000Z');
    expect(!early.ok && early.error.code).toBe('EVENT_OUT_OF_ORDER');
  });

  it('retires with a reason; a retired calendar is neither revised nor retired again', () => {
    const s = defined();
    const noReason = retireCalendar(s, { reason: '  ' }, '2022-02-01T09:00:00.000Z');
    expect(!noReason.ok && noReason.error.code).toBe('REASON_REQUIRED');
    const r = retireCalendar(s, { reason: 'the region follows the organisation again' }, '2022-02-01T09:00:00.000Z');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const gone = evolveCalendar(s, { ...r.value[0]!, actor: ADMIN, at: '2022-02-01T09:00:00.000Z' });
    expect(gone.retiredAt).toBe('2022-02-01T09:00:00.000Z');
    expect(!reviseCalendar(gone, { definition: {} }, '2022-03-01T09:00:00.000Z').ok).toBe(true);
    const again = retireCalendar(gone, { reason: 'again' }, '2022-03-01T09:00:00.000Z');
    expect(!again.ok && again.error.code).toBe('INVALID_TRANSITION');
  });

  it('builds the set in force: retired calendars left out, one per scope', () => {
    const org = defined(null);
    const region = defined();
    const retired: CalendarState = { ...defined({ id: 'unit_depot', kind: 'unit' }), retiredAt: '2022-02-01T00:00:00.000Z' };
    const set = calendarSetFrom([org, region, retired]);
    expect(set.organisation).toEqual(org.definition);
    expect(Object.keys(set.units)).toEqual(['unit_region']);
  });

  it('refuses to fold events the rules could not have produced', () => {
    const revised = { type: 'calendar.revised', payload: { version: 2, definition: defined().definition }, actor: ADMIN, at: '2022-01-01T00:00:00.000Z' } as const;
    expect(() => evolveCalendar(undefined, revised)).toThrow();
  });
});
