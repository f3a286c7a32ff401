/**
 * The tables of the "where work stalls" page: where the time went by holder unit and role and by
 * person; the longest single waits, each case a link to its page; and the handovers among the
 * cases — passes between units, refusals, ping-pong between units, the cases that came back to a
 * unit (each a link). Hours as the case page gives them; each caption says how many rows of how many.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import { DataTable, type DataTableProps } from '../../ui/DataTable.js';
import { useDurations } from '../case/durations.js';
import { nameOf, type Inquiry } from './stallsModel.js';

/** How many keys of a returning case's path are shown before `…`. */
const PATH = 8;

/** A section with its heading, and its table (`name` its data-table) unless it has no row. */
function StallSection<R>({ id, heading, ...table }: { readonly id: string; readonly heading: string; readonly name: string } & Omit<DataTableProps<R>, 'className'>) {
  const { t } = useTranslation('stalls');
  return (
    <section aria-labelledby={id} className="stalls-section">
      <h2 id={id}>{heading}</h2>
      {table.rows.length === 0 ? <Empty>{t('noRows')}</Empty> : <DataTable className="stalls-table" {...table} />}
    </section>
  );
}

/** A link to a case, titled. */
function CaseLink({ data, id }: { readonly data: Inquiry; readonly id: string }) {
  return <Link to={`/cases/${encodeURIComponent(id)}`}>{data.names[id] ?? id}</Link>;
}

/** Where the time went: by holder unit and role, then by person. */
export function TimeTables({ data }: { readonly data: Inquiry }) {
  const { t } = useTranslation('stalls');
  const { t: tc } = useTranslation('case');
  const f = useFormat();
  const d = useDurations();
  const unit = (id: string): string => nameOf(data, id) ?? t('noUnit');
  const of = (shown: number, total: number) => ({ shown: f.number(shown), total: f.number(total) });
  const overdue = (ms: number): string => (ms > 0 ? d.hours(ms) : '—');
  return (
    <>
      <StallSection
        id="stalls-units"
        heading={t('units.heading')}
        name="units"
        caption={t('units.caption', of(data.byUnitRole.length, data.lengths.byUnitRole))}
        rows={data.byUnitRole}
        rowKey={(r) => `${r.unitId}\u0000${r.role}`}
        columns={[
          { header: t('col.unit'), cell: (r) => unit(r.unitId) },
          { header: t('col.role'), cell: (r) => tc(`role.${r.role}`) },
          { header: t('col.cases'), numeric: true, cell: (r) => f.number(r.cases) },
          { header: t('col.hours'), numeric: true, cell: (r) => d.hours(r.ms) },
          { header: t('col.overdue'), numeric: true, cell: (r) => overdue(r.overdueMs) },
          { header: t('col.share'), numeric: true, cell: (r) => d.share(r.ms, data.totalMs) },
        ]}
      />
      <StallSection
        id="stalls-people"
        heading={t('people.heading')}
        name="people"
        caption={t('people.caption', of(data.byPerson.length, data.lengths.byPerson))}
        rows={data.byPerson}
        rowKey={(p) => p.key}
        columns={[
          { header: t('col.person'), cell: (p) => nameOf(data, p.key) ?? p.key },
          { header: t('col.cases'), numeric: true, cell: (p) => f.number(p.cases) },
          { header: t('col.hours'), numeric: true, cell: (p) => d.hours(p.ms) },
          { header: t('col.overdue'), numeric: true, cell: (p) => overdue(p.overdueMs) },
          { header: t('col.share'), numeric: true, cell: (p) => d.share(p.ms, data.totalMs) },
        ]}
      />
    </>
  );
}

/** The longest single waits, each case a link to its page. */
export function WaitsTable({ data }: { readonly data: Inquiry }) {
  const { t } = useTranslation('stalls');
  const { t: tc } = useTranslation('case');
  const f = useFormat();
  const d = useDurations();
  return (
    <StallSection
      id="stalls-waits"
      heading={t('waits.heading')}
      name="waits"
      caption={t('waits.caption', { shown: f.number(data.longestWaits.length), total: f.number(data.waits) })}
      rows={data.longestWaits}
      rowKey={(w) => `${w.caseId}\u0000${w.from}`}
      rowCase={(w) => w.caseId}
      columns={[
        { header: t('col.case'), cell: (w) => <CaseLink data={data} id={w.caseId} /> },
        {
          header: t('col.holder'),
          cell: (w) => (
            <>
              {nameOf(data, w.personId) ?? w.personId}
              <span className="muted stalls-unit">{nameOf(data, w.unitId) ?? t('noUnit')}</span>
            </>
          ),
        },
        { header: t('col.role'), cell: (w) => tc(`role.${w.role}`) },
        { header: t('col.from'), cell: (w) => f.dateTime(w.from) },
        { header: t('col.to'), cell: (w) => f.dateTime(w.to) },
        { header: t('col.duration'), numeric: true, cell: (w) => d.both(w.ms) },
        { header: t('col.overdue'), numeric: true, cell: (w) => (w.overdueMs > 0 ? d.hours(w.overdueMs) : '—') },
      ]}
    />
  );
}

