/**
 * What the escalation ladder did over a period, counted from the events the period appended:
 * its notices by kind (reminders, the controller told at the deadline), its escalations by level
 * (1: the owner's superior, 2: the body), escalations by hand apart, and the accountability
 * actions it proposed and people decided. Pure: every figure is a count of events.
 */

/** The part of an event the figures read. */
export interface PeriodEvent {
  readonly type: string;
  readonly payload: unknown;
}

/** The ladder's work over the period. */
export interface LadderFigures {
  /** `assignment.reminded` for a `reminder:…` step. */
  readonly reminders: number;
  /** `assignment.reminded` for the `controller-told` step. */
  readonly controllerNotices: number;
  /** Escalations by the ladder (carrying a step key), by the level reached (`1`, `2`, …). */
  readonly escalations: Readonly<Record<string, number>>;
  /** Escalations by a person (no step key), by level. */
  readonly manualEscalations: Readonly<Record<string, number>>;
}

/** The accountability actions proposed and decided over the period. */
export interface AccountabilityFigures {
  readonly proposed: number;
  /** Proposals by action (`warning`, `reprimand`, `proposal-to-replace`). */
  readonly byAction: Readonly<Record<string, number>>;
  readonly decided: number;
  readonly accepted: number;
  readonly declined: number;
}

/** The figures of a period. */
export interface PeriodFigures {
  readonly events: number;
  readonly ladder: LadderFigures;
  readonly accountability: AccountabilityFigures;
}

function field(payload: unknown, key: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[key] : undefined;
}

/** A string or number field of a payload as text, or `fallback`. */
function text(payload: unknown, key: string, fallback: string): string {
  const v = field(payload, key);
  return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
}

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Counts the ladder's notices and escalations and the accountability actions among the period's events. */
export function periodFigures(events: Iterable<PeriodEvent>): PeriodFigures {
  let count = 0;
  let reminders = 0;
  let controllerNotices = 0;
  const escalations: Record<string, number> = {};
  const manualEscalations: Record<string, number> = {};
  let proposed = 0;
  const byAction: Record<string, number> = {};
  let accepted = 0;
  let declined = 0;
  for (const e of events) {
    count += 1;
    switch (e.type) {
      case 'assignment.reminded': {
        const step = text(e.payload, 'step', '');
        if (step === 'controller-told') controllerNotices += 1;
        else if (step.startsWith('reminder:')) reminders += 1;
        break;
      }
      case 'assignment.escalated': {
        const level = text(e.payload, 'level', '?');
        bump(field(e.payload, 'stepKey') === undefined ? manualEscalations : escalations, level);
        break;
      }
      case 'accountability.proposed':
        proposed += 1;
        bump(byAction, text(e.payload, 'action', '?'));
        break;
      case 'accountability.decided':
        if (field(e.payload, 'verdict') === 'accepted') accepted += 1;
        else declined += 1;
        break;
      default:
        break;
    }
  }
  return {
    events: count,
    ladder: { reminders, controllerNotices, escalations, manualEscalations },
    accountability: { proposed, byAction, decided: accepted + declined, accepted, declined },
  };
}
