/**
 * The record of the exactly-once test: the standard organisation, a business calendar that works
 * round the clock, a ladder policy (the superior at the deadline, the body one working hour later,
 * the controller told at the deadline), and `cases` open assignments issued in one bulk transaction
 * with deadlines spread evenly over a short window that ends an hour before now (by the machine's
 * clock), so that every step of every case is due when the workers start. Nothing is planned yet:
 * the bulk write leaves one `ladder-replan` item, and the workers plan the steps themselves.
 * Consecutive deadlines fall on different cases. Afterwards, `tally` reads the record back and
 * counts, per case and step key, what the ladder appended.
 */
import { expect } from 'vitest';
import { unwrap } from '../../src/app/errors.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/port.js';
import { HOUR, issueCommand, makeWorld, ORG, run, setupOrganisation } from '../support/world.js';

/** What the record must end with: for each case, its deadline. */
export interface DuePlan {
  readonly deadlines: ReadonlyMap<string, string>;
}

/** The step keys a case's ladder performs: the controller told, the superior, the body. */
export function stepKeys(deadline: string): { readonly notices: readonly string[]; readonly escalations: readonly string[] } {
  return { notices: [`controller-told@${deadline}`], escalations: [`escalate:superior@${deadline}`, `escalate:body@${deadline}`] };
}

/** Creates the database at `location` with `cases` overdue cases whose deadlines fall in the `windowMs` ending an hour before now. */
export async function prepareDueLadder(location: string, cases: number, windowMs: number): Promise<DuePlan> {
  const store = await openStore({ location, mode: 'create' });
  const end = Date.now() - HOUR;
  const w = makeWorld(store, { seed: 11 });
  try {
    // The organisation as of March 2022; the ladder and the cases two hours before the window.
    await setupOrganisation(w);
    w.clock.set(end - windowMs - 2 * HOUR);
    await run(w, 'system', { type: 'calendar.define', id: 'cal_round', definition: { workingWeekdays: [1, 2, 3, 4, 5, 6, 7], workingHours: { start: '00:00', end: '24:00' }, utcOffsetMinutes: 0 } });
    await run(w, 'system', {
      type: 'ladder.define',
      id: 'lad_due',
      name: 'Due at once',
      rules: { reminders: [], superior: { after: { amount: 0, unit: 'working-hours' } }, body: { after: { amount: 1, unit: 'working-hours' }, bodyId: ORG.bodies.sto } },
    });
    const deadlines = new Map<string, string>();
    for (let c = 0; c < cases; c++) deadlines.set(`asg_due${String(c).padStart(5, '0')}`, new Date(end - windowMs + Math.floor((c * windowMs) / cases)).toISOString());
    await w.app.bulk(async (exec) => {
      for (const [id, deadline] of deadlines) unwrap(await exec(ORG.people.secretary, issueCommand({ id, title: `Case ${id}`, deadline })));
    });
    const pending = await store.jobs.pending(1000);
    expect(pending.filter((i) => i.kind === 'ladder-step')).toEqual([]);
    expect(pending.filter((i) => i.kind === 'ladder-replan').length).toBeGreaterThan(0);
    return { deadlines };
  } finally {
    await w.app.close();
  }
}

/** What the record holds after the run. */
export interface Tally {
  /** Step keys due on a case that it did not get. */
  readonly missed: number;
  /** Ladder events beyond the first for one (case, step key). */
  readonly duplicates: number;
  /** Ladder events no due step accounts for, or not by the system. */
  readonly strays: number;
  readonly escalations: number;
  readonly notices: number;
  /** Agenda items the body steps put on the body's agenda (by the ladder). */
  readonly agendaItems: number;
}

/** Reads every event of the record and matches the ladder's to the steps each case was due. */
export async function tally(store: Store, plan: DuePlan): Promise<Tally> {
  const seen = new Map<string, number>();
  let strays = 0;
  let escalations = 0;
  let notices = 0;
  let agendaItems = 0;
  for (let after = 0; ; ) {
    const page = await store.fresh.eventsAfter(after, 5000);
    if (page.length === 0) break;
    for (const e of page) {
      after = e.position;
      if (e.type === 'agenda.submitted' && (e.payload as { route: { kind: string } }).route.kind === 'ladder') agendaItems += 1;
      if (e.type !== 'assignment.escalated' && e.type !== 'assignment.reminded') continue;
      if (e.type === 'assignment.escalated') escalations += 1;
      else notices += 1;
      const key = (e.payload as { stepKey?: string }).stepKey;
      const deadline = plan.deadlines.get(e.streamId);
      const due = deadline === undefined ? [] : Object.values(stepKeys(deadline)).flat();
      if (key === undefined || !due.includes(key) || e.actor !== 'system') strays += 1;
      else seen.set(`${e.streamId} ${key}`, (seen.get(`${e.streamId} ${key}`) ?? 0) + 1);
    }
  }
  let missed = 0;
  let duplicates = 0;
  for (const [id, deadline] of plan.deadlines) {
    for (const key of Object.values(stepKeys(deadline)).flat()) {
      const n = seen.get(`${id} ${key}`) ?? 0;
      if (n === 0) missed += 1;
      else duplicates += n - 1;
    }
  }
  return { missed, duplicates, strays, escalations, notices, agendaItems };
}