/** Handovers, refusals and ping-pong among the cases. */
export function HandoverTables({ data }: { readonly data: Inquiry }) {
  const { t } = useTranslation('stalls');
  const f = useFormat();
  const d = useDurations();
  const pu = data.handovers.unit;
  const pp = data.handovers.person;
  const unit = (id: string): string => nameOf(data, id) ?? t('noUnit');
  const person = (id: string): string => nameOf(data, id) ?? id;
  const of = (shown: number, total: number) => ({ shown: f.number(shown), total: f.number(total) });
  return (
    <>
      <p className="stalls-handover-summary">
        {t('handovers.summary', {
          passes: t('handovers.passes', { count: pp.passes, n: f.number(pp.passes) }),
          unitPasses: f.number(pu.passes),
          refusals: t('handovers.refusals', { count: pp.refusals, n: f.number(pp.refusals) }),
          returning: t('handovers.returningCases', { count: pu.casesWithReturns, n: f.number(pu.casesWithReturns) }),
        })}
      </p>
      <StallSection
        id="stalls-passes"
        heading={t('passes.heading')}
        name="passes"
        caption={t('passes.caption', of(pu.edges.length, pu.lengths.edges))}
        rows={pu.edges}
        rowKey={(e) => `${e.from}\u0000${e.to}`}
        columns={[
          { header: t('col.fromUnit'), cell: (e) => unit(e.from) },
          { header: t('col.toUnit'), cell: (e) => unit(e.to) },
          { header: t('col.passes'), numeric: true, cell: (e) => f.number(e.count) },
          { header: t('col.meanWait'), numeric: true, cell: (e) => d.span(e.meanWaitMs) },
        ]}
      />
      <StallSection
        id="stalls-refusals"
        heading={t('refusals.heading')}
        name="refusals"
        caption={t('refusals.caption', of(pp.refused.length, pp.lengths.refused))}
        rows={pp.refused}
        rowKey={(e) => `${e.from}\u0000${e.to}`}
        columns={[
          { header: t('col.askedBy'), cell: (e) => person(e.from) },
          { header: t('col.refusedBy'), cell: (e) => person(e.to) },
          { header: t('col.count'), numeric: true, cell: (e) => f.number(e.count) },
        ]}
      />
      <StallSection
        id="stalls-pingpong"
        heading={t('pingPong.heading')}
        name="ping-pong"
        caption={t('pingPong.caption', of(pu.pingPong.length, pu.lengths.pingPong))}
        rows={pu.pingPong}
        rowKey={(p) => `${p.a}\u0000${p.b}`}
        columns={[
          { header: t('col.between'), cell: (p) => unit(p.a) },
          { header: t('col.and'), cell: (p) => unit(p.b) },
          { header: t('col.returns'), numeric: true, cell: (p) => f.number(p.returns) },
          { header: t('col.cases'), numeric: true, cell: (p) => f.number(p.cases) },
        ]}
      />
      <StallSection
        id="stalls-returning"
        heading={t('returning.heading')}
        name="returning"
        caption={t('returning.caption', of(pu.returning.length, pu.lengths.returning))}
        rows={pu.returning}
        rowKey={(c) => c.caseId}
        rowCase={(c) => c.caseId}
        columns={[
          { header: t('col.case'), cell: (c) => <CaseLink data={data} id={c.caseId} /> },
          { header: t('col.returns'), numeric: true, cell: (c) => f.number(c.returns) },
          { header: t('col.path'), className: 'stalls-path', cell: (c) => c.keys.slice(0, PATH).map(unit).join(' → ') + (c.keys.length > PATH ? ' → …' : '') },
        ]}
      />
    </>
  );
}
