/** The open cases at each level of the escalation ladder, each count a link to the list of them. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import type { Board } from './boardModel.js';
import { TableWrap } from '../../ui/TableWrap.js';

/** A row per ladder level; `href` links to the list of a level's cases, `current` is the level listed. */
export function EscalationTable({ escalations, href, current }: { readonly escalations: Board['escalations']; readonly href: (level: number) => string; readonly current: number | null }) {
  const { t } = useTranslation('board');
  const f = useFormat();
  const rows = [...escalations].sort((a, b) => a.level - b.level);
  if (rows.length === 0) return <Empty>{t('escalations.none')}</Empty>;
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{t('escalations.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('escalations.level')}</th>
            <th scope="col" className="num">
              {t('escalations.cases')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.level}>
              <th scope="row">{t('escalations.levelN', { level: e.level })}</th>
              <td className="num">
                <Link
                  to={href(e.level)}
                  aria-label={t('escalations.cell', { number: f.number(e.count), level: e.level })}
                  aria-current={current === e.level ? 'true' : undefined}
                >
                  {f.number(e.count)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
