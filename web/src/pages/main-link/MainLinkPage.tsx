/**
 * The main link (route /main-link, F15): over the cases the caller sees — or one unit's subtree,
 * chosen with the board's unit picker (in the URL) — the person whose current holdings account for
 * the most overdue hours, stated plainly at the top with the unit and the step that do, then the
 * rankings by person, unit and step, each row opening to its evidence cases (GET /main-link).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, query } from '../../api/client.js';
import { useFormat } from '../../format.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { UnitSelect } from '../board/UnitPicker.js';
import { LinkTable } from './LinkTable.js';
import { LINK_KINDS, nameOf, wholeHours, type LinkKind, type LinkRow, type MainLink } from './mainLinkModel.js';
import './main-link.css';

/** Rows per ranking and evidence cases per row the page asks for. */
const TOP = 10;
const EVIDENCE = 50;

/** The main-link page. */
export function MainLinkPage() {
  const { t } = useTranslation('mainlink');
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit');
  const answer = useQuery({
    queryKey: ['main-link', unit],
    queryFn: ({ signal }) => api<MainLink>('GET', `/main-link${query({ unit, top: TOP, evidence: EVIDENCE })}`, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const data = answer.data;
  const label = (kind: LinkKind) => (row: LinkRow) => {
    if (data === undefined) return row.key;
    if (kind === 'steps') return t(`step.${row.key}`);
    return nameOf(data, row.key) ?? t('noUnit');
  };
  const statement = (kind: LinkKind) => {
    const row = data?.[kind].rows[0];
    if (data === undefined || row === undefined) return null;
    const figures = { hours: f.number(wholeHours(row.overdueMs)), count: row.cases, cases: f.number(row.cases), blocked: f.number(row.blocked), blockedCount: row.blocked };
    return (
      <p className={`main-link-statement main-link-statement-${kind}`} data-kind={kind}>
        {t(`statement.${kind}`, { ...figures, name: label(kind)(row), hoursText: t('hoursText', { count: wholeHours(row.overdueMs), hours: figures.hours }), casesText: t('casesText', { count: row.cases, cases: figures.cases }), blockedText: t('blockedText', { count: row.blocked, blocked: figures.blocked }) })}
      </p>
    );
  };
  return (
    <div className="main-link">
      <div className="page-head">
        <h1>{t('title')}</h1>
        {data !== undefined && <p className="muted">{t('asOf', { when: f.dateTime(data.asOf) })}</p>}
      </div>
      <p className="main-link-intro">{t('intro')}</p>
      <div className="toolbar">
        <UnitSelect value={unit} onChange={(u) => setParams(u === null ? {} : { unit: u })} />
      </div>
      {answer.isPending ? (
        <Loading lines={12} />
      ) : answer.isError ? (
        <ErrorBox error={answer.error} retry={() => void answer.refetch()} />
      ) : answer.data.totals.cases === 0 ? (
        <Empty>{t('none')}</Empty>
      ) : (
        <div aria-busy={answer.isFetching} className={answer.isPlaceholderData ? 'main-link-stale' : undefined}>
          <section className="main-link-summary" aria-labelledby="main-link-is">
            <h2 id="main-link-is">{t('heading')}</h2>
            {statement('persons')}
            {statement('units')}
            {statement('steps')}
            <dl className="main-link-totals">
              <div>
                <dt>{t('totals.cases')}</dt>
                <dd>{f.number(answer.data.totals.cases)}</dd>
              </div>
              <div>
                <dt>{t('totals.hours')}</dt>
                <dd>{f.number(wholeHours(answer.data.totals.overdueMs))}</dd>
              </div>
              <div>
                <dt>{t('totals.blocked')}</dt>
                <dd>{f.number(answer.data.totals.blocked)}</dd>
              </div>
            </dl>
          </section>
          {LINK_KINDS.map((kind) => (
            <section key={kind} aria-labelledby={`main-link-${kind}`}>
              <h2 id={`main-link-${kind}`}>{t(`section.${kind}`)}</h2>
              <LinkTable data={answer.data} kind={kind} label={label(kind)} />
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
