/**
 * A throw-away PostgreSQL primary and its streaming replica for the replica test: initdb on a free
 * port (wal_level=replica, replication allowed from 127.0.0.1 with trust), pg_basebackup -R into a
 * second folder, started on a second free port. PostgreSQL refuses to run as root, so when the
 * tests run as root the server programs run as the `postgres` user, in a folder that user owns.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where the PostgreSQL server programs are (PROVERKA_PG_BIN, or Debian's place for version 15). */
export const PG_BIN = process.env['PROVERKA_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

/** True when the server programs the clusters need are there. */
export function canBuildClusters(): boolean {
  return ['initdb', 'pg_ctl', 'pg_basebackup', 'postgres'].every((p) => existsSync(join(PG_BIN, p)));
}

const asRoot = process.getuid?.() === 0;

/** Runs a server program, as the `postgres` user when we are root. */
async function pgRun(program: string, args: readonly string[]): Promise<string> {
  const file = join(PG_BIN, program);
  const { stdout } = asRoot ? await run('runuser', ['-u', 'postgres', '--', file, ...args]) : await run(file, [...args]);
  return stdout;
}

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `check` every 50 ms until it is true; fails naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      last = error instanceof Error ? error.message : JSON.stringify(error);
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : ` (last error: ${last})`}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs one query on a server and returns its rows. */
export async function query<R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A running primary and replica. */
export interface Clusters {
  readonly primaryPort: number;
  readonly replicaPort: number;
  /** The URL of a database on the primary / on the replica. */
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Stops the replica at once (as a crash would). */
  stopReplica(): Promise<void>;
  /** Stops both servers at once and removes their folders; safe to call more than once, and after a failed start. */
  destroy(): Promise<void>;
}

/** Builds and starts a primary and a streaming replica of it; waits until the replica streams. */
export async function startClusters(): Promise<Clusters> {
  const root = mkdtempSync(join(tmpdir(), 'proverka-replica-'));
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const stop = async (dir: string): Promise<void> => {
    if (existsSync(join(dir, 'postmaster.pid'))) await pgRun('pg_ctl', ['stop', '-D', dir, '-m', 'immediate', '-w']).catch(() => undefined);
  };
  const destroy = async (): Promise<void> => {
    await stop(replicaDir);
    await stop(primaryDir);
    rmSync(root, { recursive: true, force: true });
  };
  const start = async (dir: string, name: string): Promise<void> => {
    try {
      await pgRun('pg_ctl', ['start', '-D', dir, '-l', join(root, `${name}.log`), '-w', '-t', '30']);
    } catch (error) {
      const log = existsSync(join(root, `${name}.log`)) ? readFileSync(join(root, `${name}.log`), 'utf8').slice(-2000) : '';
      throw new Error(`the ${name} did not start: ${String(error)}\n${log}`);
    }
  };
  try {
    if (asRoot) {
      const ids = async (flag: string): Promise<number> => Number((await run('id', [flag, 'postgres'])).stdout.trim());
      chownSync(root, await ids('-u'), await ids('-g'));
    }
    const [primaryPort, replicaPort] = [await freePort(), await freePort()];
    await pgRun('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions']);
    appendFileSync(
      join(primaryDir, 'postgresql.conf'),
      [
        `port = ${primaryPort}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${root}'`,
        'wal_level = replica',
        'max_wal_senders = 4',
        'hot_standby = on',
        // A test server: speed over durability.
        'fsync = off',
        'shared_buffers = 32MB',
        '',
      ].join('\n'),
    );
    appendFileSync(join(primaryDir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
    await start(primaryDir, 'primary');
    await pgRun('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast']);
    appendFileSync(join(replicaDir, 'postgresql.conf'), `port = ${replicaPort}\n`);
    await start(replicaDir, 'replica');
    const server = (port: number) => (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    const clusters: Clusters = {
      primaryPort,
      replicaPort,
      primaryUrl: server(primaryPort),
      replicaUrl: server(replicaPort),
      stopReplica: () => stop(replicaDir),
      destroy,
    };
    await waitFor('the replica to stream from the primary', async () => {
      const rows = await query<{ n: number }>(clusters.primaryUrl('postgres'), "select count(*)::int as n from pg_stat_replication where state = 'streaming'");
      return (rows[0]?.n ?? 0) > 0;
    });
    return clusters;
  } catch (error) {
    await destroy();
    throw error;
  }
}
