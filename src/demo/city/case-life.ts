/**
 * The life of one assignment after it is issued, step by step: accepted within days (or first
 * passed to another owner), worked on with the occasional handover, transfer, request for more
 * time, sub-assignments or a cry for help, submitted with evidence, rejected with reasons and
 * reworked, verified — and now and then reopened. Each step issues the command its actor would
 * issue, updates the mirror, and schedules the next step through the agenda's hooks.
 */
import type { CommandInput } from '../../app/commands/schemas.js';
import { documentOf } from '../evidence.js';
import type { Rng } from '../random.js';
import { atHour, DAY, HOUR, iso, MINUTE } from './city-calendar.js';
import { CityCase, type Episode } from './city-case.js';
import type { CityOrganisation, CityPerson } from './city-model.js';
import * as words from './city-words.js';
import type { CommandDriver } from './command-driver.js';

/** A step of an assignment's life that the agenda runs when its time comes. */
export type CaseStep = 'accept' | 'early-transfer' | 'answer' | 'episode' | 'submit' | 'review' | 'reopen';

/** What the life of a case needs from the agenda. */
export interface CaseHooks {
  /** Plans the case's next step (replacing any step planned before). */
  schedule(c: CityCase, at: number, step: CaseStep, episode?: Episode): void;
  /** Starts the life of a case just issued (a sub-assignment). */
  issued(now: number, c: CityCase): void;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Runs the steps of assignments' lives; only ever issues commands the rules accept in the mirrored state. */
export class CaseLife {
  constructor(
    private readonly driver: CommandDriver,
    private readonly rng: Rng,
    private readonly org: CityOrganisation,
    private readonly hooks: CaseHooks,
  ) {}

  /** Plans the first step of a freshly issued case: its acceptance, or first a transfer to a better owner. */
  start(now: number, c: CityCase): void {
    if (c.parent === null && this.rng.chance(0.025) && this.transferTarget(c) !== null) this.hooks.schedule(c, now + this.days(0.2, 0.6), 'early-transfer');
    else this.hooks.schedule(c, now + this.acceptDelay(c), 'accept');
  }

  /** Runs one step of a case. */
  async step(now: number, c: CityCase, step: CaseStep, episode: Episode | undefined): Promise<void> {
    switch (step) {
      case 'early-transfer':
        return this.earlyTransfer(now, c);
      case 'accept':
        await this.issue(now, c.owner, { type: 'assignment.accept', assignmentId: c.id });
        c.status = 'in_progress';
        this.planWork(now, c);
        return this.continueWork(now, c);
      case 'episode':
        if (episode !== undefined) await this.episode(now, c, episode);
        return;
      case 'answer':
        return this.answer(now, c);
      case 'submit':
        return this.submit(now, c);
      case 'review':
        return this.review(now, c);
      case 'reopen':
        return this.reopen(now, c);
    }
  }

  private async issue(now: number, actor: CityPerson, command: CommandInput): Promise<void> {
    await this.driver.issue(now, actor.id, command);
  }

  private days(median: number, sigma: number): number {
    return this.rng.lognormal(median, sigma) * DAY;
  }

  private acceptDelay(c: CityCase): number {
    return clamp(this.rng.lognormal(8 * c.owner.pace, 0.9) * HOUR, 20 * MINUTE, 12 * DAY);
  }

  private answerDelay(to: CityPerson): number {
    return clamp(this.rng.lognormal(0.8 * to.pace, 0.8) * DAY, 15 * MINUTE, 8 * DAY);
  }

  /** Someone the holder may hand the ball to: a colleague of the department, now and then another department. */
  private handoverTarget(c: CityCase): CityPerson | null {
    const pool = this.rng.chance(0.6) ? c.department.people : this.org.departments.flatMap((d) => d.people).filter((p) => p.department !== c.department);
    const ok = pool.filter((p) => p !== c.holder && p !== c.verifier && p !== c.owner);
    return ok.length === 0 ? null : this.rng.pick(ok);
  }

