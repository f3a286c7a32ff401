/** What a creating command made, as of its own events: a replay of the request answers exactly as the first answer did, whatever happened to the thing since. */
import type { StreamEvent } from '../../domain/event.js';
import type { StreamKind } from '../../domain/ids.js';
import { evolve, type EventOf, type StateOf } from '../../domain/streams.js';
import type { Outcome } from '../../app/commands/context.js';

/** The state and version the outcome's own events give its stream, or undefined when they do not start it (then read it back instead). */
export function foldCreated<K extends StreamKind>(kind: K, outcome: Outcome): { version: number; state: StateOf<K> } | undefined {
  const mine = outcome.events.filter((e) => e.streamId === outcome.id).sort((a, b) => a.seq - b.seq);
  if (mine[0]?.seq !== 1) return undefined;
  let state: StateOf<K> | undefined;
  for (const e of mine) state = evolve(kind, state, { type: e.type, payload: e.payload, actor: e.actor, at: e.at } as unknown as StreamEvent<EventOf<K>>);
  const last = mine[mine.length - 1];
  return state === undefined || last === undefined ? undefined : { version: last.seq, state };
}
