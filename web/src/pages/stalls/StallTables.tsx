/**
 * The tables of the "where work stalls" page: where the time went by holder unit and role and by
 * person; the longest single waits, each case a link to its page; and the handovers among the
 * cases — passes between units, refusals, ping-pong between units, the cases that came back to a
 * unit (each a link). Hours as the case page gives them; each caption says how many rows of how many.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { useDurations } from '../case/durations.js';
import { nameOf, type Inquiry } from './stallsModel.js';

/** How many keys of a returning case's path are shown before `…`. */
const PATH = 8;

/** A section with its heading, and its table unless it has no row. */
function Section({ id, heading, rows, children }: { readonly id: string; readonly heading: string; readonly rows: number; readonly children: ReactNode }) {
  const { t } = useTranslation('stalls');
  return (
    <section aria-labelledby={id} className="stalls-section">
      <h2 id={id}>{heading}</h2>
      {rows === 0 ? <Empty>{t('noRows')}</Empty> : children}
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
  return (
    <>
      <Section id="stalls-units" heading={t('units.heading')} rows={data.byUnitRole.length}>
        <TableWrap>
          <table className="stalls-table" data-table="units">
            <caption>{t('units.caption', of(data.byUnitRole.length, data.lengths.byUnitRole))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.unit')}</th>
                <th scope="col">{t('col.role')}</th>
                <th scope="col" className="num">{t('col.cases')}</th>
                <th scope="col" className="num">{t('col.hours')}</th>
                <th scope="col" className="num">{t('col.overdue')}</th>
                <th scope="col" className="num">{t('col.share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byUnitRole.map((r) => (
                <tr key={`${r.unitId}\u0000${r.role}`}>
                  <th scope="row">{unit(r.unitId)}</th>
                  <td>{tc(`role.${r.role}`)}</td>
                  <td className="num">{f.number(r.cases)}</td>
                  <td className="num">{d.hours(r.ms)}</td>
                  <td className="num">{r.overdueMs > 0 ? d.hours(r.overdueMs) : '—'}</td>
                  <td className="num">{d.share(r.ms, data.totalMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section id="stalls-people" heading={t('people.heading')} rows={data.byPerson.length}>
        <TableWrap>
          <table className="stalls-table" data-table="people">
            <caption>{t('people.caption', of(data.byPerson.length, data.lengths.byPerson))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.person')}</th>
                <th scope="col" className="num">{t('col.cases')}</th>
                <th scope="col" className="num">{t('col.hours')}</th>
                <th scope="col" className="num">{t('col.overdue')}</th>
                <th scope="col" className="num">{t('col.share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.byPerson.map((p) => (
                <tr key={p.key}>
                  <th scope="row">{nameOf(data, p.key) ?? p.key}</th>
                  <td className="num">{f.number(p.cases)}</td>
                  <td className="num">{d.hours(p.ms)}</td>
                  <td className="num">{p.overdueMs > 0 ? d.hours(p.overdueMs) : '—'}</td>
                  <td className="num">{d.share(p.ms, data.totalMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
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
    <Section id="stalls-waits" heading={t('waits.heading')} rows={data.longestWaits.length}>
      <TableWrap>
        <table className="stalls-table" data-table="waits">
          <caption>{t('waits.caption', { shown: f.number(data.longestWaits.length), total: f.number(data.waits) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.case')}</th>
              <th scope="col">{t('col.holder')}</th>
              <th scope="col">{t('col.role')}</th>
              <th scope="col">{t('col.from')}</th>
              <th scope="col">{t('col.to')}</th>
              <th scope="col" className="num">{t('col.duration')}</th>
              <th scope="col" className="num">{t('col.overdue')}</th>
            </tr>
          </thead>
          <tbody>
            {data.longestWaits.map((w) => (
              <tr key={`${w.caseId}\u0000${w.from}`} data-case={w.caseId}>
                <th scope="row">
                  <CaseLink data={data} id={w.caseId} />
                </th>
                <td>
                  {nameOf(data, w.personId) ?? w.personId}
                  <span className="muted stalls-unit">{nameOf(data, w.unitId) ?? t('noUnit')}</span>
                </td>
                <td>{tc(`role.${w.role}`)}</td>
                <td>{f.dateTime(w.from)}</td>
                <td>{f.dateTime(w.to)}</td>
                <td className="num">{d.both(w.ms)}</td>
                <td className="num">{w.overdueMs > 0 ? d.hours(w.overdueMs) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </Section>
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
      <Section id="stalls-passes" heading={t('passes.heading')} rows={pu.edges.length}>
        <TableWrap>
          <table className="stalls-table" data-table="passes">
            <caption>{t('passes.caption', of(pu.edges.length, pu.lengths.edges))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.fromUnit')}</th>
                <th scope="col">{t('col.toUnit')}</th>
                <th scope="col" className="num">{t('col.passes')}</th>
                <th scope="col" className="num">{t('col.meanWait')}</th>
              </tr>
            </thead>
            <tbody>
              {pu.edges.map((e) => (
                <tr key={`${e.from}\u0000${e.to}`}>
                  <th scope="row">{unit(e.from)}</th>
                  <td>{unit(e.to)}</td>
                  <td className="num">{f.number(e.count)}</td>
                  <td className="num">{d.span(e.meanWaitMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section id="stalls-refusals" heading={t('refusals.heading')} rows={pp.refused.length}>
        <TableWrap>
          <table className="stalls-table" data-table="refusals">
            <caption>{t('refusals.caption', of(pp.refused.length, pp.lengths.refused))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.askedBy')}</th>
                <th scope="col">{t('col.refusedBy')}</th>
                <th scope="col" className="num">{t('col.count')}</th>
              </tr>
            </thead>
            <tbody>
              {pp.refused.map((e) => (
                <tr key={`${e.from}\u0000${e.to}`}>
                  <th scope="row">{person(e.from)}</th>
                  <td>{person(e.to)}</td>
                  <td className="num">{f.number(e.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section id="stalls-pingpong" heading={t('pingPong.heading')} rows={pu.pingPong.length}>
        <TableWrap>
          <table className="stalls-table" data-table="ping-pong">
            <caption>{t('pingPong.caption', of(pu.pingPong.length, pu.lengths.pingPong))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.between')}</th>
                <th scope="col">{t('col.and')}</th>
                <th scope="col" className="num">{t('col.returns')}</th>
                <th scope="col" className="num">{t('col.cases')}</th>
              </tr>
            </thead>
            <tbody>
              {pu.pingPong.map((p) => (
                <tr key={`${p.a}\u0000${p.b}`}>
                  <th scope="row">{unit(p.a)}</th>
                  <td>{unit(p.b)}</td>
                  <td className="num">{f.number(p.returns)}</td>
                  <td className="num">{f.number(p.cases)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      <Section id="stalls-returning" heading={t('returning.heading')} rows={pu.returning.length}>
        <TableWrap>
          <table className="stalls-table" data-table="returning">
            <caption>{t('returning.caption', of(pu.returning.length, pu.lengths.returning))}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.case')}</th>
                <th scope="col" className="num">{t('col.returns')}</th>
                <th scope="col">{t('col.path')}</th>
              </tr>
            </thead>
            <tbody>
              {pu.returning.map((c) => (
                <tr key={c.caseId} data-case={c.caseId}>
                  <th scope="row">
                    <CaseLink data={data} id={c.caseId} />
                  </th>
                  <td className="num">{f.number(c.returns)}</td>
                  <td className="stalls-path">{c.keys.slice(0, PATH).map(unit).join(' → ') + (c.keys.length > PATH ? ' → …' : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
    </>
  );
}
