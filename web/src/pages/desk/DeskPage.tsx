/**
 * My desk (route `/`): what the signed-in person has to do. Waiting for me (handovers and
 * transfers offered to me, extensions I must decide), To verify, I hold, I own, and My deadlines
 * (the next 14 days of all of these, overdue first). A case is listed once, in the first section
 * it belongs to; each row carries its primary action.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { useSession } from '../../auth/session.js';
import { ErrorBox } from '../../ui/states.js';
import { DeadlineList, type Placed } from './DeadlineList.js';
import { DeskSection, type SectionState } from './DeskSection.js';
import { useSection, type SectionKey, type Summary } from './sources.js';
import './desk.css';

const OPEN = new Set(['issued', 'in_progress', 'submitted']);

/** The desk page. */
export function DeskPage() {
  const { t } = useTranslation('desk');
  const { session, me } = useSession();
  const personId = session?.personId ?? '';
  const now = Date.now();
  // A step taken from a row may move its case to another section (or off the desk): say so, and keep focus on the page.
  const [updated, setUpdated] = useState(0);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const onChanged = () => setUpdated((n) => n + 1);
  useEffect(() => {
    if (updated > 0) noticeRef.current?.focus();
  }, [updated]);
  const queries = {
    waiting: useSection('waiting', personId),
    verify: useSection('verify', personId),
    hold: useSection('hold', personId),
    own: useSection('own', personId),
  };
  const order: SectionKey[] = ['waiting', 'verify', 'hold', 'own'];
  const seen = new Set<string>();
  const placed: Placed[] = [];
  const states = {} as Record<SectionKey, SectionState>;
  for (const key of order) {
    const q = queries[key];
    const items: Summary[] = [];
    for (const item of (q.data?.pages ?? []).flatMap((p) => p.items).sort((a, b) => a.deadline.localeCompare(b.deadline))) {
      if (seen.has(item.id) || !OPEN.has(item.status)) continue;
      seen.add(item.id);
      items.push(item);
      placed.push({ item, section: key });
    }
    const retry = () => void q.refetch();
    const error =
      q.error === null ? null : key === 'waiting' && q.error instanceof ApiError && q.error.status === 400 ? (
        <p className="desk-notice" role="status">
          {t('waitingUnavailable')}
        </p>
      ) : (
        <ErrorBox error={q.error} retry={retry} />
      );
    states[key] = {
      items,
      pending: q.isPending,
      error,
      hasMore: q.hasNextPage,
      loadingMore: q.isFetchingNextPage,
      more: () => void q.fetchNextPage(),
    };
  }
  const anyPending = order.some((k) => states[k].pending);
  return (
    <div className="desk">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {me !== undefined && <p className="muted desk-who">{t('who', { name: me.name })}</p>}
      </div>
      <p ref={noticeRef} tabIndex={-1} className="desk-updated" role="status">
        {updated > 0 ? t('updated') : ''}
      </p>
      <div className="desk-layout">
        <div className="desk-sections">
          <DeskSection title={t('section.waiting')} empty={t('empty.waiting')} state={states.waiting} now={now} onChanged={onChanged} />
          <DeskSection title={t('section.verify')} empty={t('empty.verify')} state={states.verify} now={now} onChanged={onChanged} />
          <DeskSection title={t('section.hold')} empty={t('empty.hold')} state={states.hold} now={now} onChanged={onChanged} />
          <DeskSection title={t('section.own')} empty={t('empty.own')} state={states.own} now={now} onChanged={onChanged} />
        </div>
        <DeadlineList placed={placed} pending={anyPending} now={now} />
      </div>
    </div>
  );
}
