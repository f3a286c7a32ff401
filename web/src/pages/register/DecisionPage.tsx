/**
 * One decision (route /decisions/:id): its number, date, body, title and text, how far it is
 * carried out, and the table of its assignments (GET /assignments?decision=ID), each linking to
 * its case; `?show=` narrows the table to the assignments behind one count.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { Name } from '../../ui/names.js';
import { PagedCaseTable } from '../../ui/PagedCaseTable.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import { ExecutionSummary } from './ExecutionSummary.js';
import { EXECUTION_KINDS, executionFilter, isExecutionKind, type RegisteredDecision } from './registerModel.js';
import './register.css';

/** The decision's page. */
export function DecisionPage() {
  const { t } = useTranslation('register');
  const f = useFormat();
  const id = useParams()['id'] ?? '';
  const [params] = useSearchParams();
  const shown = params.get('show');
  const kind = isExecutionKind(shown) ? shown : null;
  const decision = useQuery({
    queryKey: ['decisions', 'one', id],
    queryFn: ({ signal }) => api<RegisteredDecision>('GET', `/decisions/${encodeURIComponent(id)}`, { signal }),
  });

  if (decision.isPending) return <Loading lines={12} />;
  if (decision.isError) return <ErrorBox error={decision.error} retry={() => void decision.refetch()} />;
  const d = decision.data;
  const base = `/decisions/${encodeURIComponent(d.id)}`;
  const listTitle = kind === null ? t('page.assignments') : t(`page.only.${kind}`);
  return (
    <article className="decision">
      <p className="no-print">
        <Link to="/decisions">{t('page.back')}</Link>
      </p>
      <h1>{d.title}</h1>
      <dl className="decision-facts">
        <div>
          <dt>{t('number')}</dt>
          <dd>{d.number}</dd>
        </div>
        <div>
          <dt>{t('date')}</dt>
          <dd>{f.date(d.date)}</dd>
        </div>
        <div>
          <dt>{t('body')}</dt>
          <dd>
            <Name id={d.bodyId} />
          </dd>
        </div>
        <div>
          <dt>{t('page.registered')}</dt>
          <dd>{f.dateTime(d.registeredAt)}</dd>
        </div>
      </dl>
      {d.text.trim() !== '' && <p className="decision-text">{d.text}</p>}

      <section aria-labelledby="execution-heading">
        <h2 id="execution-heading">{t('execution.title')}</h2>
        <ExecutionSummary decisionId={d.id} execution={d.execution} current={kind} />
      </section>

      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">{listTitle}</h2>
        <nav aria-label={t('page.filter')} className="decision-filter">
          <Link to={base} aria-current={kind === null ? 'true' : undefined}>
            {t('page.all')}
          </Link>
          {EXECUTION_KINDS.map((k) => (
            <Link key={k} to={`${base}?show=${k}`} aria-current={kind === k ? 'true' : undefined}>
              {t(`page.chip.${k}`)}
            </Link>
          ))}
        </nav>
        <PagedCaseTable key={kind ?? 'all'} filters={[executionFilter(d.id, kind)]} caption={listTitle} />
      </section>
    </article>
  );
}
