/**
 * One section of the desk: a heading with its count ("20+" while more pages exist), then the
 * cases, or a loading placeholder that keeps the space, an empty message, or the error.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading } from '../../ui/states.js';
import { DeskRow } from './DeskRow.js';
import type { Summary } from './sources.js';

/** The state of a section's list, as its query gives it. */
export interface SectionState {
  readonly items: readonly Summary[];
  readonly pending: boolean;
  readonly error: ReactNode | null;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly more: () => void;
}

/** A titled list of cases. */
export function DeskSection({
  title,
  empty,
  state,
  now,
  onChanged,
}: {
  readonly title: string;
  readonly empty: string;
  readonly state: SectionState;
  readonly now: number;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation('desk');
  const headingId = useId();
  const count = state.pending || state.error !== null ? null : `${state.items.length}${state.hasMore ? '+' : ''}`;
  return (
    <section className="desk-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title}
        {count !== null && (
          <>
            <span className="desk-count" aria-hidden="true">
              {count}
            </span>
            <span className="visually-hidden">{state.hasMore ? t('countMore', { count: state.items.length }) : t('count', { count: state.items.length })}</span>
          </>
        )}
      </h2>
      {state.pending ? (
        <Loading lines={4} />
      ) : (
        <>
          {state.error}
          {state.items.length > 0 ? (
            <ul className="desk-list">
              {state.items.map((item) => (
                <DeskRow key={item.id} item={item} now={now} onChanged={onChanged} />
              ))}
            </ul>
          ) : (
            state.error === null && <Empty>{empty}</Empty>
          )}
          {state.hasMore && (
            <button type="button" className="desk-more" onClick={state.more} disabled={state.loadingMore} aria-describedby={headingId}>
              {state.loadingMore ? t('state.loading', { ns: 'common' }) : t('action.more', { ns: 'common' })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
