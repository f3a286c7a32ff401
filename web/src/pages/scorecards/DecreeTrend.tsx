/**
 * A body's flow month by month (GET /decree-inflation's `months`): a small inline chart for its row
 * of the decree table — for each month, its cases issued beside those verified — and the table of
 * its months (decisions dated, cases issued, verified, on time, and issued − verified) shown when
 * the body is opened, each of its figures but the last opening, below the table, to the decisions
 * or cases behind it. The chart is decorative: the table holds the same figures.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { DecreeCasesPanel, type OpenDecreeFigure } from './DecreeCasesPanel.js';
import type { DecreeFigure, DecreeInflation } from './scorecardsModel.js';

/** One body's months as the API gives them. */
export type BodyMonths = DecreeInflation['bodies'][number]['months'];

const STEP = 12;
const BAR = 4;
const H = 22;

/** Paired bars per month, issued (left) and verified (right), scaled to the body's busiest month; months without either show nothing. */
export function DecreeSpark({ months }: { readonly months: BodyMonths }) {
  const max = Math.max(1, ...months.map((m) => Math.max(m.issued, m.verified)));
  const width = Math.max(1, months.length) * STEP;
  const bar = (n: number, x: number, cls: string) => (n === 0 ? null : <rect x={x} y={H - Math.max(1, (n / max) * H)} width={BAR} height={Math.max(1, (n / max) * H)} className={cls} />);
  return (
    <svg className="score-spark" viewBox={`0 0 ${width} ${H + 1}`} width={width} height={H + 1} aria-hidden="true" focusable="false">
      <line x1={0} x2={width} y1={H + 0.5} y2={H + 0.5} className="score-trend-axis" />
      {months.map((m, i) => (
        <g key={m.month}>
          {bar(m.issued, i * STEP + 2, 'score-spark-issued')}
          {bar(m.verified, i * STEP + 2 + BAR, 'score-spark-verified')}
        </g>
      ))}
    </svg>
  );
}

/** The figures of a month that open to what is behind them, in the table's order. */
const MONTH_FIGURES: readonly DecreeFigure[] = ['decisions', 'issued', 'verified', 'verifiedOnTime'];

/**
 * The table of a body's months, each figure other than zero a button that opens (and, pressed again,
 * closes) the decisions or cases behind it below the table; `body` is the body's name, for the
 * caption and the labels; `period` is the one the months were counted over.
 */
export function DecreeMonths({ bodyId, body, months, period }: { readonly bodyId: string; readonly body: string; readonly months: BodyMonths; readonly period: { readonly from: string; readonly to: string } }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const [opened, setOpen] = useState<OpenDecreeFigure | null>(null);
  // A month the period (changed since) no longer has closes its list.
  const open = opened !== null && months.some((m) => m.month === opened.month) ? opened : null;
  const signed = (n: number): string => (n > 0 ? `+${f.number(n)}` : n < 0 ? `−${f.number(-n)}` : f.number(0));
  const figure = (month: string, key: DecreeFigure, value: number) => {
    if (value === 0) return f.number(0);
    const pressed = open !== null && open.month === month && open.figure === key;
    return (
      <button
        type="button"
        className="link-button score-figure"
        aria-pressed={pressed}
        aria-label={t(key === 'decisions' ? 'decree.openDecisions' : 'openFigure', { figure: t(`decree.months.${key}`), where: `${body}, ${month}`, number: f.number(value) })}
        onClick={() => setOpen(pressed ? null : { bodyId, month, figure: key })}
      >
        {f.number(value)}
      </button>
    );
  };
  return (
    <>
      <table className="score-table score-decree-months">
        <caption>{t('decree.months.caption', { body })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('decree.months.month')}</th>
            <th scope="col" className="num">{t('decree.months.decisions')}</th>
            <th scope="col" className="num">{t('decree.months.issued')}</th>
            <th scope="col" className="num">{t('decree.months.verified')}</th>
            <th scope="col" className="num">{t('decree.months.verifiedOnTime')}</th>
            <th scope="col" className="num">{t('decree.months.net')}</th>
          </tr>
        </thead>
        <tbody>
          {months.map((m) => (
            <tr key={m.month} data-month={m.month}>
              <th scope="row">{m.month}</th>
              {MONTH_FIGURES.map((key) => (
                <td key={key} className="num" data-figure={key}>
                  {figure(m.month, key, m[key])}
                </td>
              ))}
              <td className={`num${m.issued > m.verified ? ' score-net-up' : ''}`} data-figure="net">{signed(m.issued - m.verified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open !== null && <DecreeCasesPanel open={open} period={period} body={body} close={() => setOpen(null)} />}
    </>
  );
}