  /** Someone who may become the owner: a colleague of the owner's unit, else of the department. */
  private transferTarget(c: CityCase): CityPerson | null {
    const same = c.owner.unit.members.filter((p) => c.mayOwn(p) && p !== c.issuer);
    const pool = same.length > 0 ? same : c.department.people.filter((p) => c.mayOwn(p) && p !== c.issuer);
    return pool.length === 0 ? null : this.rng.pick(pool);
  }

  private async earlyTransfer(now: number, c: CityCase): Promise<void> {
    const to = this.transferTarget(c);
    if (to === null) return this.hooks.schedule(c, now + this.acceptDelay(c), 'accept');
    await this.issue(now, c.owner, { type: 'assignment.transfer.request', assignmentId: c.id, toId: to.id, reason: `Not my area: ${this.rng.pick(words.TRANSFER_REASONS)}` });
    c.pending = { kind: 'transfer', to };
    this.hooks.schedule(c, now + this.answerDelay(to), 'answer');
  }

  /** Decides how long the work takes and what happens on the way. */
  private planWork(now: number, c: CityCase): void {
    const rng = this.rng;
    const window = Math.max(c.deadline - c.issuedAt, DAY);
    const share = rng.lognormal(0.36 * c.department.pace * c.owner.pace, 0.5);
    c.submitAt = now + clamp(window * share, 2 * HOUR, 120 * DAY);
    const within = (): number => now + rng.float() * (c.submitAt - now);
    const episodes: Episode[] = [];
    if (c.parent === null && c.owner.subordinates.length > 0 && rng.chance(0.3)) episodes.push({ at: now + this.days(0.3, 0.5), kind: 'subs' });
    if (rng.chance(0.16)) episodes.push({ at: within(), kind: 'handover' });
    if (rng.chance(0.03)) episodes.push({ at: within(), kind: 'transfer' });
    if (rng.chance(0.02)) episodes.push({ at: within(), kind: 'blocked' });
    if (c.submitAt > c.deadline && rng.chance(0.55)) {
      const at = clamp(c.deadline - this.days(1.5, 0.5), now + HOUR, c.submitAt - HOUR);
      if (at < c.submitAt - HOUR) episodes.push({ at, kind: 'extension' });
    }
    c.episodes = episodes.sort((a, b) => a.at - b.at);
  }

  private continueWork(now: number, c: CityCase): void {
    const next = c.episodes.shift();
    if (next !== undefined) this.hooks.schedule(c, Math.max(next.at, now + 10 * MINUTE), 'episode', next);
    else this.hooks.schedule(c, Math.max(c.submitAt, now + 30 * MINUTE), 'submit');
  }

  private async episode(now: number, c: CityCase, ep: Episode): Promise<void> {
    const rng = this.rng;
    switch (ep.kind) {
      case 'handover': {
        const to = this.handoverTarget(c);
        if (to === null) return this.continueWork(now, c);
        await this.issue(now, c.holder, { type: 'assignment.handover.offer', assignmentId: c.id, toId: to.id, reason: rng.pick(words.HANDOVER_REASONS) });
        c.pending = { kind: 'handover', to, handback: false };
        return this.hooks.schedule(c, now + this.answerDelay(to), 'answer');
      }
      case 'handback': {
        if (c.holder === c.owner) return this.continueWork(now, c);
        await this.issue(now, c.holder, { type: 'assignment.handover.offer', assignmentId: c.id, toId: c.owner.id, reason: rng.pick(words.HANDBACK_REASONS) });
        c.pending = { kind: 'handover', to: c.owner, handback: true };
        return this.hooks.schedule(c, now + this.answerDelay(c.owner), 'answer');
      }
      case 'transfer': {
        const to = this.transferTarget(c);
        if (to === null) return this.continueWork(now, c);
        const by = rng.chance(0.6) ? (c.controller ?? c.issuer) : c.owner;
        await this.issue(now, by, { type: 'assignment.transfer.request', assignmentId: c.id, toId: to.id, reason: rng.pick(words.TRANSFER_REASONS) });
        c.pending = { kind: 'transfer', to };
        return this.hooks.schedule(c, now + this.answerDelay(to), 'answer');
      }
      case 'extension': {
        const late = Math.max(DAY, c.submitAt - c.deadline);
        const deadline = atHour(Math.max(c.deadline, now) + late + this.days(2, 0.5), 15);
        await this.issue(now, c.holder, { type: 'assignment.extension.request', assignmentId: c.id, deadline: iso(deadline), reason: rng.pick(words.EXTENSION_REASONS) });
        c.pending = { kind: 'extension', to: c.approver, deadline };
        return this.hooks.schedule(c, now + this.answerDelay(c.approver), 'answer');
      }
      case 'subs':
        await this.issueSubs(now, c);
        return this.continueWork(now, c);
      case 'blocked': {
        const to = c.holder.superior ?? this.org.mayor;
        if (to !== c.holder) await this.issue(now, c.holder, { type: 'assignment.escalate', assignmentId: c.id, toId: to.id, reason: rng.pick(words.BLOCKED_REASONS) });
        return this.continueWork(now, c);
      }
    }
  }

