/**
 * A table of scorecard figures, one row per unit (the league table) or per month (a unit's trend):
 * issued, verified, on time (its rate beside), the median time to verification, hours held,
 * escalations, rejections, reopenings and extensions. Every count opens to its cases.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { FigureButton } from './FigureButton.js';
import { hoursOf, type FigureKey, type Figures, type OpenFigure } from './scorecardsModel.js';

/** One row: its key, its heading cell, the unit and month its figures open to, and the figures. */
export interface ScoreRow {
  readonly key: string;
  readonly rank?: number;
  readonly heading: ReactNode;
  /** The row's name in words, for the labels of its buttons. */
  readonly where: string;
  readonly unit: string;
  readonly month: string | null;
  readonly figures: Figures;
}

const COUNTS: readonly FigureKey[] = ['escalations', 'rejections', 'reopenings', 'extensions'];

/** The table; `headingLabel` names the first column (unit or month). */
export function ScoreTable({ caption, headingLabel, rows, open, onOpen, ranked }: {
  readonly caption: string;
  readonly headingLabel: string;
  readonly rows: readonly ScoreRow[];
  readonly open: OpenFigure | null;
  readonly onOpen: (o: OpenFigure) => void;
  readonly ranked?: boolean;
}) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const cell = (r: ScoreRow, figure: FigureKey, value: number) => (
    <FigureButton
      value={value}
      where={r.where}
      target={{ unit: r.unit, figure, month: r.month }}
      onOpen={onOpen}
      opened={open !== null && open.unit === r.unit && open.figure === figure && open.month === r.month}
    />
  );
  return (
    <TableWrap>
      <table className="score-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {ranked === true && (
              <th scope="col" className="num">
                {t('col.rank')}
              </th>
            )}
            <th scope="col">{headingLabel}</th>
            <th scope="col" className="num">{t('figure.issued')}</th>
            <th scope="col" className="num">{t('figure.verified')}</th>
            <th scope="col" className="num">{t('figure.verifiedOnTime')}</th>
            <th scope="col" className="num">{t('col.rate')}</th>
            <th scope="col" className="num">{t('col.median')}</th>
            <th scope="col" className="num">{t('figure.held')}</th>
            {COUNTS.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`figure.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-unit={r.unit} data-month={r.month ?? undefined}>
              {ranked === true && <td className="num">{r.rank}</td>}
              <th scope="row">{r.heading}</th>
              <td className="num" data-figure="issued">{cell(r, 'issued', r.figures.issued)}</td>
              <td className="num" data-figure="verified">{cell(r, 'verified', r.figures.verified)}</td>
              <td className="num" data-figure="verifiedOnTime">{cell(r, 'verifiedOnTime', r.figures.verifiedOnTime)}</td>
              <td className="num" data-figure="onTimeRate">{r.figures.onTimeRate === null ? '—' : f.percent(r.figures.onTimeRate)}</td>
              <td className="num" data-figure="median">{r.figures.medianToVerifiedMs === null ? '—' : f.hours(hoursOf(r.figures.medianToVerifiedMs))}</td>
              <td className="num" data-figure="held">
                {r.figures.heldMs === 0 ? (
                  '—'
                ) : (
                  <FigureButton
                    value={Math.round(hoursOf(r.figures.heldMs))}
                    where={r.where}
                    target={{ unit: r.unit, figure: 'held', month: r.month }}
                    onOpen={onOpen}
                    opened={open !== null && open.unit === r.unit && open.figure === 'held' && open.month === r.month}
                  />
                )}
              </td>
              {COUNTS.map((k) => (
                <td key={k} className="num" data-figure={k}>
                  {cell(r, k, r.figures[k as 'escalations'])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
