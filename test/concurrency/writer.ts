/**
 * A writer process for the crash and race tests: it opens the store at LOCATION, builds the
 * application over it (the machine's clock, random ids) and escalates the open assignments it finds,
 * one command at a time, choosing the assignment at random each time.
 *
 *   node --import tsx test/concurrency/writer.ts LOCATION [--count N] [--wait-go]
 *
 * It prints one JSON line per result, written with one synchronous write so that a line is either
 * whole or absent when the process is killed:
 *   {"ready":true}                                       the store is open (and, with --wait-go, it waits for "go" on stdin)
 *   {"ok":true,"stream":ID,"seq":N,"hash":H}             ONLY after `execute` returned ok: an acknowledged append
 *   {"ok":false,"stream":ID,"code":CODE}                 a refused command
 *   {"error":MESSAGE}                                    an exception (then it exits with 1)
 * It stops after N commands (--count) or on SIGTERM, then closes the application (which checkpoints).
 */
import { writeSync } from 'node:fs';
import { randomIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { systemClock } from '../../src/domain/clock.js';
import { openStore } from '../../src/store/open-store.js';
import { ESCALATION_TARGET, WRITER_ACTOR } from './writer-protocol.js';

function say(line: object): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function waitForGo(): Promise<void> {
  process.stdin.setEncoding('utf8');
  let seen = '';
  for await (const chunk of process.stdin) {
    seen += chunk as string;
    if (seen.includes('go\n')) return;
  }
  throw new Error('stdin closed before "go"');
}

async function main(): Promise<void> {
  const location = process.argv[2];
  if (location === undefined) throw new Error('usage: writer.ts LOCATION [--count N] [--wait-go]');
  const count = Number(option('--count') ?? Infinity);
  let stopping = false;
  process.on('SIGTERM', () => (stopping = true));

  const store = await openStore({ location, mode: 'open' });
  const app = new Proverka({ store, clock: systemClock, ids: randomIds });
  try {
    const streams = (await store.reads.assignments({ ownerId: WRITER_ACTOR, statuses: ['issued'], limit: 1000 })).map((a) => a.id);
    if (streams.length === 0) throw new Error('no open assignments to escalate');
    say({ ready: true });
    if (process.argv.includes('--wait-go')) await waitForGo();
    for (let done = 0; done < count && !stopping; done++) {
      // SQLite's driver is synchronous: without this the loop would never let SIGTERM in.
      await new Promise((resolve) => setImmediate(resolve));
      const stream = streams[Math.floor(Math.random() * streams.length)] as string;
      const r = await app.execute(WRITER_ACTOR, { type: 'assignment.escalate', assignmentId: stream, toId: ESCALATION_TARGET, reason: `raised by writer ${process.pid}` });
      if (r.ok) {
        const e = r.value.events[r.value.events.length - 1];
        if (e === undefined) throw new Error(`escalating ${stream} appended nothing`);
        say({ ok: true, stream: e.streamId, seq: e.seq, hash: e.hash });
      } else {
        say({ ok: false, stream, code: r.error.code });
      }
    }
  } finally {
    await app.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    process.exit(1);
  },
);