  /** The owner, a head, breaks the work into parts for their own people, each due no later than the whole. */
  private async issueSubs(now: number, c: CityCase): Promise<void> {
    const rng = this.rng;
    if (c.deadline - now < 2 * DAY) return;
    const staff = rng.shuffle(c.owner.subordinates.filter((p) => p !== c.verifier));
    const parts = rng.shuffle(words.SUB_TASKS);
    const count = Math.min(staff.length, rng.int(1, 3));
    for (let i = 0; i < count; i++) {
      const owner = staff[i] as CityPerson;
      const part = parts[i % parts.length] as (typeof words.SUB_TASKS)[number];
      const deadline = Math.min(c.deadline, atHour(now + (c.deadline - now) * (0.5 + 0.35 * rng.float()), 15));
      if (deadline <= now + 12 * HOUR) continue;
      const title = `${c.title} — ${part.title}`;
      const out = await this.driver.issue(now, c.owner.id, {
        type: 'assignment.issue',
        decisionId: c.decisionId,
        parentId: c.id,
        title,
        definitionOfDone: part.done,
        domain: c.department.spec.domain,
        deadline: iso(deadline),
        ownerId: owner.id,
        verifierId: c.owner.id,
      });
      const sub = new CityCase({
        id: out.id,
        decisionId: c.decisionId,
        department: c.department,
        template: c.template,
        title,
        urgent: false,
        issuer: c.owner,
        owner,
        verifier: c.owner,
        controller: null,
        coExecutors: [],
        deadline,
        issuedAt: now,
        parent: c,
      });
      this.hooks.issued(now, sub);
    }
  }

  private async answer(now: number, c: CityCase): Promise<void> {
    const rng = this.rng;
    const p = c.pending;
    if (p === null) return this.continueWork(now, c);
    c.pending = null;
    switch (p.kind) {
      case 'handover':
        if (rng.chance(p.handback ? 0.9 : 0.68)) {
          await this.issue(now, p.to, { type: 'assignment.handover.accept', assignmentId: c.id });
          c.holder = p.to;
          if (!p.handback && p.to !== c.owner && rng.chance(0.3) && c.submitAt > now + HOUR) {
            c.episodes.push({ at: now + rng.float() * (c.submitAt - now), kind: 'handback' });
            c.episodes.sort((a, b) => a.at - b.at);
          }
        } else {
          await this.issue(now, p.to, { type: 'assignment.handover.refuse', assignmentId: c.id, reason: rng.pick(words.HANDOVER_REFUSALS) });
        }
        break;
      case 'transfer':
        if (rng.chance(0.7)) {
          await this.issue(now, p.to, { type: 'assignment.transfer.accept', assignmentId: c.id });
          if (c.holder === c.owner) c.holder = p.to;
          c.owner = p.to;
        } else {
          await this.issue(now, p.to, { type: 'assignment.transfer.refuse', assignmentId: c.id, reason: rng.pick(words.TRANSFER_REFUSALS) });
        }
        break;
      case 'extension':
        if (rng.chance(0.68)) {
          await this.issue(now, p.to, { type: 'assignment.extension.grant', assignmentId: c.id });
          c.deadline = p.deadline;
        } else {
          await this.issue(now, p.to, { type: 'assignment.extension.refuse', assignmentId: c.id, reason: rng.pick(words.EXTENSION_REFUSALS) });
        }
        break;
    }
    if (c.status === 'issued') this.hooks.schedule(c, now + this.acceptDelay(c), 'accept');
    else this.continueWork(now, c);
  }

