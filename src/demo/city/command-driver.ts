/** Issues the generated city's commands inside one bulk transaction, at the instants the generator chooses. */
import type { Outcome } from '../../app/commands/context.js';
import type { CommandInput } from '../../app/commands/schemas.js';
import type { BulkRunner } from '../../app/proverka.js';
import type { ManualClock } from '../../domain/clock.js';
import { expectOk } from '../script.js';
import { iso } from './city-calendar.js';

/** Sets the clock, runs the command as the actor and insists that it succeeds; counts what it wrote. */
export class CommandDriver {
  /** Commands issued so far. */
  commands = 0;
  /** Events those commands appended. */
  events = 0;

  constructor(
    private readonly run: BulkRunner,
    private readonly clock: ManualClock,
  ) {}

  /** Issues one command at `at` (never before the last one); a refusal throws ProverkaError. */
  async issue(at: number, actor: string, command: CommandInput): Promise<Outcome> {
    this.clock.set(at);
    const out = expectOk(await this.run(actor, command), actor, command, iso(at));
    this.commands += 1;
    this.events += out.events.length;
    return out;
  }
}
