/**
 * What a body decides at a meeting: a decision of one department's business, numbered in the
 * body's series, broken into assignments — each with one owner from the department, a verifier
 * who is their superior (now and then a control inspector), often a controller from the control
 * office, sometimes co-executors from elsewhere, and a deadline a few weeks out (days when urgent).
 */
import type { CommandInput } from '../../app/commands/schemas.js';
import type { Rng } from '../random.js';
import { atHour, DAY, iso } from './city-calendar.js';
import type { CaseDefinition } from './city-case.js';
import type { CityDepartment, CityOrganisation, CityPerson } from './city-model.js';
import type { Meeting } from './city-meetings.js';
import * as words from './city-words.js';

/** A decision ready to register, and the assignments it issues (their ids come from the application). */
export interface PlannedDecision {
  readonly issuer: CityPerson;
  readonly command: Extract<CommandInput, { type: 'decision.register' }>;
  readonly cases: readonly Omit<CaseDefinition, 'id' | 'decisionId'>[];
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** Plans the decisions of the city's bodies, numbering each body's decisions in order. */
export class DecisionPlanner {
  private readonly numbers = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly org: CityOrganisation,
  ) {}

  /** A decision taken at `now` by the meeting's body, issuing `count` assignments. */
  plan(now: number, m: Meeting, count: number): PlannedDecision {
    const d = m.department ?? this.rng.weighted(this.org.departments, (x) => x.people.length);
    const issuer = m.kind === 'council' ? this.org.mayor : m.kind === 'board' ? (d.head ?? this.org.mayor) : (this.org.deputyMayors.get(d.spec.sector) ?? this.org.mayor);
    const prefix = m.kind === 'council' ? 'CC' : m.kind === 'executive' ? 'EC' : `${d.spec.key.toUpperCase()}-B`;
    const n = (this.numbers.get(m.bodyId) ?? 0) + 1;
    this.numbers.set(m.bodyId, n);
    const cases = Array.from({ length: count }, () => this.assignment(now, m, d, issuer));
    const body = m.kind === 'council' ? 'City Council' : m.kind === 'executive' ? 'Executive Committee' : `Board of the ${d.spec.name}`;
    const command: PlannedDecision['command'] = {
      type: 'decision.register',
      bodyId: m.bodyId,
      number: `${prefix}-2026/${String(n).padStart(3, '0')}`,
      date: iso(now).slice(0, 10),
      title: `On ${this.rng.pick(d.spec.topics)}`,
      text: `The ${body} decides: ${cases.map((c) => c.title).join('; ')}.`,
      assignments: cases.map((c) => ({
        title: c.title,
        definitionOfDone: c.template.done,
        domain: d.spec.domain,
        deadline: iso(c.deadline),
        urgency: c.urgent ? ('urgent' as const) : ('normal' as const),
        ownerId: c.owner.id,
        verifierId: c.verifier.id,
        ...(c.controller === null ? {} : { controllerId: c.controller.id }),
        coExecutorIds: c.coExecutors.map((p) => p.id),
      })),
    };
    return { issuer, command, cases };
  }

  private fill(template: string): string {
    return template
      .replace('{street}', this.rng.pick(words.STREETS))
      .replace('{district}', this.rng.pick(words.DISTRICTS))
      .replace('{park}', this.rng.pick(words.PARKS))
      .replace('{n}', String(this.rng.int(1, 64)));
  }

  private assignment(now: number, m: Meeting, d: CityDepartment, issuer: CityPerson): Omit<CaseDefinition, 'id' | 'decisionId'> {
    const rng = this.rng;
    const template = rng.pick(d.spec.tasks);
    const owner = rng.weighted(
      d.people.filter((p) => p !== d.head && p !== issuer),
      (p) => (p.subordinates.length > 0 ? 1 : 2),
    );
    const inspectors = this.org.inspectors;
    const verifier = rng.chance(0.15) || owner.superior === null ? rng.pick(inspectors) : owner.superior;
    const controllerChance = m.kind === 'council' ? 1 : m.kind === 'executive' ? 0.6 : 0.3;
    const controllers = inspectors.filter((p) => p !== verifier);
    const controller = controllers.length > 0 && rng.chance(controllerChance) ? rng.pick(controllers) : null;
    const coExecutors: CityPerson[] = [];
    if (rng.chance(0.18)) {
      const pool = this.org.departments
        .flatMap((x) => x.people)
        .filter((p) => p.unit !== owner.unit && p !== verifier && p !== issuer && p !== controller && p.subordinates.length === 0);
      for (let k = rng.int(1, 2); k > 0 && pool.length > 0; k--) {
        const p = rng.pick(pool);
        if (!coExecutors.includes(p)) coExecutors.push(p);
      }
    }
    const urgent = rng.chance(0.08);
    const span = urgent ? clamp(rng.lognormal(4, 0.4), 1, 10) : clamp(rng.lognormal(16, 0.55), 3, 75);
    return {
      department: d,
      template,
      title: this.fill(template.title),
      urgent,
      issuer,
      owner,
      verifier,
      controller,
      coExecutors,
      deadline: atHour(now + span * DAY, 15),
      issuedAt: now,
      parent: null,
    };
  }
}
