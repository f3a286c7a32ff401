/**
 * Records the writes better-sqlite3 executes while recording is on — every `run` of a prepared
 * statement and every `exec` (BEGIN, COMMIT) — so that the benchmark can replay exactly the same
 * writes, in the same transactions, with raw better-sqlite3 and no application in between.
 */
import BetterSqlite3 from 'better-sqlite3';

/** One recorded write: SQL text and its parameters, or a bare `exec`. */
export type RecordedWrite = { readonly sql: string; readonly params: unknown } | { readonly exec: string };

let recording: RecordedWrite[] | null = null;

/** Wraps prepare and exec to record; returns the function that puts the originals back. */
function install(): () => void {
  const proto = BetterSqlite3.prototype as unknown as {
    prepare: (sql: string) => BetterSqlite3.Statement;
    exec: (sql: string) => unknown;
  };
  const prepare = proto.prepare;
  proto.prepare = function (this: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
    const stmt = prepare.call(this, sql);
    const run = stmt.run.bind(stmt);
    (stmt as unknown as { run: (...a: unknown[]) => unknown }).run = (...params: unknown[]) => {
      recording?.push({ sql, params: params.length === 1 ? params[0] : params });
      return run(...(params as []));
    };
    return stmt;
  };
  const exec = proto.exec;
  proto.exec = function (this: BetterSqlite3.Database, sql: string): unknown {
    recording?.push({ exec: sql });
    return exec.call(this, sql);
  };
  return () => {
    proto.prepare = prepare;
    proto.exec = exec;
  };
}

/**
 * Runs `fn` and returns what it wrote. Only connections opened inside `fn` are recorded, and the
 * wrappers are removed afterwards, so that raw baselines run on unwrapped better-sqlite3.
 */
export async function recordWrites(fn: () => Promise<void>): Promise<RecordedWrite[]> {
  const uninstall = install();
  const writes: RecordedWrite[] = [];
  recording = writes;
  try {
    await fn();
  } finally {
    recording = null;
    uninstall();
  }
  return writes;
}

/** How many writes have been recorded so far (to cut a recording into phases). */
export function recordedSoFar(): number {
  return recording?.length ?? 0;
}

/** Replays recorded writes on a raw connection; returns the seconds it took. */
export function replayWrites(db: BetterSqlite3.Database, writes: readonly RecordedWrite[]): number {
  const statements = new Map<string, BetterSqlite3.Statement>();
  const t0 = process.hrtime.bigint();
  for (const w of writes) {
    if ('exec' in w) {
      db.exec(w.exec);
      continue;
    }
    let stmt = statements.get(w.sql);
    if (stmt === undefined) statements.set(w.sql, (stmt = db.prepare(w.sql)));
    stmt.run(w.params);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
