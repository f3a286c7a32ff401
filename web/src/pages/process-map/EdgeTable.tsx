/**
 * Every pair of the process map as a table — the accessible alternative to the drawing: from, then,
 * how often, mean and median time, most frequent first; a pair the map hides (below the paths
 * shown) says so. Each pair is a button that selects it on the map.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { TableWrap } from '../../ui/TableWrap.js';
import { edgeKey, type MapEdge } from './processMapModel.js';
import type { Selection } from './Selection.js';
import { useSpan } from './useSpan.js';

/** The table of `edges`; `shown` holds the keys of those drawn. */
export function EdgeTable({ edges, shown, selection, onSelect, label }: { readonly edges: readonly MapEdge[]; readonly shown: ReadonlySet<string>; readonly selection: Selection | null; readonly onSelect: (s: Selection | null) => void; readonly label: (activity: string) => string }) {
  const { t } = useTranslation('processmap');
  const f = useFormat();
  const span = useSpan();
  return (
    <TableWrap>
      <table className="pm-table">
        <caption>{t('table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.from')}</th>
            <th scope="col">{t('table.to')}</th>
            <th scope="col" className="num">
              {t('table.count')}
            </th>
            <th scope="col" className="num">
              {t('table.mean')}
            </th>
            <th scope="col" className="num">
              {t('table.median')}
            </th>
          </tr>
        </thead>
        <tbody>
          {edges.map((e) => {
            const key = edgeKey(e);
            const selected = selection?.kind === 'edge' && selection.key === key;
            return (
              <tr key={key} data-from={e.from} data-to={e.to} className={selected ? 'is-selected' : undefined}>
                <th scope="row">
                  <button type="button" className="pm-link" aria-pressed={selected} aria-label={t('table.select', { from: label(e.from), to: label(e.to) })} onClick={() => onSelect(selected ? null : { kind: 'edge', key })}>
                    {label(e.from)}
                  </button>
                </th>
                <td>
                  {label(e.to)}
                  {!shown.has(key) && <span className="muted pm-hidden"> ({t('table.hidden')})</span>}
                </td>
                <td className="num" data-cell="count">
                  {f.number(e.count)}
                </td>
                <td className="num" data-cell="mean">
                  {span(e.meanMs)}
                </td>
                <td className="num" data-cell="median">
                  {span(e.medianMs)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
