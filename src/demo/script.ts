/** Scripted history: commands at given instants, issued through the application one by one. */
import type { Outcome } from '../app/commands/context.js';
import type { CommandInput } from '../app/commands/schemas.js';
import { ProverkaError, type AppResult } from '../app/errors.js';
import type { Proverka } from '../app/proverka.js';
import type { ManualClock } from '../domain/clock.js';

/** One step of a script: when (ISO-8601 instant), who, and the command they issue. */
export interface ScriptStep {
  readonly at: string;
  readonly actor: string;
  readonly command: CommandInput;
}

/** The value of a command's result; a refusal throws ProverkaError naming the command, the actor and the instant. */
export function expectOk(result: AppResult<Outcome>, actor: string, command: CommandInput, at: string): Outcome {
  if (result.ok) return result.value;
  const { code, message, details } = result.error;
  throw new ProverkaError(code, `demo command refused at ${at}: ${actor} ${command.type}: ${message}`, { ...details, actor, at, command: command.type });
}

/**
 * Sorts steps by instant (stable: equal instants keep their order) and issues each through
 * `app.execute` with the clock set to its instant. Any refused command aborts with ProverkaError.
 */
export async function runScript(app: Proverka, clock: ManualClock, steps: readonly ScriptStep[], progress?: (done: number, total: number) => void): Promise<number> {
  const ordered = steps.map((s, i) => ({ s, i, ms: Date.parse(s.at) })).sort((a, b) => a.ms - b.ms || a.i - b.i);
  let events = 0;
  for (const [n, { s, ms }] of ordered.entries()) {
    if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${s.at}`);
    clock.set(ms);
    events += expectOk(await app.execute(s.actor, s.command), s.actor, s.command, s.at).events.length;
    progress?.(n + 1, ordered.length);
  }
  return events;
}
