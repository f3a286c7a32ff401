/**
 * The load of a body (F7): how many items each session carries, the share of detail questions
 * sent back, the share that came by the ladder, how long questions stay on the agenda, and how
 * many are open now. Pure figures over folded agenda items; every figure can be traced to items.
 */
import { toMs, type CalendarDate, type Instant } from '../time.js';
import type { AgendaItemState } from './agenda-item.js';

/** The items of one session: those scheduled for it or decided there. */
export interface SessionLoad {
  readonly session: CalendarDate;
  readonly items: number;
}

/** The figures of a body's agenda. */
export interface BodyLoad {
  /** Items counted (submitted at least once, up to now). */
  readonly items: number;
  /** Items submitted or scheduled now. */
  readonly open: number;
  /** Every session given and every session an item is set for, in date order. */
  readonly perSession: readonly SessionLoad[];
  /** Items sent back at least once, over items (null without items). */
  readonly returnedShare: number | null;
  /** Items whose current route is the ladder, over items (null without items). */
  readonly ladderShare: number | null;
  /** Time on the agenda of the stays that ended by a decision or a return, in ms (null without such stays). */
  readonly timeOnAgenda: { readonly stays: number; readonly meanMs: number | null; readonly medianMs: number | null };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The figures of a body's agenda from its items' states as of `now` (items first submitted after
 * `now`, and stays ending after it, are left out; a stay still open is not timed), and the dates
 * of its sessions (sessions without items count 0).
 */
export function bodyLoad(items: readonly AgendaItemState[], sessions: readonly CalendarDate[], now: Instant): BodyLoad {
  const counted = items.filter((i) => i.firstSubmittedAt <= now);
  const perSession = new Map<CalendarDate, number>(sessions.map((d) => [d, 0]));
  for (const i of counted) {
    if ((i.status === 'scheduled' || i.status === 'decided') && i.session !== null) perSession.set(i.session, (perSession.get(i.session) ?? 0) + 1);
  }
  const durations = counted
    .flatMap((i) => i.stays)
    .filter((s) => s.endedAt !== null && s.endedAt <= now && (s.outcome === 'decided' || s.outcome === 'returned'))
    .map((s) => toMs(s.endedAt as Instant) - toMs(s.submittedAt))
    .sort((a, b) => a - b);
  const n = counted.length;
  return {
    items: n,
    open: counted.filter((i) => i.status === 'submitted' || i.status === 'scheduled').length,
    perSession: [...perSession.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([session, count]) => ({ session, items: count })),
    returnedShare: n === 0 ? null : counted.filter((i) => i.returns > 0).length / n,
    ladderShare: n === 0 ? null : counted.filter((i) => i.route.kind === 'ladder').length / n,
    timeOnAgenda: { stays: durations.length, meanMs: durations.length === 0 ? null : durations.reduce((a, b) => a + b, 0) / durations.length, medianMs: median(durations) },
  };
}
