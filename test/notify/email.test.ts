/**
 * E-mail notifications on both back ends: written in the command's transaction (none for a refused
 * command or a rolled-back transaction), sent by the dispatcher to a real SMTP server started here,
 * and read back from what the server received.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderEmail, smtpConfigFromEnv } from '../../src/jobs/notify/mailer.js';
import { notifierLogLine, startNotifier } from '../../src/jobs/notify/notifier.js';
import type { KyselyStore } from '../../src/store/kysely-store.js';
import { backends } from '../support/backends.js';
import { HOUR, ORG, run, type World } from '../support/world.js';
import { dispatcher, issueToOwner, MAIL, notifyWorld, sinkMailer } from './notify-world.js';
import { parseMail, startSmtpSink, type SmtpSink } from './smtp-sink.js';

const BACKENDS = backends();
for (const b of BACKENDS) b.newLocation();

describe('rendering', () => {
  it('escapes every character of the content in the HTML part and keeps the subject on one line', () => {
    const r = renderEmail({ subject: 'A <b>bold</b>\r\nsubject', body: 'Line one & "two"\nline <three>\n\nSecond paragraph' });
    expect(r.subject).toBe('A <b>bold</b> subject');
    expect(r.html).toContain('<p>Line one &amp; &quot;two&quot;<br>line &lt;three&gt;</p>');
    expect(r.html).toContain('<p>Second paragraph</p>');
    expect(r.html).not.toContain('<three>');
    expect(r.text.startsWith('Line one & "two"\nline <three>\n\nSecond paragraph\n\n-- \n')).toBe(true);
  });
});

describe('configuration', () => {
  it('reads the SMTP server from PROVERKA_SMTP_* and refuses a bad value', () => {
    expect(smtpConfigFromEnv({})).toBeUndefined();
    expect(smtpConfigFromEnv({ PROVERKA_SMTP_HOST: 'mail.example.org', PROVERKA_SMTP_USER: 'u', PROVERKA_SMTP_PASSWORD: 'p', PROVERKA_SMTP_FROM: 'Proverka <p@example.org>' })).toEqual({
      host: 'mail.example.org',
      port: 587,
      secure: false,
      auth: { user: 'u', pass: 'p' },
      from: 'Proverka <p@example.org>',
      starttls: 'opportunistic',
      timeoutMs: 30_000,
    });
    expect(smtpConfigFromEnv({ PROVERKA_SMTP_HOST: 'mail.example.org', PROVERKA_SMTP_SECURE: 'true' })).toMatchObject({ port: 465, secure: true, from: 'Proverka <proverka@mail.example.org>' });
    expect(() => smtpConfigFromEnv({ PROVERKA_SMTP_HOST: 'mail.example.org', PROVERKA_SMTP_PORT: 'twenty-five' })).toThrow();
    expect(() => smtpConfigFromEnv({ PROVERKA_SMTP_HOST: 'mail.example.org', PROVERKA_SMTP_STARTTLS: 'maybe' })).toThrow();
  });
});

for (const backend of BACKENDS) {
  describe(`[${backend.name}] e-mail notifications`, () => {
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

    it('an escalation e-mails the person it went to and the controller; the SMTP server receives them', async () => {
      const id = await issueToOwner(w, 'Buy <meat> & fish');
      w.clock.advance(HOUR);
      await run(w, MAIL.owner.id, { type: 'assignment.escalate', assignmentId: id, toId: MAIL.target.id, reason: 'the supplier does not answer' });

      const queued = await w.store.outbox.messages({ channel: 'email' });
      expect(queued.map((m) => [m.topic, m.recipient, m.kind, m.status]).sort()).toEqual([
        ['assignment.escalated', MAIL.controller.email, 'immediate', 'pending'],
        ['assignment.escalated', MAIL.target.email, 'immediate', 'pending'],
        ['assignment.issued', MAIL.owner.email, 'digest-eligible', 'pending'],
      ]);

      const mailer = sinkMailer(sink.port);
      const report = await dispatcher(w, { mailer, webhooks: false }).tick();
      mailer.close();
      expect(report).toEqual({ claimed: 3, sent: 3, retried: 0, failed: 0, cancelled: 0 });

      expect(sink.received).toHaveLength(3);
      const toTarget = sink.received.find((r) => r.rcptTo.includes(MAIL.target.email));
      expect(toTarget).toBeDefined();
      const mail = parseMail(toTarget?.raw ?? '');
      expect(mail.headers.get('to')).toBe(MAIL.target.email);
      expect(mail.headers.get('from')).toBe('Proverka <proverka@example.org>');
      expect(mail.headers.get('subject')).toBe('Escalated (level 1): Buy <meat> & fish');
      const lines = mail.text.split(/\r?\n/);
      expect(lines).toContain('The assignment was escalated to level 1. Reason: the supplier does not answer');
      expect(lines).toContain(`Assignment: Buy <meat> & fish (${id})`);
      expect(mail.html).toContain('Assignment: Buy &lt;meat&gt; &amp; fish');
      const toTargetRow = queued.find((m) => m.recipient === MAIL.target.email);
      expect(mail.headers.get('x-proverka-delivery')).toBe(toTargetRow?.id);
      expect(mail.headers.get('message-id')).toBe(`<${toTargetRow?.id}@example.org>`);
      expect(parseMail(sink.received.find((r) => r.rcptTo.includes(MAIL.controller.email))?.raw ?? '').headers.get('subject')).toBe('Escalated (level 1): Buy <meat> & fish');

      const log = await w.store.outbox.deliveries();
      expect(log.map((d) => [d.attempt, d.outcome, d.statusCode])).toEqual([
        [1, 'delivered', 250],
        [1, 'delivered', 250],
        [1, 'delivered', 250],
      ]);
      expect((await w.store.outbox.messages({ status: 'sent' })).length).toBe(3);
      // Nothing is due any more.
      expect((await dispatcher(w, { mailer: sinkMailer(sink.port), webhooks: false }).tick()).claimed).toBe(0);
    });

    it('a refused command, and a transaction that rolls back, leave no message; a committed one leaves it', async () => {
      const id = await issueToOwner(w);
      const before = (await w.store.outbox.messages()).length;
      // The clerk is no party of the case: refused, nothing written.
      const refused = await w.app.execute(ORG.people.clerk, { type: 'assignment.escalate', assignmentId: id, toId: MAIL.target.id, reason: 'why not' });
      expect(refused.ok).toBe(false);
      expect(await w.store.outbox.messages()).toHaveLength(before);

      const email = { channel: 'email', kind: 'immediate', topic: 'test', personId: null, to: 'someone@example.org', subject: 'S', body: 'B', at: '2022-03-01T10:00:00.000Z' } as const;
      await expect(
        w.store.write(async (tx) => {
          expect(await tx.notify(email)).toBe(1);
          throw new Error('the command failed after notifying');
        }),
      ).rejects.toThrow('the command failed after notifying');
      expect(await w.store.outbox.messages()).toHaveLength(before);

      await w.store.write((tx) => tx.notify(email));
      const after = await w.store.outbox.messages();
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)?.recipient).toBe('someone@example.org');
    });

    it('no e-mail to the actor themselves, nor to a person without an address', async () => {
      // The owner escalates to a body, and the controller is the actor: nobody else has an address.
      const id = await issueToOwner(w);
      await run(w, MAIL.controller.id, { type: 'assignment.escalate', assignmentId: id, toId: ORG.bodies.sto, reason: 'to the body' });
      const escalations = (await w.store.outbox.messages({ channel: 'email' })).filter((m) => m.topic === 'assignment.escalated');
      expect(escalations).toEqual([]);
    });

    it('an SMTP server that refuses the recipient for good (550): failed after one attempt, logged with its code', async () => {
      const refusing = await startSmtpSink({ reject: 550 });
      try {
        await issueToOwner(w);
        const mailer = sinkMailer(refusing.port);
        const report = await dispatcher(w, { mailer, webhooks: false }).tick();
        mailer.close();
        expect(report).toMatchObject({ claimed: 1, sent: 0, failed: 1 });
        const [m] = await w.store.outbox.messages({ channel: 'email' });
        expect(m?.status).toBe('failed');
        const log = await w.store.outbox.deliveries(m?.id);
        expect(log).toHaveLength(1);
        expect(log[0]).toMatchObject({ attempt: 1, outcome: 'failed', statusCode: 550 });
        expect(refusing.received).toHaveLength(0);
      } finally {
        await refusing.close();
      }
    });

    it('the notifier loop (what serve and worker run) sends what is due and stops cleanly', async () => {
      await issueToOwner(w);
      const lines: Record<string, unknown>[] = [];
      const notifier = startNotifier({ outbox: w.store.outbox, clock: w.clock, worker: 'loop', intervalMs: 10, env: { PROVERKA_SMTP_HOST: '127.0.0.1', PROVERKA_SMTP_PORT: String(sink.port), PROVERKA_SMTP_STARTTLS: 'never' }, onEvent: (e) => lines.push(notifierLogLine('loop', e)) });
      expect(notifier.email).toBe(true);
      for (let i = 0; i < 500 && sink.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      await notifier.stop();
      expect(sink.received).toHaveLength(1);
      expect(parseMail(sink.received[0]?.raw ?? '').headers.get('from')).toBe('Proverka <proverka@127.0.0.1>');
      expect(lines).toContainEqual(expect.objectContaining({ level: 'info', event: 'notify-sent', worker: 'loop', channel: 'email', attempt: 1 }));
      expect(JSON.stringify(lines)).not.toContain(MAIL.owner.email);
    });

    it('without a mailer, e-mails stay pending for a dispatcher that has one', async () => {
      await issueToOwner(w);
      expect((await dispatcher(w).tick()).claimed).toBe(0);
      const mailer = sinkMailer(sink.port);
      expect((await dispatcher(w, { mailer }).tick()).sent).toBe(1);
      mailer.close();
      expect(sink.received).toHaveLength(1);
    });
  });
}
