/**
 * Six months of the city's work, simulated with a time-ordered agenda. Bodies meet and register
 * decisions that issue assignments; each assignment then lives its own life (see case-life.ts);
 * the execution-control office escalates what runs late, first to the owner's superior and then to
 * the executive committee; a few assignments are cancelled and a committee is dissolved. Every
 * step is a command issued as the person who would issue it, at the instant the agenda says.
 */
import { Agenda } from '../agenda.js';
import type { Rng } from '../random.js';
import { DAY, iso, MINUTE, PERIOD_END, PERIOD_START, workingTime } from './city-calendar.js';
import { CityCase, type Episode } from './city-case.js';
import { DecisionPlanner } from './city-decisions.js';
import type { CityCommittee, CityOrganisation, CityPerson } from './city-model.js';
import { meetingsOf, type Meeting } from './city-meetings.js';
import * as words from './city-words.js';
import { CaseLife, type CaseStep } from './case-life.js';
import type { CommandDriver } from './command-driver.js';

type Entry =
  | { readonly kind: 'meeting'; readonly meeting: Meeting }
  | { readonly kind: 'decision'; readonly meeting: Meeting; readonly count: number }
  | { readonly kind: 'step'; readonly c: CityCase; readonly token: number; readonly step: CaseStep; readonly episode?: Episode }
  | { readonly kind: 'watch'; readonly c: CityCase; readonly level: 1 | 2 }
  | { readonly kind: 'cancel'; readonly c: CityCase }
  | { readonly kind: 'dissolve'; readonly committee: CityCommittee };

/** What the simulation did. */
export interface ActivityReport {
  readonly decisions: number;
  readonly assignments: number;
  readonly subAssignments: number;
}

/** Runs the city's activity from PERIOD_START until PERIOD_END through the driver; what would come later is left undone. */
export class CityActivity {
  private readonly agenda = new Agenda<Entry>();
  private readonly planner: DecisionPlanner;
  private readonly life: CaseLife;
  private decisions = 0;
  private assignments = 0;
  private subAssignments = 0;
  /** The instant of the entry being handled: nothing is ever planned before it. */
  private now = PERIOD_START;

  constructor(
    private readonly driver: CommandDriver,
    private readonly rng: Rng,
    private readonly org: CityOrganisation,
    private readonly size: { readonly assignments: number },
  ) {
    this.planner = new DecisionPlanner(rng, org);
    this.life = new CaseLife(driver, rng, org, { schedule: (c, at, step, episode) => this.schedule(c, at, step, episode), issued: (now, c) => this.issued(now, c) });
  }

  /** Simulates the whole period; `progress` hears (days done, days in all) every 250 steps and at the end. */
  async run(progress?: (done: number, total: number) => void): Promise<ActivityReport> {
    for (const meeting of meetingsOf(this.org, this.size.assignments)) if (meeting.quota > 0) this.agenda.add(meeting.at, { kind: 'meeting', meeting });
    for (const committee of this.org.committees) if (committee.dissolve !== null) this.agenda.add(committee.dissolve.at, { kind: 'dissolve', committee });
    const days = Math.round((PERIOD_END - PERIOD_START) / DAY);
    let steps = 0;
    for (let e = this.agenda.next(); e !== undefined && e.at < PERIOD_END; e = this.agenda.next()) {
      this.now = e.at;
      await this.handle(e.at, e.item);
      if (++steps % 250 === 0) progress?.(Math.min(days, Math.max(0, Math.floor((e.at - PERIOD_START) / DAY))), days);
    }
    progress?.(days, days);
    return { decisions: this.decisions, assignments: this.assignments, subAssignments: this.subAssignments };
  }

  private async handle(now: number, e: Entry): Promise<void> {
    switch (e.kind) {
      case 'meeting':
        return this.meeting(now, e.meeting);
      case 'decision':
        return this.decision(now, e.meeting, e.count);
      case 'dissolve':
        await this.driver.issue(now, this.org.secretary.id, { type: 'committee.dissolve', committeeId: e.committee.id, reason: e.committee.dissolve?.reason ?? 'dissolved' });
        return;
      case 'cancel':
        return this.cancel(now, e.c);
      case 'watch':
        return this.watch(now, e.c, e.level);
      case 'step':
        // A stale entry (the plan changed since) is dropped; so is any step of a closed case but a planned reopening.
        if (e.token !== e.c.token || (!e.c.open && e.step !== 'reopen')) return;
        return this.life.step(now, e.c, e.step, e.episode);
    }
  }