  private async submit(now: number, c: CityCase): Promise<void> {
    if (c.children.some((k) => k.open) && c.waits < 4) {
      c.waits += 1;
      return this.hooks.schedule(c, now + this.days(2, 0.4), 'submit');
    }
    const f = c.template.figure;
    const value = this.rng.int(f.min, f.max);
    const unit = f.unit === undefined ? '' : ` ${f.unit}`;
    const act = [
      `Act of completion — ${c.title}`,
      `Case ${c.id}, decision ${c.decisionId}`,
      `Done as defined: ${c.template.done}`,
      `${f.label}: ${value}${unit}`,
      `Submitted by ${c.holder.name} on ${iso(now).slice(0, 10)}`,
    ].join('\n');
    const evidence: Extract<CommandInput, { type: 'assignment.submit' }>['evidence'] = [
      documentOf(`Act of completion ${c.id}.txt`, act),
      f.unit === undefined ? { kind: 'figure', label: f.label, value } : { kind: 'figure', label: f.label, value, unit: f.unit },
    ];
    if (this.rng.chance(0.3)) evidence.push({ kind: 'link', url: `https://northbridge.example/photos/${c.id}`, label: 'Photographs before and after' });
    await this.issue(now, c.holder, { type: 'assignment.submit', assignmentId: c.id, evidence });
    c.status = 'submitted';
    c.submitHolder = c.holder;
    c.submissions += 1;
    this.hooks.schedule(c, now + clamp(this.days(1.2 * c.verifier.pace, 0.7), 20 * MINUTE, 20 * DAY), 'review');
  }

  private async review(now: number, c: CityCase): Promise<void> {
    const rng = this.rng;
    const sloppiness = c.submitHolder?.sloppiness ?? 1;
    const p = c.submissions === 1 ? Math.min(0.5, 0.12 * sloppiness) : c.submissions === 2 ? 0.05 : 0;
    if (rng.chance(p)) {
      const reasons = rng.shuffle(words.REJECTION_REASONS).slice(0, rng.int(1, 2));
      await this.issue(now, c.verifier, { type: 'assignment.reject', assignmentId: c.id, reasons });
      c.status = 'in_progress';
      c.holder = c.submitHolder ?? c.holder;
      c.submitAt = now + clamp(this.days(2.5 * c.holder.pace, 0.6), 2 * HOUR, 30 * DAY);
      return this.continueWork(now, c);
    }
    await this.issue(now, c.verifier, rng.chance(0.2) ? { type: 'assignment.verify', assignmentId: c.id, note: 'Checked on site.' } : { type: 'assignment.verify', assignmentId: c.id });
    c.status = 'verified';
    if (rng.chance(0.025)) this.hooks.schedule(c, now + this.days(12, 0.5), 'reopen');
  }

  private async reopen(now: number, c: CityCase): Promise<void> {
    if (c.status !== 'verified') return;
    const by = this.rng.chance(0.5) ? c.verifier : (c.controller ?? c.issuer);
    await this.issue(now, by, { type: 'assignment.reopen', assignmentId: c.id, reason: this.rng.pick(words.REOPEN_REASONS) });
    c.status = 'in_progress';
    c.holder = c.owner;
    c.submitAt = now + clamp(this.days(4 * c.owner.pace, 0.5), 4 * HOUR, 40 * DAY);
    this.continueWork(now, c);
  }
}
