/**
 * The case's escalations (a person or the ladder raising it to a superior or a body) and the
 * ladder's notices (reminders before the deadline, the controller told at it), oldest first.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { CaseEvent } from './caseTypes.js';
import { useReminderWords } from './eventWords.js';
import { SYSTEM_ACTOR, Who } from './names.js';

/** The escalation and ladder events of a case. */
export function escalationEvents(events: readonly CaseEvent[]): CaseEvent[] {
  return events.filter((e) => e.type === 'assignment.escalated' || e.type === 'assignment.reminded');
}

/** The list of escalations and notices; `empty` when there are none. */
export function Escalations({ events }: { readonly events: readonly CaseEvent[] }) {
  const { t } = useTranslation('case');
  const format = useFormat();
  const reminder = useReminderWords();
  const items = escalationEvents(events);
  if (items.length === 0) return <p className="empty">{t('escalations.none')}</p>;
  return (
    <ol className="escalations">
      {items.map((e) => {
        const p = (e.payload ?? {}) as { level?: number; to?: string; reason?: string; step?: string };
        const byLadder = e.actor === SYSTEM_ACTOR;
        return (
          <li key={e.seq} className={e.type === 'assignment.escalated' ? 'is-escalation' : 'is-notice'}>
            <span className="when">{format.dateTime(e.at)}</span>{' '}
            {e.type === 'assignment.escalated' ? (
              <>
                <strong>{t('escalations.level', { level: p.level ?? '?' })}</strong> — {byLadder ? t('escalations.byLadder') : <Who id={e.actor} />} {t('escalations.raisedTo')}{' '}
                <Who id={p.to} />
                {p.reason !== undefined && p.reason !== '' && <q className="answer">{p.reason}</q>}
              </>
            ) : (
              <>
                <strong>{reminder(p.step ?? '')}</strong> — {t('escalations.told')} <Who id={p.to} />
              </>
            )}
          </li>
        );
      })}
    </ol>
  );
}
