/** "My deadlines": the open cases of the desk due within 14 days or already late, overdue first, then by date. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty, Loading } from '../../ui/states.js';
import { useRelative } from './relative.js';
import type { SectionKey, Summary } from './sources.js';

/** How far ahead the list looks. */
export const HORIZON_DAYS = 14;

/** A case with the section of the desk it appears in. */
export interface Placed {
  readonly item: Summary;
  readonly section: SectionKey;
}

/** The cases of `placed` due by now + 14 days, overdue first, then in date order. */
export function upcoming(placed: readonly Placed[], now: number): Placed[] {
  const until = now + HORIZON_DAYS * 86_400_000;
  return placed
    .filter((p) => Date.parse(p.item.deadline) <= until)
    .sort((a, b) => Number(Date.parse(b.item.deadline) < now) - Number(Date.parse(a.item.deadline) < now) || a.item.deadline.localeCompare(b.item.deadline));
}

/** The list of deadlines. */
export function DeadlineList({ placed, pending, now }: { readonly placed: readonly Placed[]; readonly pending: boolean; readonly now: number }) {
  const { t } = useTranslation('desk');
  const f = useFormat();
  const relative = useRelative();
  const headingId = useId();
  const list = upcoming(placed, now);
  return (
    <aside className="desk-deadlines" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t('section.deadlines')}
        {!pending && (
          <>
            <span className="desk-count" aria-hidden="true">
              {list.length}
            </span>
            <span className="visually-hidden">{t('count', { count: list.length })}</span>
          </>
        )}
      </h2>
      <p className="muted desk-deadlines-hint">{t('deadlinesHint', { days: HORIZON_DAYS })}</p>
      {pending ? (
        <Loading lines={5} />
      ) : list.length === 0 ? (
        <Empty>{t('empty.deadlines', { days: HORIZON_DAYS })}</Empty>
      ) : (
        <ol className="desk-dl-list">
          {list.map(({ item, section }) => {
            const rel = relative(item.deadline, now);
            return (
              <li key={item.id} className={rel.late ? 'late' : undefined}>
                <span className="desk-dl-when">
                  <span className="desk-dl-date">{f.dateTime(item.deadline)}</span>
                  <span className={rel.late ? 'desk-rel late' : 'desk-rel'}>{rel.text}</span>
                </span>
                <Link to={`/cases/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                <span className="desk-dl-part muted">{t(`part.${section}`)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
