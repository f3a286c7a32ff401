/**
 * A reproducible workload for the ingest benchmark: a small organisation, then assignments that
 * live a realistic life (issue, accept, sometimes a handover or a refused one, an extension, a
 * rejection and rework, submit with evidence, verify). Every command names its ids explicitly, so
 * the same list can be replayed in any mode.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { CommandInput } from '../src/app/commands/schemas.js';

/** One step: when, who, what. */
export interface Step {
  readonly at: number;
  readonly actor: string;
  readonly command: CommandInput;
}

/** The organisation to set up first, then the assignment steps in time order. */
export interface Workload {
  readonly setup: readonly Step[];
  readonly steps: readonly Step[];
}

const DAY = 86_400_000;

/** Builds a workload of `cases` assignments over a year, from a seed. */
export function makeWorkload(cases: number, seed = 7): Workload {
  const rng = xoroshiro128plus(seed);
  const pick = (n: number): number => uniformInt(rng, 0, n - 1);
  const t0 = Date.parse('2025-01-01T08:00:00Z');
  const setup: Step[] = [];
  let clock = t0;
  const at = (): number => (clock += 1000);
  setup.push({ at: at(), actor: 'system', command: { type: 'unit.create', id: 'unit_city', name: 'City administration' } });
  const units = Array.from({ length: 10 }, (_, i) => `unit_dept-${i}`);
  for (const [i, id] of units.entries()) setup.push({ at: at(), actor: 'system', command: { type: 'unit.create', id, name: `Department ${i}`, parentId: 'unit_city' } });
  const people = Array.from({ length: 60 }, (_, i) => `per_p${i}`);
  for (const [i, id] of people.entries()) setup.push({ at: at(), actor: 'system', command: { type: 'person.register', id, name: `Person ${i}`, unitId: units[i % units.length] as string } });
  setup.push({ at: at(), actor: 'system', command: { type: 'body.create', id: 'body_council', name: 'City council', level: 1 } });
  const secretary = 'per_p0';
  const decisions = Math.max(1, Math.ceil(cases / 50));
  for (let d = 0; d < decisions; d++) {
    setup.push({ at: at(), actor: secretary, command: { type: 'decision.register', id: `dec_d${d}`, bodyId: 'body_council', number: `${d + 1}`, date: '2025-01-01', title: `Decision ${d + 1}` } });
  }

  // Each case gets a plan of steps at increasing times; all plans are then merged in time order.
  const steps: Step[] = [];
  const start = clock;
  for (let c = 0; c < cases; c++) {
    const id = `asg_c${c}`;
    const owner = people[1 + pick(29)] as string;
    const verifier = people[30 + pick(29)] as string;
    let other = people[1 + pick(29)] as string;
    if (other === owner) other = people[(people.indexOf(owner) % 29) + 2] as string;
    let t = start + pick(300) * DAY + pick(DAY);
    const deadline = t + (10 + pick(30)) * DAY;
    const next = (days: number): number => (t += Math.max(1, days) * 3_600_000 + pick(3_600_000));
    steps.push({ at: t, actor: secretary, command: { type: 'assignment.issue', id, decisionId: `dec_d${c % decisions}`, title: `Case ${c}`, definitionOfDone: 'Delivered and confirmed', deadline: new Date(deadline).toISOString(), ownerId: owner, verifierId: verifier } });
    steps.push({ at: next(1 + pick(48)), actor: owner, command: { type: 'assignment.accept', assignmentId: id } });
    let holder = owner;
    if (pick(4) === 0) {
      steps.push({ at: next(1 + pick(24)), actor: owner, command: { type: 'assignment.handover.offer', assignmentId: id, toId: other, reason: 'their unit does this' } });
      if (pick(3) === 0) steps.push({ at: next(1 + pick(24)), actor: other, command: { type: 'assignment.handover.refuse', assignmentId: id, reason: 'not ours' } });
      else {
        steps.push({ at: next(1 + pick(24)), actor: other, command: { type: 'assignment.handover.accept', assignmentId: id } });
        holder = other;
      }
    }
    if (pick(6) === 0) {
      steps.push({ at: next(1 + pick(24)), actor: holder, command: { type: 'assignment.extension.request', assignmentId: id, deadline: new Date(deadline + 14 * DAY).toISOString(), reason: 'waiting for a supplier' } });
      steps.push({ at: next(1 + pick(24)), actor: secretary, command: { type: 'assignment.extension.grant', assignmentId: id } });
    }
    steps.push({ at: next(24 + pick(24 * 20)), actor: holder, command: { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'text', text: 'done as defined' }] } });
    if (pick(5) === 0) {
      steps.push({ at: next(1 + pick(72)), actor: verifier, command: { type: 'assignment.reject', assignmentId: id, reasons: ['the receipt is missing'] } });
      steps.push({ at: next(1 + pick(72)), actor: holder, command: { type: 'assignment.submit', assignmentId: id, evidence: [{ kind: 'document', name: 'receipt.pdf', sha256: 'a'.repeat(64) }] } });
    }
    steps.push({ at: next(1 + pick(72)), actor: verifier, command: { type: 'assignment.verify', assignmentId: id } });
  }
  steps.sort((a, b) => a.at - b.at);
  return { setup, steps };
}
