/**
 * The daily digest on both back ends: a person who chose it gets a day's digest-eligible e-mails as
 * one e-mail once the day has ended, delivered to a real SMTP server; escalations still go out at
 * once; each held message goes into exactly one digest.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDigests } from '../../src/jobs/notify/digest.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { HOUR, ORG, run, START, type World } from '../support/world.js';
import { dispatcher, issueToOwner, MAIL, notifyWorld, sinkMailer } from './notify-world.js';
import { parseMail, startSmtpSink, type SmtpSink } from './smtp-sink.js';

const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

for (const backend of BACKENDS) {
  describe(`[${backend.name}] the daily digest`, () => {
    let w: World<KyselyStore>;
    let sink: SmtpSink;
    beforeEach(async () => {
      w = await notifyWorld(await backend.fresh());
      sink = await startSmtpSink();
    });
    afterEach(async () => {
      await sink.close();
      await w.store.close().catch(() => undefined);
    });

    it("groups a person's digest-eligible e-mails of a day into one e-mail, sent once the day ended; escalations go at once", async () => {
      await w.store.outbox.setDigest(MAIL.owner.id, true, '2022-03-01T08:00:00.000Z');
      expect(await w.store.outbox.digestChosen(MAIL.owner.id)).toBe(true);
      expect(await w.store.outbox.digestChosen(MAIL.controller.id)).toBe(false);

      // Day 1 (2022-03-01): three new cases for the owner, one of them escalated to the target by the owner.
      const first = await issueToOwner(w, 'Buy the canned meat');
      w.clock.advance(HOUR);
      await issueToOwner(w, 'Ship the canned meat');
      w.clock.advance(HOUR);
      await issueToOwner(w, 'Pay for the canned meat');
      await run(w, MAIL.owner.id, { type: 'assignment.escalate', assignmentId: first, toId: MAIL.target.id, reason: 'no supplier' });
      // The controller did not choose the digest: a case handed to them is e-mailed at once.
      await run(w, ORG.people.secretary, { type: 'assignment.issue', decisionId: ORG.decision, title: 'Count the cans', definitionOfDone: 'Counted', deadline: '2022-03-20T00:00:00.000Z', ownerId: MAIL.controller.id, verifierId: ORG.people.tsiurupa });

      expect((await w.store.outbox.messages({ status: 'held' })).map((m) => m.recipient)).toEqual([MAIL.owner.email, MAIL.owner.email, MAIL.owner.email]);

      const mailer = sinkMailer(sink.port);
      try {
        // Still day 1: the escalation e-mails and the controller's case go out; the owner's stay held.
        const day1 = dispatcher(w, { mailer, webhooks: false });
        expect(await day1.drain()).toBe(3);
        expect(sink.received.flatMap((r) => r.rcptTo).sort()).toEqual([MAIL.controller.email, MAIL.controller.email, MAIL.target.email]);
        expect(await w.store.outbox.messages({ status: 'held' })).toHaveLength(3);

        // Day 2: one more case for the owner, then the next dispatcher pass writes day 1's digest.
        w.clock.set(Date.parse('2022-03-02T10:00:00.000Z'));
        await issueToOwner(w, 'Store the canned meat');
        const day2 = dispatcher(w, { mailer, webhooks: false });
        expect(await day2.drain()).toBe(1);
        expect(sink.received).toHaveLength(4);
        const digest = parseMail(sink.received[3]?.raw ?? '');
        expect(digest.headers.get('to')).toBe(MAIL.owner.email);
        expect(digest.headers.get('subject')).toBe('Proverka digest for 2022-03-01: 3 notices');
        const lines = digest.text.split(/\r?\n/);
        expect(lines).toContain('Your 3 notices of 2022-03-01:');
        expect(lines).toContain('1. New assignment: Buy the canned meat');
        expect(lines).toContain('2. New assignment: Ship the canned meat');
        expect(lines).toContain('3. New assignment: Pay for the canned meat');
        expect(lines.filter((l) => l === 'You were made the owner of this assignment.')).toHaveLength(3);

        const digested = await w.store.outbox.messages({ status: 'digested' });
        expect(digested).toHaveLength(3);
        const [digestRow] = (await w.store.outbox.messages({ status: 'sent' })).filter((m) => m.kind === 'digest');
        expect(digested.every((m) => m.digestId === digestRow?.id)).toBe(true);
        // Day 2's message waits for day 2's digest; running the digest again writes nothing more.
        expect(await w.store.outbox.messages({ status: 'held' })).toHaveLength(1);
        expect(await runDigests(w.store.outbox, w.clock.now())).toEqual([]);

        // Day 3: day 2's digest, with its one notice.
        w.clock.set(Date.parse('2022-03-03T00:05:00.000Z'));
        expect(await dispatcher(w, { mailer, webhooks: false }).drain()).toBe(1);
        const second = parseMail(sink.received[4]?.raw ?? '');
        expect(second.headers.get('subject')).toBe('Proverka digest for 2022-03-02: 1 notice');
        expect(sink.received).toHaveLength(5);
        expect(await w.store.outbox.messages({ status: 'held' })).toHaveLength(0);
      } finally {
        mailer.close();
      }
    });

    it('two digests at once: each held message goes into exactly one', async () => {
      await w.store.outbox.setDigest(MAIL.owner.id, true, '2022-03-01T08:00:00.000Z');
      for (let i = 0; i < 10; i++) await issueToOwner(w, `Case ${i}`);
      const next = START + 24 * HOUR;
      const [a, b] = await Promise.all([runDigests(w.store.outbox, next), runDigests(w.store.outbox, next)]);
      expect(a.length + b.length).toBe(1);
      const digested = await w.store.outbox.messages({ status: 'digested' });
      expect(digested).toHaveLength(10);
      expect(new Set(digested.map((m) => m.digestId)).size).toBe(1);
      // Turning the digest off: the next case is e-mailed at once.
      await w.store.outbox.setDigest(MAIL.owner.id, false, '2022-03-02T08:00:00.000Z');
      await issueToOwner(w, 'Not held');
      const last = (await w.store.outbox.messages({ channel: 'email' })).filter((m) => m.channel === 'email' && m.content.subject === 'New assignment: Not held');
      expect(last.map((m) => m.status)).toEqual(['pending']);
    });
  });
}
