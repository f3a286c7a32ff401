/**
 * A simulated period over a record: a manual clock starts at the record's latest event, a
 * scheduler pass drains what is due (the planning first), then the clock moves `stepHours` at a
 * time for `days` days, each step draining a pass of the worker `simulate` — so the ladder's
 * reminders, notices and escalations happen at their instants — while the simulated people act
 * at their hours: everyone's work at 10:00, and on Tuesdays that the organisation works the top
 * body's secretary sets the agenda at 09:00 and the body sits at 11:00. The same record, days,
 * step and seed give the same figures.
 */
import type { Proverka } from '../../app/proverka.js';
import { agendaFigures, type AgendaFigures } from '../../app/simulation/agenda-figures.js';
import { periodFigures, type PeriodEvent, type PeriodFigures } from '../../app/simulation/period-figures.js';
import type { AgendaItemState } from '../../domain/agenda/agenda-item.js';
import { isWorkingDay, weekdayOf, type BusinessCalendar } from '../../domain/calendar/business-calendar.js';
import type { ManualClock } from '../../domain/clock.js';
import { toInstant, type CalendarDate } from '../../domain/time.js';
import { Acting, type PeopleTally } from '../../demo/simulation/acting.js';
import { AgendaKeeper } from '../../demo/simulation/agenda-keeper.js';
import { SimulatedPeople } from '../../demo/simulation/simulated-people.js';
import { allStreams, Calendars, findCast, type SimulationCast } from '../../demo/simulation/simulation-cast.js';
import { Rng } from '../../demo/random.js';
import { defaultHandlers } from '../../jobs/handlers.js';
import { SchedulerPass } from '../../jobs/scheduler.js';
import type { JobCounts } from '../../store/jobs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The name the simulation's scheduler takes its leases under. */
export const SIMULATION_WORKER = 'simulate';
/** Tuesday, the top body's session day. */
const SESSION_WEEKDAY = 2;

/** What to simulate. */
export interface SimulationOptions {
  readonly days: number;
  readonly stepHours: number;
  readonly seed: number;
}

/** What the scheduler did: items by kind and how each ended (`done`, `refused: CODE` …), and failures retried. */
export interface SchedulerFigures {
  readonly done: number;
  readonly byKind: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly failed: number;
}

/** Everything a simulation reports. */
export interface SimulationReport {
  readonly period: { readonly from: string; readonly to: string; readonly days: number; readonly stepHours: number; readonly steps: number; readonly seed: number };
  readonly topBody: { readonly id: string; readonly name: string; readonly level: number; readonly secretaryId: string | null; readonly secretaryName: string | null } | null;
  readonly scheduler: SchedulerFigures;
  /** Events appended during the period. */
  readonly events: number;
  readonly ladder: PeriodFigures['ladder'];
  readonly accountability: PeriodFigures['accountability'] & { readonly openAtEnd: number };
  readonly agenda: AgendaFigures | null;
  readonly people: PeopleTally;
  readonly jobs: JobCounts;
}

/** Something that happens at an instant of the simulated period. */
type Happening = { readonly at: number; readonly what: 'prepare' | 'workday' | 'session'; readonly date: CalendarDate };

/** The happenings of the days touching (from, to], in time order, those inside the interval only. */
function happeningsBetween(from: number, to: number, orgCalendar: BusinessCalendar, withSessions: boolean): Happening[] {
  const out: Happening[] = [];
  for (let day = Math.floor(from / DAY) * DAY; day <= to; day += DAY) {
    const date = toInstant(day).slice(0, 10);
    const sitting = withSessions && weekdayOf(date) === SESSION_WEEKDAY && isWorkingDay(orgCalendar, date);
    const today: Happening[] = [
      ...(sitting ? [{ at: day + 9 * HOUR, what: 'prepare' as const, date }] : []),
      { at: day + 10 * HOUR, what: 'workday', date },
      ...(sitting ? [{ at: day + 11 * HOUR, what: 'session' as const, date }] : []),
    ];
    out.push(...today.filter((h) => h.at > from && h.at <= to));
  }
  return out;
}

/** The instant of the record's latest event (the clock never goes below it), or undefined for an empty record. */
export async function latestEventAt(app: Proverka): Promise<number | undefined> {
  const { events } = await app.store.fresh.counts();
  const last = events === 0 ? undefined : (await app.store.fresh.eventsAfter(events - 1, 1))[0];
  return last === undefined ? undefined : Date.parse(last.at);
}

