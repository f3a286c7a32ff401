/**
 * A person's deadlines as an iCalendar (RFC 5545) feed, written with ical-generator. One VEVENT per
 * open case, a timed event AT the deadline instant (in UTC, so every client shows it at the right
 * local time; an all-day event would need a time zone to pick the day, and the deadline is an
 * instant, not a day). No DTEND: a deadline is a moment, and RFC 5545 ends such an event at its
 * start. UID `<assignmentId>@proverka`, stable across fetches, so a client updates the event when
 * the deadline moves. DTSTAMP and LAST-MODIFIED are the case's last event (not the time of the
 * fetch): the same record gives the same bytes. SEQUENCE counts the deadline's moves. STATUS is
 * CONFIRMED, or TENTATIVE while an extension is asked for. A display alarm the day before.
 * TRANSP:TRANSPARENT: a deadline does not make anyone busy.
 */
import ical, { ICalAlarmType, ICalEventStatus, ICalEventTransparency } from 'ical-generator';

/** One open case at its deadline, as the feed shows it. */
export interface FeedDeadline {
  readonly assignmentId: string;
  readonly title: string;
  readonly definitionOfDone: string;
  /** The deadline, an ISO-8601 instant. */
  readonly deadline: string;
  readonly status: string;
  readonly urgency: string;
  /** The person's parts in the case (owner, holder, verifier, controller, co-executor). */
  readonly roles: readonly string[];
  readonly decision: { readonly id: string; readonly number: string; readonly title: string };
  readonly holderName: string;
  readonly issuedAt: string;
  readonly lastEventAt: string;
  readonly deadlineChanges: number;
  readonly extensionPending: boolean;
}

/** What the feed is made of. */
export interface DeadlinesFeedInput {
  readonly personName: string;
  readonly deadlines: readonly FeedDeadline[];
  /** The link of a case (its API URL), when the server knows its public URL. */
  readonly caseUrl?: (assignmentId: string) => string;
}

/** How long a client should wait between two fetches, in seconds. */
export const FEED_REFRESH_SECONDS = 3_600;

/** The alarm: this many seconds before the deadline. */
export const ALARM_BEFORE_SECONDS = 86_400;

const STATUS_TEXT: Readonly<Record<string, string>> = {
  issued: 'issued, waiting to be accepted',
  in_progress: 'in progress',
  submitted: 'submitted, waiting for verification',
};

/** The UID of a case's event: stable for the life of the case. */
export function deadlineUid(assignmentId: string): string {
  return `${assignmentId}@proverka`;
}

/** The SUMMARY of a case's event. */
export function deadlineSummary(title: string): string {
  return `Due: ${title}`;
}

function decisionText(d: FeedDeadline['decision']): string {
  const named = [d.number, d.title].filter((s) => s !== '').join(' ');
  return named === '' ? d.id : `${named} (${d.id})`;
}

function description(d: FeedDeadline, url: string | undefined): string {
  return [
    `Case: ${d.title} (${d.assignmentId})`,
    `Decision: ${decisionText(d.decision)}`,
    `Your part: ${d.roles.join(', ')}`,
    `Status: ${STATUS_TEXT[d.status] ?? d.status}; with ${d.holderName} now`,
    `Deadline: ${d.deadline}${d.deadlineChanges > 0 ? ` (moved ${d.deadlineChanges} time${d.deadlineChanges === 1 ? '' : 's'})` : ''}${d.extensionPending ? '; an extension is asked for' : ''}`,
    ...(d.urgency === 'urgent' ? ['Urgent'] : []),
    `Definition of done: ${d.definitionOfDone}`,
    ...(url !== undefined ? [url] : []),
  ].join('\n');
}

/** The feed as iCalendar text (CRLF lines, folded at 75 octets by ical-generator). */
export function deadlinesCalendar(input: DeadlinesFeedInput): string {
  const calendar = ical({
    prodId: { company: 'Proverka', product: 'Deadlines', language: 'EN' },
    name: `Proverka: deadlines of ${input.personName}`,
    description: `The open cases of ${input.personName}, each at its deadline`,
    ttl: FEED_REFRESH_SECONDS,
  });
  for (const d of input.deadlines) {
    const url = input.caseUrl?.(d.assignmentId);
    const lastEvent = new Date(d.lastEventAt);
    calendar.createEvent({
      id: deadlineUid(d.assignmentId),
      start: new Date(d.deadline),
      summary: deadlineSummary(d.title),
      description: description(d, url),
      stamp: lastEvent,
      lastModified: lastEvent,
      created: new Date(d.issuedAt),
      sequence: d.deadlineChanges,
      status: d.extensionPending ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: [...d.roles, ...(d.urgency === 'urgent' ? ['urgent'] : [])].map((name) => ({ name })),
      ...(d.urgency === 'urgent' ? { priority: 1 } : {}),
      ...(url !== undefined ? { url } : {}),
      alarms: [{ type: ICalAlarmType.display, triggerBefore: ALARM_BEFORE_SECONDS, description: `Due tomorrow: ${d.title}` }],
    });
  }
  return calendar.toString();
}
