/** Handlers of due work, by kind: commands the system executes when they fall due, and the escalation ladder's work. */
import { z } from 'zod';
import type { CommandInput } from '../app/commands/schemas.js';
import { executeOnce, type JobHandler, type JobHandlers } from './effects.js';
import { ladderHandlers } from './ladder.js';

export { executeOnce, RetryLater, SCHEDULER_SCOPE, type JobContext, type JobHandler, type JobHandlers } from './effects.js';

/** The kind of item whose payload is a command for the system to execute when it falls due. */
export const COMMAND_KIND = 'command';

const commandPayload = z.object({ command: z.record(z.string(), z.unknown()) });

/** The payload of a `command` item. */
export function commandItem(command: CommandInput): { readonly command: CommandInput } {
  return { command };
}

/** Runs a `command` item: its command, executed once as the system (the application validates it). */
export const commandHandler: JobHandler = async (item, ctx) => {
  const payload = commandPayload.safeParse(item.payload);
  if (!payload.success) return 'refused: VALIDATION_FAILED';
  return executeOnce(ctx.app, item, payload.data.command as CommandInput);
};

/** The handlers every scheduler has: commands and the ladder; callers add their own kinds beside these. */
export function defaultHandlers(): JobHandlers {
  return { [COMMAND_KIND]: commandHandler, ...ladderHandlers() };
}
