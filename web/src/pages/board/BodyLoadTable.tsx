/**
 * The bodies' agendas and their load, the top body first: open and scheduled items (each a link to
 * the agenda panel listing them), the shares returned to the competent level and brought by the
 * ladder, and the mean time an item spends on the agenda.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import type { AgendaView, BoardBody } from './boardModel.js';
import { TableWrap } from '../../ui/TableWrap.js';

/** The table of bodies; `href` links to a body's agenda panel showing some of its items. */
export function BodyLoadTable({ bodies, href, current }: {
  readonly bodies: readonly BoardBody[];
  readonly href: (bodyId: string, view: AgendaView) => string;
  readonly current: { readonly bodyId: string; readonly view: AgendaView } | null;
}) {
  const { t } = useTranslation('board');
  const f = useFormat();
  const rows = [...bodies].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
  if (rows.length === 0) return <Empty>{t('bodies.none')}</Empty>;
  const share = (r: number | null) => (r === null ? '—' : f.percent(r));
  const here = (b: BoardBody, view: AgendaView) => (current !== null && current.bodyId === b.bodyId && current.view === view ? 'true' : undefined);
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{t('bodies.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bodies.body')}</th>
            <th scope="col" className="num">
              {t('bodies.level')}
            </th>
            <th scope="col" className="num">
              {t('bodies.open')}
            </th>
            <th scope="col" className="num">
              {t('bodies.scheduled')}
            </th>
            <th scope="col" className="num">
              {t('bodies.returned')}
            </th>
            <th scope="col" className="num">
              {t('bodies.byLadder')}
            </th>
            <th scope="col" className="num">
              {t('bodies.meanTime')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.bodyId}>
              <th scope="row">
                <Link to={href(b.bodyId, 'all')} aria-current={here(b, 'all')}>
                  {b.name}
                </Link>
              </th>
              <td className="num">{f.number(b.level)}</td>
              <td className="num">
                <Link to={href(b.bodyId, 'open')} aria-label={t('bodies.openCell', { number: f.number(b.open), name: b.name })} aria-current={here(b, 'open')}>
                  {f.number(b.open)}
                </Link>
              </td>
              <td className="num">
                <Link to={href(b.bodyId, 'scheduled')} aria-label={t('bodies.scheduledCell', { number: f.number(b.scheduled), name: b.name })} aria-current={here(b, 'scheduled')}>
                  {f.number(b.scheduled)}
                </Link>
              </td>
              <td className="num">{share(b.returnedShare)}</td>
              <td className="num">{share(b.byLadderShare)}</td>
              <td className="num">{b.meanHoursOnAgenda === null ? '—' : f.hours(b.meanHoursOnAgenda)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
