/**
 * The background loop the scheduler and the notifications dispatcher share: a step, then at once
 * another when the step says there is more (a full batch: catching up), else a pause of
 * `intervalMs`. A step that throws (the database away) is reported and the loop goes on after the
 * pause. `stop` ends the pause at once and resolves when the step in progress has finished.
 */

/** A running loop. */
export interface Loop {
  /** Stops after the step in progress (if any); resolves once the loop has ended. */
  stop(): Promise<void>;
}

/** Lets signals, timers and I/O in between two steps (SQLite's driver is synchronous). */
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Starts a loop of `step` (true: run again at once); `onStop` hears the stop before the pause is cut short. */
export function startLoop(step: () => Promise<boolean>, options: { readonly intervalMs: number; readonly onError: (error: unknown) => void; readonly onStop?: () => void }): Loop {
  let stopping = false;
  let wake: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  const pause = (): Promise<void> =>
    new Promise((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, options.intervalMs);
    });
  const loop = async (): Promise<void> => {
    while (!stopping) {
      let more = false;
      try {
        more = await step();
      } catch (error) {
        options.onError(error);
      }
      if (stopping) break;
      await (more ? yieldToEvents() : pause());
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopping = true;
      options.onStop?.();
      clearTimeout(timer);
      wake();
      await running;
    },
  };
}
