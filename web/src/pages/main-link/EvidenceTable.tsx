/**
 * The evidence behind one row of a ranking: its overdue cases, most overdue first — each linking to
 * its case page — with what it waits for, who holds it and since when, its deadline, the hours past
 * the deadline in this holding, and the cases it blocks (linked too); and how many are not listed.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { evidenceOf, nameOf, wholeHours, type LinkRow, type MainLink } from './mainLinkModel.js';

/** The evidence table of `row`, captioned with the row's label. */
export function EvidenceTable({ data, row, label }: { readonly data: MainLink; readonly row: LinkRow; readonly label: string }) {
  const { t } = useTranslation('mainlink');
  const f = useFormat();
  const cases = evidenceOf(data, row);
  const titleOf = (id: string): string => data.titles[id] ?? data.cases.find((c) => c.caseId === id)?.title ?? id;
  return (
    <div className="main-link-evidence">
      <table className="main-link-cases">
        <caption>{t('evidence.caption', { label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evidence.case')}</th>
            <th scope="col">{t('evidence.holder')}</th>
            <th scope="col">{t('evidence.step')}</th>
            <th scope="col">{t('evidence.since')}</th>
            <th scope="col">{t('evidence.deadline')}</th>
            <th scope="col" className="num">
              {t('evidence.hours')}
            </th>
            <th scope="col">{t('evidence.blocks')}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.caseId} data-case={c.caseId}>
              <th scope="row">
                <Link to={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link>
              </th>
              <td>
                {nameOf(data, c.personId)}
                <span className="muted main-link-unit">{nameOf(data, c.unitId) ?? t('noUnit')}</span>
              </td>
              <td>{t(`step.${c.step}`)}</td>
              <td>{f.dateTime(c.since)}</td>
              <td>{f.dateTime(c.deadline)}</td>
              <td className="num">{f.number(wholeHours(c.heldOverdueMs))}</td>
              <td>
                {c.blockedIds.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="main-link-blocked">
                    {c.blockedIds.map((id) => (
                      <li key={id}>
                        <Link to={`/cases/${encodeURIComponent(id)}`}>{titleOf(id)}</Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.cases > cases.length && <p className="muted">{t('evidence.more', { shown: f.number(cases.length), total: f.number(row.cases) })}</p>}
    </div>
  );
}
