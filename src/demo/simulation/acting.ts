/**
 * What the simulated people share: how they act (a command through `app.execute` as themselves,
 * tallied; a refusal is counted, never thrown, since the record moves under them), what they
 * look up (people's units and working days, cases, the body of a case's decision), and what they
 * remember — the cases the top body decided on or sent back, which their people now finish.
 */
import type { Outcome } from '../../app/commands/context.js';
import type { CommandInput } from '../../app/commands/schemas.js';
import type { Proverka } from '../../app/proverka.js';
import type { AssignmentState } from '../../domain/assignment/assignment.state.js';
import type { AccountabilityState } from '../../domain/ladder/accountability.js';
import { isWorkingDay } from '../../domain/calendar/business-calendar.js';
import type { DecisionState } from '../../domain/decision.js';
import type { BodyState } from '../../domain/organisation/body.js';
import type { PersonState } from '../../domain/organisation/person.js';
import type { CalendarDate } from '../../domain/time.js';
import type { ReadModel } from '../../store/read-model.js';
import type { Calendars } from './simulation-cast.js';

/** What the simulated people did: commands by type, and refusals by type and code. */
export interface PeopleTally {
  readonly commands: Readonly<Record<string, number>>;
  readonly refused: Readonly<Record<string, number>>;
}

/** The body a decision belongs to, and its level. */
export interface DecidingBody {
  readonly bodyId: string;
  readonly level: number;
  readonly name: string;
  readonly number: string;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** The simulated people's shared means and memory. */
export class Acting {
  private readonly commands: Record<string, number> = {};
  private readonly refused: Record<string, number> = {};
  private readonly people = new Map<string, PersonState | null>();
  private readonly deciding = new Map<string, DecidingBody | null>();
  private readonly targets = new Map<string, string | null>();
  /** Cases the top body decided on or sent back to the competent unit: their people finish them now. */
  readonly pressed = new Set<string>();
  /** Agenda items brought with a full statement during the simulation, and the case each is about. */
  readonly statementCases = new Map<string, string>();

  constructor(
    readonly app: Proverka,
    readonly calendars: Calendars,
  ) {}

  /** The read model the people look at (the primary: they see what they just did). */
  get reads(): ReadModel {
    return this.app.store.fresh;
  }

  /** Issues a command as `actor`; its outcome, or undefined when the rules refused it (counted). */
  async run(actor: string, command: CommandInput): Promise<Outcome | undefined> {
    const r = await this.app.execute(actor, command);
    if (r.ok) {
      bump(this.commands, command.type);
      return r.value;
    }
    bump(this.refused, `${command.type}: ${r.error.code}`);
    return undefined;
  }

  /** What the people did so far. */
  tally(): PeopleTally {
    const sorted = (m: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { commands: sorted(this.commands), refused: sorted(this.refused) };
  }

  /** A person as registered (remembered: the simulation moves nobody). */
  async person(id: string): Promise<PersonState | undefined> {
    if (!this.people.has(id)) {
      const s = await this.reads.snapshot(id);
      this.people.set(id, s?.kind === 'person' ? (s.state as PersonState) : null);
    }
    return this.people.get(id) ?? undefined;
  }

  /** True when `date` is a working day in the calendar of the person's unit. */
  async works(personId: string, date: CalendarDate): Promise<boolean> {
    const p = await this.person(personId);
    return p !== undefined && isWorkingDay(await this.calendars.ofUnit(p.unitId), date);
  }

  /** A case's state now, or undefined. */
  async assignment(id: string): Promise<AssignmentState | undefined> {
    const s = await this.reads.snapshot(id);
    return s?.kind === 'assignment' ? (s.state as AssignmentState) : undefined;
  }

  /** The body whose decision a case carries out (remembered). */
  async decidingBody(decisionId: string): Promise<DecidingBody | undefined> {
    if (!this.deciding.has(decisionId)) {
      const d = await this.reads.snapshot(decisionId);
      const b = d?.kind === 'decision' ? await this.reads.snapshot((d.state as DecisionState).bodyId) : undefined;
      const found =
        d !== undefined && b?.kind === 'body'
          ? { bodyId: b.id, level: (b.state as BodyState).level, name: (b.state as BodyState).name, number: (d.state as DecisionState).number }
          : null;
      this.deciding.set(decisionId, found);
    }
    return this.deciding.get(decisionId) ?? undefined;
  }

  /** Whom the escalation that proposed an accountability action went to (a person or a body), or null when it is not found (remembered). */
  async escalationTarget(proposalId: string, p: AccountabilityState): Promise<string | null> {
    if (!this.targets.has(proposalId)) {
      const events = await this.reads.streamEvents(p.assignmentId);
      const escalated = events.find((e) => e.type === 'assignment.escalated' && (e.payload as { stepKey?: string }).stepKey === p.stepKey);
      this.targets.set(proposalId, escalated === undefined ? null : (escalated.payload as { to: string }).to);
    }
    return this.targets.get(proposalId) ?? null;
  }
}
