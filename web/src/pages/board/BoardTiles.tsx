/** The board's totals as tiles, each a link to the list of the cases it counts. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { COUNTS, type BoardCounts, type CountKind } from './boardModel.js';

/** Five tiles (open, overdue, due soon, submitted, escalated); the one whose list is shown is marked current. */
export function BoardTiles({ totals, soonDays, current, href }: { readonly totals: BoardCounts; readonly soonDays: number; readonly current: CountKind | null; readonly href: (kind: CountKind) => string }) {
  const { t } = useTranslation('board');
  const f = useFormat();
  return (
    <ul className="board-tiles" aria-label={t('totals')}>
      {COUNTS.map((kind) => (
        <li key={kind}>
          <Link to={href(kind)} className={`stat board-tile board-tile-${kind}`} aria-current={current === kind ? 'true' : undefined}>
            <span className="label">{t(`tile.${kind}`)}</span> <span className="value">{f.number(totals[kind])}</span>{' '}
            <span className="hint">{t(`tileHint.${kind}`, { count: soonDays })}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
