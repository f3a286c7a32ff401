/**
 * One ranking of the main link (by person, unit or step): a row per key — its label a button that
 * opens its evidence (aria-expanded), then its overdue hours, overdue cases and the dependent cases
 * it blocks — the first row marked as the main link.
 */
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { EvidenceTable } from './EvidenceTable.js';
import { wholeHours, type LinkKind, type LinkRow, type MainLink } from './mainLinkModel.js';

const COLUMNS = 4;

/** The table of one ranking; `label` names a row's key. */
export function LinkTable({ data, kind, label }: { readonly data: MainLink; readonly kind: LinkKind; readonly label: (row: LinkRow) => string }) {
  const { t } = useTranslation('mainlink');
  const f = useFormat();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const ranking = data[kind];
  const toggle = (key: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <TableWrap>
      <table className="main-link-table" data-kind={kind}>
        <caption className="visually-hidden">{t(`caption.${kind}`, { shown: f.number(ranking.rows.length), total: f.number(ranking.count) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`column.${kind}`)}</th>
            <th scope="col" className="num">
              {t('column.hours')}
            </th>
            <th scope="col" className="num">
              {t('column.cases')}
            </th>
            <th scope="col" className="num">
              {t('column.blocked')}
            </th>
          </tr>
        </thead>
        <tbody>
          {ranking.rows.map((row, i) => {
            const expanded = open.has(row.key);
            const detailId = `main-link-${kind}-${i}`;
            const name = label(row);
            return (
              <Fragment key={row.key}>
                <tr className={i === 0 ? 'main-link-first' : undefined}>
                  <th scope="row">
                    <button type="button" className="main-link-disclosure" aria-expanded={expanded} aria-controls={expanded ? detailId : undefined} onClick={() => toggle(row.key)}>
                      {name}
                    </button>
                    {i === 0 && <span className="badge main-link-badge">{t('badge')}</span>}
                  </th>
                  <td className="num">{f.number(wholeHours(row.overdueMs))}</td>
                  <td className="num">{f.number(row.cases)}</td>
                  <td className="num">{f.number(row.blocked)}</td>
                </tr>
                {expanded && (
                  <tr id={detailId} className="main-link-detail">
                    <td colSpan={COLUMNS}>
                      <EvidenceTable data={data} row={row} label={name} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
