/**
 * The figures of one body's agenda after a simulated period (F7): how many items, how each
 * arrived — by the ladder (a case that climbed to this body at level 2) or with a full statement
 * (the question, two options, documents, who already tried) — and, checked item by item, how many
 * arrived by neither (which the rules forbid, so that figure must be 0); the share sent back, the
 * items per session and the time on the agenda (domain/agenda/body-load.ts).
 */
import { BODY_ESCALATION_LEVEL, type AgendaItemState } from '../../domain/agenda/agenda-item.js';
import { bodyLoad } from '../../domain/agenda/body-load.js';
import type { CalendarDate, Instant } from '../../domain/time.js';

/** How an item reached the agenda, as checked against the record. */
export type Arrival = 'ladder' | 'statement' | 'neither';

/** What the check of a ladder item needs: the highest level at which its case was escalated to this body (undefined: never). */
export type LevelReached = (assignmentId: string) => number | undefined;

/** The figures of a body's agenda. */
export interface AgendaFigures {
  readonly bodyId: string;
  readonly items: number;
  /** Items that arrived by the ladder, their case escalated to this body at level 2 or higher. */
  readonly byLadder: number;
  /** Items that arrived with a full statement. */
  readonly withStatement: number;
  /** Items that arrived by neither route: the rules allow none. */
  readonly neither: number;
  /** Items sent back to the competent unit at least once. */
  readonly returned: number;
  readonly returnedShare: number | null;
  readonly decided: number;
  readonly withdrawn: number;
  /** Items submitted or scheduled at the end. */
  readonly open: number;
  /** Every session held and every session an item is set for, in date order. */
  readonly perSession: readonly { readonly session: CalendarDate; readonly items: number }[];
  /** Stays ended by a decision or a return: how many, and their mean and median length in hours. */
  readonly timeOnAgenda: { readonly stays: number; readonly meanHours: number | null; readonly medianHours: number | null };
}

const HOUR = 3_600_000;

/** True when a statement holds every part the rules ask for: the question, two options, a document, and who already tried. */
export function isFullStatement(item: AgendaItemState): boolean {
  const r = item.route;
  if (r.kind !== 'statement') return false;
  const options = new Set(r.options.map((o) => o.trim()).filter((o) => o !== ''));
  return (
    item.question.trim() !== '' &&
    options.size >= 2 &&
    r.documents.some((d) => d.kind === 'document') &&
    r.alreadyTried.length > 0 &&
    r.alreadyTried.every((t) => (t.party.kind === 'unit' || t.party.kind === 'person') && t.did.trim() !== '')
  );
}

/** How an item arrived: by the ladder only if its case really reached this body at level 2 or more; with a statement only if it is full. */
export function arrivalOf(item: AgendaItemState, levelReached: LevelReached): Arrival {
  if (item.route.kind === 'ladder') {
    const level = levelReached(item.route.assignmentId);
    return level !== undefined && level >= BODY_ESCALATION_LEVEL && item.route.escalationLevel >= BODY_ESCALATION_LEVEL ? 'ladder' : 'neither';
  }
  return isFullStatement(item) ? 'statement' : 'neither';
}

const hours = (ms: number | null): number | null => (ms === null ? null : Math.round((ms / HOUR) * 10) / 10);

/** The figures of the body's items as of `now`, with the sessions held (those without items count 0). */
export function agendaFigures(bodyId: string, items: readonly AgendaItemState[], sessions: readonly CalendarDate[], now: Instant, levelReached: LevelReached): AgendaFigures {
  const own = items.filter((i) => i.bodyId === bodyId && i.firstSubmittedAt <= now);
  const load = bodyLoad(own, sessions, now);
  const arrivals = own.map((i) => arrivalOf(i, levelReached));
  const count = (a: Arrival): number => arrivals.filter((x) => x === a).length;
  return {
    bodyId,
    items: load.items,
    byLadder: count('ladder'),
    withStatement: count('statement'),
    neither: count('neither'),
    returned: own.filter((i) => i.returns > 0).length,
    returnedShare: load.returnedShare,
    decided: own.filter((i) => i.status === 'decided').length,
    withdrawn: own.filter((i) => i.status === 'withdrawn').length,
    open: load.open,
    perSession: load.perSession,
    timeOnAgenda: { stays: load.timeOnAgenda.stays, meanHours: hours(load.timeOnAgenda.meanMs), medianHours: hours(load.timeOnAgenda.medianMs) },
  };
}
