/**
 * The XES reader's worker thread, started by read-xes-in-worker.ts: it reads the log named in its
 * workerData (gunzip, scan, build each trace as the import takes it, its events as the table the
 * record keeps) and posts the traces in
 * batches, never more than BATCHES_AHEAD batches ahead of those the starting thread has taken (each
 * take is a message back), so that a log of any size is read in bounded memory while the starting
 * thread records what came before.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readXes } from './read-xes.js';
import { importedEvent, traceToImportAsTable, type TraceToImport } from './xes-import.js';
import { BATCH_EVENTS, BATCH_TRACES, BATCHES_AHEAD, type XesWorkerData, type XesWorkerMessage } from './xes-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('xes-reader-worker.ts runs as a worker thread (read-xes-in-worker.ts starts it)');
const { path, progress } = workerData as XesWorkerData;

let credits = BATCHES_AHEAD;
let creditCame: (() => void) | undefined;
port.on('message', () => {
  credits++;
  creditCame?.();
  creditCame = undefined;
});

const send = (message: XesWorkerMessage): void => port.postMessage(message);

let batch: TraceToImport[] = [];
let batchEvents = 0;
let bytes: readonly [number, number] | null = null;

async function sendBatch(): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (creditCame = resolve));
  credits--;
  send({ kind: 'traces', traces: batch, bytes });
  batch = [];
  batchEvents = 0;
}

try {
  const totals = await readXes(
    path,
    async (trace) => {
      batch.push(traceToImportAsTable(trace));
      batchEvents += trace.events.length;
      if (batch.length >= BATCH_TRACES || batchEvents >= BATCH_EVENTS) await sendBatch();
    },
    progress ? { makeEvent: importedEvent, onBytes: (read, size) => (bytes = [read, size]) } : { makeEvent: importedEvent },
  );
  if (batch.length > 0) await sendBatch();
  send({ kind: 'done', totals });
} catch (error) {
  send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
}
// The starting thread ends this one once it has the last message.
