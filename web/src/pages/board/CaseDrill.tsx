/**
 * The list behind a number of the board: its heading says which number (and where), how many cases
 * the board counted, and the cases themselves, listed with exactly the filter the board counted with.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { PagedCaseTable } from '../../ui/PagedCaseTable.js';
import { caseFilters, type BoardState } from './boardModel.js';

/** The cases behind one number; `count` is the number itself (if the board shows it), `close` the board without the list. */
export function CaseDrill({ list, soonDays, unitName, count, close, focus }: {
  readonly list: NonNullable<BoardState['list']>;
  readonly soonDays: number;
  readonly unitName: string | null;
  readonly count: number | undefined;
  readonly close: string;
  /** Whether to move the focus to the list when it changes (not when the page is opened at it). */
  readonly focus: boolean;
}) {
  const { t } = useTranslation('board');
  const f = useFormat();
  const heading = useRef<HTMLHeadingElement>(null);
  const key = `${list.kind}|${list.unit ?? ''}|${list.level ?? ''}|${soonDays}`;
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [key, focus]);
  const what = list.level !== null ? t('list.level', { level: list.level }) : t(`list.${list.kind}`, { count: soonDays });
  const title = t('list.title', { what, where: unitName ?? t('list.everywhere') });
  return (
    <section className="board-list" aria-labelledby="list-heading">
      <div className="page-head">
        <h2 id="list-heading" ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <Link to={close}>{t('list.close')}</Link>
      </div>
      {count !== undefined && <p className="muted">{t('list.count', { count, number: f.number(count) })}</p>}
      <PagedCaseTable key={key} filters={caseFilters(list, soonDays)} caption={title} />
    </section>
  );
}
