/** The record as the store hands it out: events with their place, their chain hashes and their position. */

/** An event as stored: its place in its stream, its chain hashes and its global position. */
export interface RecordedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly seq: number;
  readonly type: string;
  readonly actor: string;
  readonly at: string;
  readonly payload: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** An appended event before the store assigns its position. */
export type AppendedEvent = Omit<RecordedEvent, 'position'>;

/** Reports progress of long work: how much is done out of how much. */
export type Progress = (done: number, total: number) => void;
