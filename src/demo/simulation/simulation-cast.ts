/**
 * Who the simulation needs, read from the record: the top body — the body the organisation-wide
 * ladder policy sends its body step to, else the body at the top (level 1, smallest id) — its
 * level and its secretary (a person holding the secretary role over it), and the business
 * calendars people work by.
 */
import { sourceOfReads, topBody } from '../../app/ladder/case-ladder.js';
import type { Proverka } from '../../app/proverka.js';
import type { BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { calendarFor, type CalendarSet } from '../../domain/calendar/calendar-definition.js';
import { calendarSetFrom, type CalendarState } from '../../domain/calendar/calendar-stream.js';
import type { LadderPolicyState } from '../../domain/ladder/ladder-policy-stream.js';
import type { BodyState } from '../../domain/organisation/body.js';
import type { PersonState } from '../../domain/organisation/person.js';
import type { StreamKind } from '../../domain/ids.js';
import type { ReadModel, StreamSnapshot } from '../../store/read-model.js';

/** The top body and who keeps its agenda. */
export interface SimulationCast {
  readonly topBodyId: string;
  readonly topBodyName: string;
  readonly topBodyLevel: number;
  /** The person holding the secretary role over the top body (smallest id), or null when nobody does. */
  readonly secretaryId: string | null;
}

/** Every stream of a kind, a page at a time, in id order. */
export async function allStreams(reads: ReadModel, kind: StreamKind): Promise<StreamSnapshot[]> {
  const out: StreamSnapshot[] = [];
  for (let after: string | undefined; ; ) {
    const page = await reads.streams(kind, after === undefined ? { limit: 1000 } : { limit: 1000, after });
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]?.id;
  }
}

/** The top body of the record and its secretary; undefined when the record has no body at all. */
export async function findCast(app: Proverka): Promise<SimulationCast | undefined> {
  const reads = app.store.fresh;
  const policies = (await allStreams(reads, 'ladder')).map((s) => s.state as LadderPolicyState).filter((p) => p.retiredAt === null);
  const named = policies.find((p) => p.scope.unitId === null && p.scope.domain === null)?.rules.body?.bodyId ?? null;
  const topBodyId = named ?? (await topBody(sourceOfReads(reads)));
  if (topBodyId === undefined) return undefined;
  const body = await reads.snapshot(topBodyId);
  if (body?.kind !== 'body') return undefined;
  const state = body.state as BodyState;
  const secretary = (await allStreams(reads, 'person')).find((p) => (p.state as PersonState).roles.some((g) => g.role === 'secretary' && g.bodyId === topBodyId));
  return { topBodyId, topBodyName: state.name, topBodyLevel: state.level, secretaryId: secretary?.id ?? null };
}

/** The calendars in force, and the calendar of each unit (its own and those above it laid over the organisation's), remembered. */
export class Calendars {
  private readonly byUnit = new Map<string, BusinessCalendar>();

  private constructor(
    private readonly reads: ReadModel,
    private readonly set: CalendarSet,
  ) {}

  /** Reads the calendars in force. */
  static async load(reads: ReadModel): Promise<Calendars> {
    const states = (await allStreams(reads, 'calendar')).map((s) => s.state as CalendarState);
    return new Calendars(reads, calendarSetFrom(states));
  }

  /** The organisation's calendar. */
  organisation(): BusinessCalendar {
    return calendarFor([], this.set);
  }

  /** The calendar a unit works by. */
  async ofUnit(unitId: string): Promise<BusinessCalendar> {
    let cal = this.byUnit.get(unitId);
    if (cal === undefined) {
      cal = calendarFor(await this.reads.unitChain(unitId), this.set);
      this.byUnit.set(unitId, cal);
    }
    return cal;
  }
}
