/** A unit's on-time rate month by month as a small inline SVG (bars, the rate's height; a month without verified cases has none). Decorative: the table beside it holds the same figures. */
import type { Scorecards } from './scorecardsModel.js';

const W = 24;
const H = 60;

/** The bars of one unit's months. */
export function TrendChart({ months }: { readonly months: Scorecards['units'][number]['months'] }) {
  const width = Math.max(1, months.length) * W;
  return (
    <svg className="score-trend" viewBox={`0 0 ${width} ${H + 14}`} width={Math.min(width, 480)} height={H + 14} aria-hidden="true" focusable="false">
      <line x1={0} x2={width} y1={H} y2={H} className="score-trend-axis" />
      {months.map((m, i) => {
        const rate = m.figures.onTimeRate;
        const h = rate === null ? 0 : Math.max(1, rate * H);
        return (
          <g key={m.month}>
            {rate !== null && <rect x={i * W + 3} y={H - h} width={W - 6} height={h} className="score-trend-bar" />}
            <text x={i * W + W / 2} y={H + 11} textAnchor="middle" className="score-trend-label">
              {m.month.slice(5)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
