/** What the XES reader's worker thread and the thread that started it say to each other (read-xes-in-worker.ts, xes-reader-worker.ts). */
import type { XesTotals } from './read-xes.js';
import type { TraceToImport } from './xes-import.js';

/** What the worker is started with. */
export interface XesWorkerData {
  readonly path: string;
  /** Whether to send how far the file has been read. */
  readonly progress: boolean;
}

/** A message from the worker: traces read (with the bytes of the file read so far), the end, or why it could not go on. */
export type XesWorkerMessage =
  | { readonly kind: 'traces'; readonly traces: TraceToImport[]; readonly bytes: readonly [read: number, size: number] | null }
  | { readonly kind: 'done'; readonly totals: XesTotals }
  | { readonly kind: 'failed'; readonly message: string };

/** How many batches of traces the worker may send ahead of those the starting thread has taken. */
export const BATCHES_AHEAD = 2;

/** A batch is sent when it holds this many traces or this many events, whichever comes first. */
export const BATCH_TRACES = 100;
export const BATCH_EVENTS = 5_000;

/**
 * The worker's young generation, MiB. With V8's default the importing process of a 1 GB log peaked
 * at 279–299 MB (issue #7's bound: 300); with 16 MiB at 261–277 MB, bpic2012 as fast (1.05–1.07 s
 * warm); with 8 MiB at 256–257 MB, but the worker then spent a quarter of its time collecting
 * garbage and bpic2012 took 1.34–1.46 s.
 */
export const WORKER_YOUNG_GENERATION_MB = 16;
