/**
 * One row per unit below the board's unit (or per top unit the caller sees), each counted over its
 * subtree: the name narrows the board to the unit, each number opens the list of its cases.
 */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../format.js';
import { Empty } from '../../ui/states.js';
import { COUNTS, type Board, type CountKind } from './boardModel.js';
import { TableWrap } from '../../ui/TableWrap.js';

/** The table of units; `drill` links to the board of a unit, `href` to the list of a number. */
export function UnitTable({ board, drill, href, current }: {
  readonly board: Board;
  readonly drill: (unit: string) => string;
  readonly href: (kind: CountKind, unit: string) => string;
  readonly current: { readonly kind: CountKind; readonly unit: string | null } | null;
}) {
  const { t } = useTranslation('board');
  const f = useFormat();
  if (board.units.length === 0) return <Empty>{t('units.none')}</Empty>;
  return (
    <TableWrap>
      <table className="board-units">
        <caption className="visually-hidden">{t('units.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('units.unit')}</th>
            {COUNTS.map((kind) => (
              <th key={kind} scope="col" className="num">
                {t(`tile.${kind}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.units.map((u) => (
            <tr key={u.unitId}>
              <th scope="row">
                <Link to={drill(u.unitId)} title={t('units.narrow', { name: u.name })}>
                  {u.name}
                </Link>
              </th>
              {COUNTS.map((kind) => {
                const here = current !== null && current.kind === kind && current.unit === u.unitId;
                return (
                  <td key={kind} className={`num${kind === 'overdue' && u.overdue > 0 ? ' board-late' : ''}`}>
                    <Link
                      to={href(kind, u.unitId)}
                      aria-label={t('units.cell', { number: f.number(u[kind]), what: t(`tile.${kind}`), unit: u.name })}
                      aria-current={here ? 'true' : undefined}
                    >
                      {f.number(u[kind])}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
