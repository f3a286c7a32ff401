/**
 * Records the statements node-postgres sends while recording is on — every `client.query` with
 * its text, prepared-statement name and parameters, BEGIN and COMMIT included — so that the
 * benchmark can replay exactly the same statements, in the same transactions, on one raw `pg`
 * connection with no application in between. The PostgreSQL counterpart of sql-recorder.ts.
 */
import pg from 'pg';

/** One recorded statement. */
export interface RecordedQuery {
  readonly text: string;
  readonly name?: string;
  readonly values?: readonly unknown[];
}

let recording: RecordedQuery[] | null = null;

type QueryFn = (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) => unknown;

/** Wraps `Client.prototype.query` (pools make their clients from pg.Client); returns the function that puts it back. */
function install(): () => void {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const query = proto.query;
  proto.query = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown): unknown {
    if (recording !== null) {
      if (typeof config === 'string') recording.push({ text: config, ...(Array.isArray(values) ? { values: [...(values as unknown[])] } : {}) });
      else if (config !== null && typeof config === 'object' && typeof (config as { submit?: unknown }).submit !== 'function') {
        const c = config as { text: string; name?: string; values?: unknown[] };
        const v = c.values ?? (Array.isArray(values) ? (values as unknown[]) : undefined);
        recording.push({ text: c.text, ...(c.name !== undefined ? { name: c.name } : {}), ...(v !== undefined ? { values: [...v] } : {}) });
      }
    }
    return query.call(this, config, values, callback);
  };
  return () => {
    proto.query = query;
  };
}

/** Runs `fn` and returns every statement sent meanwhile; the wrapper is removed afterwards. */
export async function recordQueries(fn: () => Promise<void>): Promise<RecordedQuery[]> {
  const uninstall = install();
  const queries: RecordedQuery[] = [];
  recording = queries;
  try {
    await fn();
  } finally {
    recording = null;
    uninstall();
  }
  return queries;
}

/** How many statements have been recorded so far (to cut a recording into phases). */
export function queriesSoFar(): number {
  return recording?.length ?? 0;
}

/** Replays recorded statements on one raw connection, one after another; returns the seconds it took. */
export async function replayQueries(client: pg.Client, queries: readonly RecordedQuery[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (const q of queries) {
    await client.query({ text: q.text, ...(q.name !== undefined ? { name: q.name } : {}), ...(q.values !== undefined ? { values: [...q.values] } : {}) });
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
