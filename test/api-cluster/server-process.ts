/**
 * One API server process for the cluster test: it opens the store at LOCATION (an existing
 * database), builds the application over it (the machine's clock, random ids) and serves the API
 * on 127.0.0.1:PORT (0: any free port).
 *
 *   node --import tsx test/api-cluster/server-process.ts LOCATION --port N --files DIR
 *
 * It prints one JSON line, written with one synchronous write, once it listens:
 *   {"ready":true,"port":N}     the port it listens on
 *   {"error":MESSAGE}           it could not start (then it exits with 1)
 * On SIGTERM it stops accepting, finishes what is running, closes the application (which
 * checkpoints) and exits with 0. SIGKILL is what the test uses to crash it.
 */
import { writeSync } from 'node:fs';
import { randomIds } from '../../src/app/ids.js';
import { Proverka } from '../../src/app/proverka.js';
import { systemClock } from '../../src/domain/clock.js';
import { buildServer } from '../../src/http/server.js';
import { openStore } from '../../src/store/open-store.js';

function say(line: object): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const location = process.argv[2] ?? process.env['PROVERKA_DB'];
  const filesDir = option('--files') ?? process.env['PROVERKA_FILES'];
  const port = Number(option('--port') ?? process.env['PORT'] ?? 0);
  if (location === undefined || location.startsWith('--') || filesDir === undefined || !Number.isInteger(port)) {
    throw new Error('usage: server-process.ts LOCATION --port N --files DIR');
  }
  const store = await openStore({ location, mode: 'open' });
  const app = new Proverka({ store, clock: systemClock, ids: randomIds });
  const server = await buildServer({ app, clock: systemClock, filesDir, logger: false });
  let stopping = false;
  process.on('SIGTERM', () => {
    if (stopping) return;
    stopping = true;
    void server
      .close()
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          say({ error: `closing: ${String(error)}` });
          process.exit(1);
        },
      );
  });
  await server.listen({ host: '127.0.0.1', port });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error(`unexpected address ${String(address)}`);
  say({ ready: true, port: address.port });
}

main().catch((error: unknown) => {
  say({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  process.exit(1);
});
