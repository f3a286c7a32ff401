/**
 * `proverka webhook add|list|remove|log` and `proverka notify digest` through the command line, on
 * each back end, over the small database: the secret is printed once and signs what a dispatcher
 * then sends; a removed subscription is listed only with --all; bad input is one line and exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.js';
import { DispatcherPass } from '../../src/jobs/notify/dispatcher.js';
import { verifyWebhook } from '../../src/jobs/notify/webhooks.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/port.js';
import { backends } from '../support/backends.js';
import { cliBackend } from '../cli/databases.js';
import { runCli } from '../cli/run-cli.js';
import { buildSmallDatabase, SMALL } from '../cli/small-db.js';
import { startReceiver, type Receiver } from './receiver.js';

const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  const cli = cliBackend(backend);

  describe(`[${backend.name}] proverka webhook`, () => {
    let db: string;
    let receiver: Receiver;

    beforeAll(async () => {
      db = cli.newLocation();
      await buildSmallDatabase(db);
      receiver = await startReceiver();
    }, 120_000);
    afterAll(async () => {
      await receiver?.close();
    });

    async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
      const store = await openStore({ location: db, mode: 'open' });
      try {
        return await fn(store);
      } finally {
        await store.close();
      }
    }

    it('add prints the secret once; list shows the subscription without it; the secret signs what is sent', async () => {
      const add = await runCli(['webhook', 'add', receiver.url, '--events', 'assignment.escalated,assignment.*', '--db', db]);
      expect(add.code, add.stderr).toBe(0);
      const secret = add.stdout.trim();
      expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      const id = /added the webhook (whk_[0-9a-f]+)/.exec(add.stderr)?.[1];
      expect(id).toBeDefined();

      const list = await runCli(['webhook', 'list', '--json', '--db', db]);
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).not.toContain(secret);
      expect(JSON.parse(list.stdout)).toEqual([{ id, url: receiver.url, eventTypes: ['assignment.escalated', 'assignment.*'], active: true, createdAt: expect.any(String) as string }]);

      // A case moves: the dispatcher signs its webhook with that secret.
      await withStore(async (store) => {
        await store.write((tx) => tx.notify({ channel: 'webhook', event: 'assignment.escalated', at: SMALL.asOf, data: { assignmentId: SMALL.late } }));
        const pass = new DispatcherPass({ outbox: store.outbox, clock: new ManualClock(Date.parse(SMALL.asOf)), worker: 'cli-test' });
        expect((await pass.tick()).sent).toBe(1);
      });
      const [req] = receiver.requests;
      expect(verifyWebhook(secret, String(req?.headers['x-proverka-timestamp']), req?.body ?? '', String(req?.headers['x-proverka-signature']))).toBe(true);

      const log = await runCli(['webhook', 'log', '--db', db]);
      expect(log.code, log.stderr).toBe(0);
      expect(log.stdout).toMatch(/#1 {2}delivered {2}204/);

      const remove = await runCli(['webhook', 'remove', id ?? '', '--db', db]);
      expect(remove.code, remove.stderr).toBe(0);
      expect((await runCli(['webhook', 'list', '--db', db])).stdout).toMatch(/^no webhooks/);
      expect((await runCli(['webhook', 'list', '--all', '--db', db])).stdout).toContain(`${id}  removed`);
      const again = await runCli(['webhook', 'remove', id ?? '', '--db', db]);
      expect(again.code).toBe(2);
      expect(again.errLines).toEqual([`proverka: no active webhook with the id ${id}`]);
    });

    it('refuses a URL that is not http(s) or carries credentials, and malformed event types, in one line with exit 2', async () => {
      const runs = await Promise.all([
        runCli(['webhook', 'add', 'ftp://example.org/x', '--db', db]),
        runCli(['webhook', 'add', 'https://user:pw@example.org/x', '--db', db]),
        runCli(['webhook', 'add', 'https://example.org/x', '--events', 'Assignment Escalated', '--db', db]),
      ]);
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(2);
        expect(r.errLines).toHaveLength(1);
      }
    });

    it('notify digest on|off sets the choice; an unknown person is refused', async () => {
      const on = await runCli(['notify', 'digest', SMALL.people.clerk, 'on', '--db', db]);
      expect(on.code, on.stderr).toBe(0);
      expect(await withStore((s) => s.outbox.digestChosen(SMALL.people.clerk))).toBe(true);
      const off = await runCli(['notify', 'digest', SMALL.people.clerk, 'off', '--db', db]);
      expect(off.code, off.stderr).toBe(0);
      expect(await withStore((s) => s.outbox.digestChosen(SMALL.people.clerk))).toBe(false);
      const unknown = await runCli(['notify', 'digest', 'per_nobody', 'on', '--db', db]);
      expect(unknown.code).toBe(2);
      expect(unknown.errLines).toEqual(['proverka: no person with the id per_nobody']);
    });
  });
}
