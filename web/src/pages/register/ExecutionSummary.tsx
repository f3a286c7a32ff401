/**
 * A decision's execution at a glance: a small stacked bar (verified, submitted, in work, issued,
 * cancelled) and the counts beside it in words, each a link to the list of those assignments. The
 * bar is decoration: the counts say everything it shows.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { executionHref, type Execution, type ExecutionKind } from './registerModel.js';

const BAR: ReadonlyArray<Exclude<ExecutionKind, 'overdue'>> = ['verified', 'submitted', 'inProgress', 'issued', 'cancelled'];

/** The bar and counts of one decision; `compact` leaves out the submitted and cancelled counts when they are zero. */
export function ExecutionSummary({ decisionId, execution, compact = false, current = null }: {
  readonly decisionId: string;
  readonly execution: Execution | undefined;
  readonly compact?: boolean;
  readonly current?: ExecutionKind | null;
}) {
  const { t } = useTranslation('register');
  const f = useFormat();
  if (execution === undefined) return <span className="muted">—</span>;
  if (execution.total === 0) return <span className="muted">{t('execution.none')}</span>;
  const all: ExecutionKind[] = ['issued', 'inProgress', 'submitted', 'verified', 'cancelled', 'overdue'];
  const shown = compact ? all.filter((k) => (k !== 'submitted' && k !== 'cancelled') || execution[k] > 0) : all;
  return (
    <div className="execution">
      <div className="execution-bar" aria-hidden="true">
        {BAR.map((k) =>
          execution[k] > 0 ? <span key={k} className={`execution-${k}`} style={{ width: `${(100 * execution[k]) / execution.total}%` }} /> : null,
        )}
      </div>
      <ul className="execution-counts" aria-label={t('execution.label', { total: f.number(execution.total) })}>
        {shown.map((k) => (
          <li key={k} className={execution[k] === 0 ? 'execution-zero' : k === 'overdue' ? 'execution-late' : undefined}>
            <Link to={executionHref(decisionId, k)} aria-current={current === k ? 'true' : undefined}>
              <span className={`execution-dot execution-${k}`} aria-hidden="true" />
              {t(`execution.${k}`, { number: f.number(execution[k]) })}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
