/**
 * The side panel of the process map: the figures of what is selected — an activity (how often,
 * its share of the events, the cases starting and ending there, the most frequent steps in and
 * out) or a pair (how often, its share of the steps out of its first activity, mean and median
 * time) — or a hint when nothing is. Announced politely when the selection changes.
 */
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { edgeKey, type MapEdge, type ProcessMap } from './processMapModel.js';
import type { Selection } from './Selection.js';
import { useSpan } from './useSpan.js';

/** The panel for the selection on `map`. */
export function SelectionPanel({ map, selection, onSelect, label }: { readonly map: ProcessMap; readonly selection: Selection | null; readonly onSelect: (s: Selection | null) => void; readonly label: (activity: string) => string }) {
  const { t } = useTranslation('processmap');
  const f = useFormat();
  const span = useSpan();
  const countOf = (list: ProcessMap['starts'], name: string): number => list.find((x) => x.name === name)?.count ?? 0;
  const steps = (edges: readonly MapEdge[], other: (e: MapEdge) => string) => (
    <ul className="pm-steps">
      {edges.slice(0, 5).map((e) => (
        <li key={edgeKey(e)}>
          <button type="button" className="pm-link" onClick={() => onSelect({ kind: 'edge', key: edgeKey(e) })}>
            {label(other(e))}
          </button>{' '}
          <span className="muted">({f.number(e.count)})</span>
        </li>
      ))}
    </ul>
  );

  let body;
  if (selection === null) body = <p className="muted">{t('panel.empty')}</p>;
  else if (selection.kind === 'node') {
    const name = selection.name;
    const count = countOf(map.activities, name);
    const into = map.edges.filter((e) => e.to === name);
    const out = map.edges.filter((e) => e.from === name);
    body = (
      <>
        <h3>{label(name)}</h3>
        <dl className="pm-figures">
          <dt>{t('panel.occurrences')}</dt>
          <dd>
            {f.number(count)} <span className="muted">({t('panel.ofEvents', { share: f.percent(map.events === 0 ? 0 : count / map.events) })})</span>
          </dd>
          <dt>{t('panel.starts')}</dt>
          <dd>{f.number(countOf(map.starts, name))}</dd>
          <dt>{t('panel.ends')}</dt>
          <dd>{f.number(countOf(map.ends, name))}</dd>
        </dl>
        {into.length > 0 && (
          <>
            <h4>{t('panel.into')}</h4>
            {steps(into, (e) => e.from)}
          </>
        )}
        {out.length > 0 && (
          <>
            <h4>{t('panel.outOf')}</h4>
            {steps(out, (e) => e.to)}
          </>
        )}
      </>
    );
  } else {
    const edge = map.edges.find((e) => edgeKey(e) === selection.key);
    if (edge === undefined) body = <p className="muted">{t('panel.empty')}</p>;
    else {
      const outOf = map.edges.filter((e) => e.from === edge.from).reduce((n, e) => n + e.count, 0);
      body = (
        <>
          <h3>
            {label(edge.from)} → {label(edge.to)}
          </h3>
          <dl className="pm-figures">
            <dt>{t('panel.count')}</dt>
            <dd data-figure="count">
              {f.number(edge.count)} <span className="muted">({t('panel.ofOut', { share: f.percent(outOf === 0 ? 0 : edge.count / outOf), from: label(edge.from) })})</span>
            </dd>
            <dt>{t('panel.mean')}</dt>
            <dd data-figure="mean">{span(edge.meanMs)}</dd>
            <dt>{t('panel.median')}</dt>
            <dd data-figure="median">{span(edge.medianMs)}</dd>
          </dl>
        </>
      );
    }
  }
  return (
    <aside className="pm-panel" aria-labelledby="pm-panel-title">
      <div className="pm-panel-head">
        <h2 id="pm-panel-title">{t('panel.title')}</h2>
        {selection !== null && (
          <button type="button" className="pm-link" onClick={() => onSelect(null)}>
            {t('panel.close')}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="pm-selection">
        {body}
      </div>
    </aside>
  );
}
