/**
 * The PostgreSQL write driver: each transaction on a client of its own from the pool, in READ
 * COMMITTED (a lost race shows as a unique violation on `(stream_id, seq)`, never as a fork), with
 * statements prepared once per connection under a name derived from their text.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SqlConnection, TransactionStart, WriteDriver } from '../driver.js';

const names = new Map<string, string>();

/** A stable name for a statement's text, so that each connection prepares it once. */
function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `p${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    names.set(sql, name);
  }
  return name;
}

function connection(client: pg.PoolClient): SqlConnection {
  return {
    all: async <R>(sql: string, parameters: readonly unknown[]): Promise<R[]> =>
      (await client.query<R & pg.QueryResultRow>({ name: statementName(sql), text: sql, values: [...parameters] })).rows,
    run: async (sql: string, parameters: readonly unknown[]): Promise<void> => {
      await client.query({ name: statementName(sql), text: sql, values: [...parameters] });
    },
    // node-postgres reads a result whole; the rows are handed over one by one all the same.
    each: async <R>(sql: string, parameters: readonly unknown[], onRow: (row: R) => void): Promise<void> => {
      for (const row of (await client.query<R & pg.QueryResultRow>({ name: statementName(sql), text: sql, values: [...parameters] })).rows) onRow(row);
    },
  };
}

/** A write driver over a pool of PostgreSQL connections. */
export class PgWriteDriver implements WriteDriver {
  /** Many connections write at once: every transaction begins an epoch of its own. */
  readonly seesOtherWriters = false;
  private epoch = 0;

  constructor(private readonly pool: pg.Pool) {}

  async transaction<T>(fn: (connection: SqlConnection, start: TransactionStart) => Promise<T>, afterCommit?: () => void): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(connection(client), { epoch: ++this.epoch });
      await client.query('COMMIT');
      afterCommit?.();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
