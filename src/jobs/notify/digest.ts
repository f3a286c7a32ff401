/**
 * The optional daily digest: a person who chose it gets their digest-eligible e-mails of a day as
 * one e-mail, once that (UTC) day has ended. Messages that are not digest-eligible (an escalation)
 * still go out at once. The store takes each held message into exactly one digest.
 */
import { toInstant } from '../../domain/time.js';
import type { EmailContent, HeldGroup, OutboxItem, OutboxStore } from '../../store/outbox.js';

const DAY_MS = 86_400_000;

/** The start (ms) of the UTC day of `now`. */
export function dayStart(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** One digest e-mail: a subject naming the day and the count, then each message's subject and text. */
export function composeDigest(group: HeldGroup): EmailContent {
  const n = group.items.length;
  const parts = group.items.map((i, k) => [`${k + 1}. ${i.content.subject}`, i.content.body].join('\n\n'));
  return {
    subject: `Proverka digest for ${group.day}: ${n} ${n === 1 ? 'notice' : 'notices'}`,
    body: [`Your ${n} ${n === 1 ? 'notice' : 'notices'} of ${group.day}:`, ...parts].join('\n\n'),
  };
}

/** Writes the digests of every held message from a day that ended before `now` (UTC): one e-mail per person per day. */
export function runDigests(outbox: OutboxStore, now: number): Promise<OutboxItem[]> {
  return outbox.digest(toInstant(dayStart(now)), toInstant(now), composeDigest);
}
