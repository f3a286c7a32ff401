/**
 * The write load of the cluster test: client loops issue assignments over real HTTP, spread
 * round-robin over the servers that are up, each request with its own Idempotency-Key and a title
 * of its own, until a given number are acknowledged (201). A request without an answer (its
 * server was killed, or it refused the connection) or answered 409 (a race to retry) is sent again
 * with the same key to the next server: a retry must replay, never create a second assignment.
 */
import type { ServerProcess } from './server-processes.js';

/** One acknowledged write: the key's number, and what the server answered. */
export interface Ack {
  readonly n: number;
  readonly id: string;
  readonly title: string;
  /** True when the answer was a replay of an earlier attempt (Idempotent-Replayed). */
  readonly replayed: boolean;
}

/** What the load did. */
export interface LoadReport {
  /** Acknowledged writes by key number. */
  readonly acks: Map<number, Ack>;
  /** Sends after the first, of any key. */
  retries: number;
  /** Attempts that got no answer (connection refused or reset). */
  unanswered: number;
  /** Attempts answered 409 (a lost race or a key in flight). */
  conflicts: number;
  /** Answers that should never happen (5xx, 4xx other than 409), as `status code`. */
  readonly unexpected: string[];
}

/** What the load is told. */
export interface LoadPlan {
  /** The servers; a slot may be replaced (restarted) while the load runs. */
  readonly servers: ServerProcess[];
  readonly total: number;
  readonly clients: number;
  readonly path: string;
  readonly token: string;
  /** Prefix of the keys and titles, unique to the run. */
  readonly run: string;
  /** The body of write number n (its title must be `titleOf(n)`). */
  body(n: number): object;
  titleOf(n: number): string;
  /** Called after every acknowledgement, with the count so far (where the test kills a server). */
  onAck(count: number): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The most a key is tried before the load gives up on it (counted as unexpected). */
const MAX_TRIES = 50;

/** Runs the load to the end; never throws for a failed request (the report says). */
export async function runWriteLoad(plan: LoadPlan): Promise<LoadReport> {
  const report: LoadReport = { acks: new Map(), retries: 0, unanswered: 0, conflicts: 0, unexpected: [] };
  let next = 0;
  let turn = 0;
  const pick = (): ServerProcess | undefined => {
    for (let i = 0; i < plan.servers.length; i++) {
      const s = plan.servers[turn++ % plan.servers.length];
      if (s?.up === true) return s;
    }
    return undefined;
  };

  const one = async (n: number): Promise<void> => {
    const key = `${plan.run}-${n}`;
    const payload = JSON.stringify(plan.body(n));
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      if (tries > 0) report.retries += 1;
      const server = pick();
      const base = server?.url;
      if (base === undefined) {
        await sleep(50);
        continue;
      }
      let status: number;
      let text: string;
      let replayed: boolean;
      try {
        const res = await fetch(`${base}${plan.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${plan.token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: payload,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        replayed = res.headers.get('idempotent-replayed') === 'true';
        text = await res.text();
      } catch {
        report.unanswered += 1;
        continue;
      }
      if (status === 201) {
        const body = JSON.parse(text) as { id: string; title: string };
        report.acks.set(n, { n, id: body.id, title: body.title, replayed });
        plan.onAck(report.acks.size);
        return;
      }
      if (status === 409) {
        report.conflicts += 1;
        await sleep(5 + Math.random() * 20);
        continue;
      }
      report.unexpected.push(`${status} ${text.slice(0, 300)}`);
      if (status < 500) return;
    }
    report.unexpected.push(`key ${key}: no acknowledgement after ${MAX_TRIES} tries`);
  };

  await Promise.all(
    Array.from({ length: plan.clients }, async () => {
      while (next < plan.total) await one(next++);
    }),
  );
  return report;
}