  /** An instant in working time, never before the entry being handled (the clock only moves forward). */
  private working(at: number): number {
    return Math.max(this.now, workingTime(at, this.rng.int(0, 150)));
  }

  private schedule(c: CityCase, at: number, step: CaseStep, episode?: Episode): void {
    c.token += 1;
    const when = this.working(at);
    this.agenda.add(when, episode === undefined ? { kind: 'step', c, token: c.token, step } : { kind: 'step', c, token: c.token, step, episode });
  }

  private days(median: number, sigma: number): number {
    return this.rng.lognormal(median, sigma) * DAY;
  }

  /** A meeting takes its decisions one after another, a few minutes apart. */
  private meeting(now: number, m: Meeting): void {
    let left = m.quota;
    for (let at = now; left > 0; at += 3 * MINUTE) {
      const count = Math.min(left, this.rng.int(2, 6));
      left -= count;
      this.agenda.add(Math.max(this.now, at), { kind: 'decision', meeting: m, count });
    }
  }

  private async decision(now: number, m: Meeting, count: number): Promise<void> {
    const planned = this.planner.plan(now, m, count);
    const out = await this.driver.issue(now, planned.issuer.id, planned.command);
    const ids = out.events.filter((e) => e.type === 'assignment.issued').map((e) => e.streamId);
    if (ids.length !== planned.cases.length) throw new Error(`decision ${planned.command.number} issued ${ids.length} assignments, not ${planned.cases.length}`);
    this.decisions += 1;
    for (const [i, def] of planned.cases.entries()) this.issued(now, new CityCase({ ...def, id: ids[i] as string, decisionId: out.id }));
  }

  /** Starts the life of an issued assignment, with the control office's watch on its deadline and, rarely, its cancellation. */
  private issued(now: number, c: CityCase): void {
    if (c.parent === null) this.assignments += 1;
    else this.subAssignments += 1;
    this.life.start(now, c);
    this.agenda.add(this.working(c.deadline + this.days(3, 0.3)), { kind: 'watch', c, level: 1 });
    if (this.rng.chance(0.02)) this.agenda.add(this.working(now + (0.1 + 0.9 * this.rng.float()) * (c.deadline - now)), { kind: 'cancel', c });
  }

  private async cancel(now: number, c: CityCase): Promise<void> {
    if (!c.open) return;
    const by = c.controller !== null && this.rng.chance(0.5) ? c.controller : c.issuer;
    await this.driver.issue(now, by.id, { type: 'assignment.cancel', assignmentId: c.id, reason: this.rng.pick(words.CANCEL_REASONS) });
    c.status = 'cancelled';
    c.pending = null;
    c.token += 1;
  }

  /** The person a case is escalated to: the owner's superior, or the one above when that is the escalating person. */
  private superiorFor(c: CityCase, actor: CityPerson): CityPerson | null {
    let to = c.owner.superior;
    while (to !== null && to === actor) to = to.superior;
    return to;
  }

  /** A few days past the deadline the controller (or the issuer) looks at an open case and may escalate it. */
  private async watch(now: number, c: CityCase, level: 1 | 2): Promise<void> {
    if (!c.open || c.status === 'submitted') return;
    c.watches += 1;
    if (c.deadline > now) {
      if (c.watches < 4) this.agenda.add(this.working(c.deadline + this.days(3, 0.3)), { kind: 'watch', c, level });
      return;
    }
    const actor = c.controller ?? c.issuer;
    const overdue = `Overdue since ${iso(c.deadline).slice(0, 10)}`;
    if (level === 1) {
      const to = this.superiorFor(c, actor);
      if (to === null || !this.rng.chance(0.45)) return;
      await this.driver.issue(now, actor.id, { type: 'assignment.escalate', assignmentId: c.id, toId: to.id, reason: `${overdue}: no submission and no extension granted.` });
      this.agenda.add(this.working(now + this.days(12, 0.3)), { kind: 'watch', c, level: 2 });
      return;
    }
    if (!this.rng.chance(0.5)) return;
    await this.driver.issue(now, actor.id, {
      type: 'assignment.escalate',
      assignmentId: c.id,
      toId: this.org.executiveId,
      reason: `${overdue}, and still open after escalation to the owner's superior: the executive committee is asked to act.`,
    });
  }
}
