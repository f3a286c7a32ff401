/**
 * Reading an XES log for the import on a worker thread (xes-reader-worker.ts): the file is
 * gunzipped, scanned and its traces built there, while this thread records the traces that came
 * before — on a 2-core machine the two halves of an import run side by side (decision 0036). The
 * worker runs compiled JavaScript: `XES_READER_WORKER` is the file beside this one once built (in
 * the bundle, or in dist/); run from the TypeScript sources there is none, and callers pass
 * another (the tests' compiled tree) or read in their own thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { XesTotals } from './read-xes.js';
import type { TraceToImport } from './xes-import.js';
import { WORKER_YOUNG_GENERATION_MB, type XesWorkerData, type XesWorkerMessage } from './xes-worker-protocol.js';

/** The worker's file as built beside this module, or undefined when this module runs from its TypeScript source. */
export function builtXesReaderWorker(): URL | undefined {
  const url = new URL('./xes-reader-worker.js', import.meta.url);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Reads the XES log at `path` on a worker thread started from `worker`, calling `onTraces` with
 * each batch of traces in file order (awaited before the next batch is taken; the worker reads at
 * most a few batches ahead). Rejects with the reader's own message when the file is not a
 * well-formed XES log, and when the worker stops without finishing; the worker is always ended.
 */
export async function readXesInWorker(
  path: string,
  worker: URL,
  onTraces: (traces: TraceToImport[]) => Promise<void>,
  onBytes?: (read: number, size: number) => void,
): Promise<XesTotals> {
  const data: XesWorkerData = { path, progress: onBytes !== undefined };
  const thread = new Worker(worker, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } });
  const inbox: (XesWorkerMessage | { readonly kind: 'stopped'; readonly why: string })[] = [];
  let arrived: (() => void) | undefined;
  const deliver = (m: (typeof inbox)[number]): void => {
    inbox.push(m);
    arrived?.();
    arrived = undefined;
  };
  thread.on('message', (m: XesWorkerMessage) => deliver(m));
  thread.on('error', (e) => deliver({ kind: 'stopped', why: e.message }));
  thread.on('exit', (code) => deliver({ kind: 'stopped', why: `exit code ${code}` }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (arrived = resolve));
      const m = inbox.shift() as (typeof inbox)[number];
      if (m.kind === 'done') return m.totals;
      if (m.kind === 'failed') throw new Error(m.message);
      if (m.kind === 'stopped') throw new Error(`the XES reader's worker thread stopped before the end of ${path} (${m.why})`);
      // Taken: the worker may read one batch further while these are recorded.
      thread.postMessage(null);
      if (m.bytes !== null) onBytes?.(m.bytes[0], m.bytes[1]);
      await onTraces(m.traces);
    }
  } finally {
    await thread.terminate();
  }
}