async function periodEvents(app: Proverka, after: number): Promise<PeriodEvent[]> {
  const out: PeriodEvent[] = [];
  for (let position = after; ; ) {
    const page = await app.store.fresh.eventsAfter(position, 1000);
    out.push(...page.map((e) => ({ type: e.type, payload: e.payload })));
    const last = page[page.length - 1];
    if (page.length < 1000 || last === undefined) return out;
    position = last.position;
  }
}

/** The top body's agenda figures, each ladder item checked against its case's escalations. */
async function agendaOf(app: Proverka, cast: SimulationCast, sessions: readonly CalendarDate[], now: string): Promise<AgendaFigures> {
  const items = (await allStreams(app.store.fresh, 'agenda')).map((s) => s.state as AgendaItemState).filter((i) => i.bodyId === cast.topBodyId);
  const reached = new Map<string, number | undefined>();
  for (const i of items) {
    if (i.route.kind !== 'ladder' || reached.has(i.route.assignmentId)) continue;
    const levels = (await app.store.fresh.streamEvents(i.route.assignmentId))
      .filter((e) => e.type === 'assignment.escalated' && (e.payload as { to: string }).to === cast.topBodyId)
      .map((e) => (e.payload as { level: number }).level);
    reached.set(i.route.assignmentId, levels.length === 0 ? undefined : Math.max(...levels));
  }
  return agendaFigures(cast.topBodyId, items, sessions, now, (id) => reached.get(id));
}

/**
 * Runs the simulation on an application whose clock is `clock` (a manual clock, at or before the
 * record's latest event); `progress` hears (days done, days). Returns the figures of the period.
 */
export async function runSimulation(app: Proverka, clock: ManualClock, options: SimulationOptions, progress?: (done: number, total: number) => void): Promise<SimulationReport> {
  const start = Math.max(clock.now(), (await latestEventAt(app)) ?? clock.now());
  clock.set(start);
  const end = start + options.days * DAY;
  const before = (await app.store.fresh.counts()).events;
  const byKind: Record<string, Record<string, number>> = {};
  let failed = 0;
  let done = 0;
  const pass = new SchedulerPass({
    app,
    clock,
    handlers: defaultHandlers(),
    worker: SIMULATION_WORKER,
    onEvent: (e) => {
      if (e.type === 'failed') failed += 1;
      if (e.type !== 'done') return;
      done += 1;
      const kind = (byKind[e.kind] ??= {});
      kind[e.result] = (kind[e.result] ?? 0) + 1;
    },
  });
  // The planning first (a calendar or policy changed, cases were issued): the steps then fall due at their instants.
  await pass.drain();

  const calendars = await Calendars.load(app.store.fresh);
  const cast = await findCast(app);
  const rng = new Rng(options.seed ^ 0x51_3a_7e);
  const acting = new Acting(app, calendars);
  const people = new SimulatedPeople(acting, rng, cast);
  const keeper = cast === undefined || cast.secretaryId === null ? undefined : new AgendaKeeper(acting, rng, cast, cast.secretaryId);
  const orgCalendar = calendars.organisation();

  const stepMs = options.stepHours * HOUR;
  let steps = 0;
  for (let from = start; from < end; from += stepMs) {
    const to = Math.min(end, from + stepMs);
    for (const h of happeningsBetween(from, to, orgCalendar, keeper !== undefined)) {
      clock.set(h.at);
      await pass.drain();
      if (h.what === 'workday') await people.workday(toInstant(h.at), h.date);
      else if (h.what === 'prepare') await keeper?.prepare(h.date);
      else await keeper?.hold(h.date);
    }
    clock.set(to);
    await pass.drain();
    steps += 1;
    progress?.(Math.floor((to - start) / DAY), options.days);
  }

  const now = toInstant(clock.now());
  const figures = periodFigures(await periodEvents(app, before));
  const proposals = await allStreams(app.store.fresh, 'accountability');
  const secretary = cast === undefined || cast.secretaryId === null ? undefined : await acting.person(cast.secretaryId);
  return {
    period: { from: toInstant(start), to: toInstant(end), days: options.days, stepHours: options.stepHours, steps, seed: options.seed },
    topBody:
      cast === undefined
        ? null
        : { id: cast.topBodyId, name: cast.topBodyName, level: cast.topBodyLevel, secretaryId: cast.secretaryId, secretaryName: secretary?.name ?? null },
    scheduler: { done, byKind, failed },
    events: figures.events,
    ladder: figures.ladder,
    accountability: { ...figures.accountability, openAtEnd: proposals.filter((p) => (p.state as { status: string }).status === 'proposed').length },
    agenda: cast === undefined ? null : await agendaOf(app, cast, keeper?.sessions ?? [], now),
    people: acting.tally(),
    jobs: await app.store.jobs.counts(now),
  };
}
