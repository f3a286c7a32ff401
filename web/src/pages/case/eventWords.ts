/**
 * Events in words: the type of each event of a case ("Handover refused"), and a one-line summary
 * of its payload (to whom, why, until when), in the reader's language. Unknown types fall back to
 * the type itself, so a newer server never leaves a blank.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { CaseEvent } from './caseTypes.js';
import { useNameOf } from './names.js';

/** The event types of an assignment's stream (src/domain/assignment/assignment.events.ts). */
export const ASSIGNMENT_EVENT_TYPES = [
  'assignment.issued',
  'assignment.accepted',
  'assignment.handover-offered',
  'assignment.handover-accepted',
  'assignment.handover-refused',
  'assignment.transfer-requested',
  'assignment.transfer-accepted',
  'assignment.transfer-refused',
  'assignment.extension-requested',
  'assignment.extension-granted',
  'assignment.extension-refused',
  'assignment.submitted',
  'assignment.verified',
  'assignment.rejected',
  'assignment.cancelled',
  'assignment.reopened',
  'assignment.escalated',
  'assignment.reminded',
  'assignment.beneficiary-confirmed',
  'assignment.beneficiary-disputed',
] as const;

/** The translation key of an event type ("event.handover-refused"). */
function typeKey(type: string): string {
  return `event.${type.replace(/^assignment\./, '')}`;
}

/** The words for an event type. */
export function useEventType(): (type: string) => string {
  const { t } = useTranslation('case');
  return (type) => t(typeKey(type), { defaultValue: type });
}

type Payload = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What a ladder notice was: a reminder some time before the deadline, or the controller told at the deadline. */
export function useReminderWords(): (step: string) => string {
  const { t } = useTranslation('case');
  return (step) => {
    if (step === 'controller-told') return t('ladder.controllerTold');
    const lead = /^reminder:(\d+)(wd|wh)$/.exec(step);
    if (lead !== null) return t(lead[2] === 'wd' ? 'ladder.reminderDays' : 'ladder.reminderHours', { count: Number(lead[1]) });
    return t('ladder.other', { step });
  };
}

/** A one-line summary of an event's payload ('' when it has nothing to say). */
export function useEventSummary(): (e: CaseEvent) => string {
  const { t } = useTranslation('case');
  const format = useFormat();
  const nameOf = useNameOf();
  const reminder = useReminderWords();
  return (e) => {
    const p = (typeof e.payload === 'object' && e.payload !== null ? e.payload : {}) as Payload;
    switch (e.type) {
      case 'assignment.issued':
        return t('summary.issued', { owner: nameOf(str(p['ownerId'])), deadline: format.dateTime(str(p['deadline'])) });
      case 'assignment.handover-offered':
      case 'assignment.transfer-requested':
        return t('summary.to', { to: nameOf(str(p['to'])), reason: str(p['reason']) });
      case 'assignment.extension-requested':
        return t('summary.extension', { deadline: format.dateTime(str(p['deadline'])), reason: str(p['reason']) });
      case 'assignment.extension-granted':
        return t('summary.granted', { deadline: format.dateTime(str(p['deadline'])) });
      case 'assignment.handover-refused':
      case 'assignment.transfer-refused':
      case 'assignment.extension-refused':
      case 'assignment.cancelled':
      case 'assignment.reopened':
        return str(p['reason']);
      case 'assignment.submitted': {
        const n = Array.isArray(p['evidence']) ? p['evidence'].length : 0;
        const note = str(p['note']);
        return t('summary.submitted', { count: n }) + (note === '' ? '' : ` — ${note}`);
      }
      case 'assignment.verified':
        return str(p['note']);
      case 'assignment.rejected':
        return Array.isArray(p['reasons']) ? p['reasons'].map(str).join(' · ') : '';
      case 'assignment.escalated':
        return t('summary.escalated', { level: str(p['level']), to: nameOf(str(p['to'])), reason: str(p['reason']) });
      case 'assignment.reminded':
        return t('summary.reminded', { what: reminder(str(p['step'])), to: nameOf(str(p['to'])) });
      case 'assignment.beneficiary-confirmed':
      case 'assignment.beneficiary-disputed':
        return t('summary.beneficiary', { beneficiary: str(p['beneficiary']), comment: str(p['comment']) });
      default:
        return '';
    }
  };
}
