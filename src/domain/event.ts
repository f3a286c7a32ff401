/** Events as the domain produces and consumes them; the store adds sequence numbers and hashes. */
import type { Instant } from './time.js';

/** What a decision produces: a typed fact with its payload. */
export interface EventData<T extends string = string, P extends object = object> {
  readonly type: T;
  readonly payload: P;
}

/** A fact as recorded: who did it and when. The stream it belongs to is implied by where it is appended. */
export type StreamEvent<E extends EventData = EventData> = E & {
  readonly actor: string;
  readonly at: Instant;
};

/** The actor of events the system produces by itself (checkpoints, rules). */
export const SYSTEM_ACTOR = 'system';
