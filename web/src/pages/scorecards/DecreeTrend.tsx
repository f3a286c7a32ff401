/**
 * A body's flow month by month (GET /decree-inflation's `months`): a small inline chart for its row
 * of the decree table — for each month, its cases issued beside those verified — and the table of
 * its months (decisions dated, cases issued, verified, on time, and issued − verified) shown when
 * the body is opened. The chart is decorative: the table holds the same figures.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import type { DecreeInflation } from './scorecardsModel.js';

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

/** The table of a body's months; `body` is its name, for the caption. */
export function DecreeMonths({ body, months }: { readonly body: string; readonly months: BodyMonths }) {
  const { t } = useTranslation('scorecards');
  const f = useFormat();
  const signed = (n: number): string => (n > 0 ? `+${f.number(n)}` : n < 0 ? `−${f.number(-n)}` : f.number(0));
  return (
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
            <td className="num" data-figure="decisions">{f.number(m.decisions)}</td>
            <td className="num" data-figure="issued">{f.number(m.issued)}</td>
            <td className="num" data-figure="verified">{f.number(m.verified)}</td>
            <td className="num" data-figure="verifiedOnTime">{f.number(m.verifiedOnTime)}</td>
            <td className={`num${m.issued > m.verified ? ' score-net-up' : ''}`} data-figure="net">{signed(m.issued - m.verified)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
