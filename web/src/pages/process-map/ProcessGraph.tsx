/**
 * The process map drawn: an SVG laid out by dagre (layout.ts, loaded with this chunk only), each
 * activity a box shaded by its frequency, each pair an arrow as thick as it is frequent with its
 * count on it, and mean and median times on hover, focus or selection; the start and end markers
 * with the cases that start and end at each activity. Boxes and arrows are buttons (click, Enter
 * or Space) that select what the side panel shows; zoom in and out (then it scrolls within its
 * frame), or fit to the frame's width. Activities with no arrow shown are left out of the drawing
 * and named in a note under it, each a button that selects it.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.js';
import { END, layoutMap, pathThrough, START, type PlacedEdge, type PlacedNode } from './layout.js';
import { thickness, type MapEdge, type ProcessMap } from './processMapModel.js';
import type { Selection } from './Selection.js';
import { useSpan } from './useSpan.js';

/** What the graph is given. */
export interface ProcessGraphProps {
  readonly map: ProcessMap;
  readonly shown: readonly MapEdge[];
  readonly selection: Selection | null;
  readonly onSelect: (s: Selection | null) => void;
  readonly label: (activity: string) => string;
}

/** A box's fill and ink for a frequency in 0–1: pale blue to the app's dark blue, the ink readable on it. */
function shade(ratio: number): { fill: string; ink: string; sub: string } {
  const t = Math.sqrt(Math.max(0, Math.min(1, ratio)));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * t);
  const fill = `rgb(${mix(232, 21)}, ${mix(240, 62)}, ${mix(250, 117)})`;
  return t > 0.55 ? { fill, ink: '#ffffff', sub: '#e6edf7' } : { fill, ink: '#1b1f24', sub: '#3d4650' };
}

function onActivate(select: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select();
    }
  };
}

/** The process map as an interactive SVG. */
export default function ProcessGraph({ map, shown, selection, onSelect, label }: ProcessGraphProps) {
  const { t } = useTranslation('processmap');
  const span = useSpan();
  const f = useFormat();
  /** 1: the drawing fits the frame's width (never larger than its natural size); above 1, that many times wider, scrolled within the frame. */
  const [zoom, setZoom] = useState(1);
  const layout = useMemo(() => layoutMap(map, shown, label), [map, shown, label]);
  const maxNode = Math.max(1, ...map.activities.map((a) => a.count));
  const maxEdge = Math.max(1, ...shown.map((e) => e.count), ...map.starts.map((s) => s.count), ...map.ends.map((s) => s.count));
  const selectedNode = selection?.kind === 'node' ? selection.name : null;
  const selectedEdge = selection?.kind === 'edge' ? selection.key : null;
  const near = (e: PlacedEdge): boolean => selectedNode !== null && (e.from === selectedNode || e.to === selectedNode);

  const markerText = (id: string): string => `${id === START ? t('start') : t('end')} (${f.number(map.cases)})`;
  // The markers' labels stand to their right, outside what dagre laid out: the drawing is widened to hold them.
  const width = Math.ceil(Math.max(layout.width, ...layout.nodes.filter((n) => n.id === START || n.id === END).map((n) => n.x + n.width / 2 + 6 + markerText(n.id).length * 7.4 + 8)));

  const marker = (n: PlacedNode) => {
    const isStart = n.id === START;
    return (
      <g key={n.id} className={isStart ? 'pm-start' : 'pm-end'} aria-hidden="true">
        {isStart ? <circle cx={n.x} cy={n.y} r={n.width / 2} /> : <rect x={n.x - n.width / 2} y={n.y - n.height / 2} width={n.width} height={n.height} rx={4} />}
        <text x={n.x + n.width / 2 + 6} y={n.y + 4} className="pm-marker-label">
          {markerText(n.id)}
        </text>
      </g>
    );
  };

  const box = (n: PlacedNode) => {
    const { fill, ink, sub } = shade(n.count / maxNode);
    const selected = selectedNode === n.id;
    const words = label(n.id);
    return (
      <g
        key={n.id}
        className={`pm-node${selected ? ' is-selected' : ''}`}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={t('node', { name: words, count: f.number(n.count) })}
        data-activity={n.id}
        onClick={() => onSelect(selected ? null : { kind: 'node', name: n.id })}
        onKeyDown={onActivate(() => onSelect(selected ? null : { kind: 'node', name: n.id }))}
      >
        <rect x={n.x - n.width / 2} y={n.y - n.height / 2} width={n.width} height={n.height} rx={7} style={{ fill }} />
        <text x={n.x} y={n.y - 3} textAnchor="middle" className="pm-node-name" style={{ fill: ink }}>
          {words}
        </text>
        <text x={n.x} y={n.y + 14} textAnchor="middle" className="pm-node-count" style={{ fill: sub }}>
          {f.number(n.count)}
        </text>
      </g>
    );
  };

  const arrow = (e: PlacedEdge) => {
    const d = pathThrough(e.points);
    const width = thickness(e.count, maxEdge);
    if (e.edge === null) {
      return (
        <g key={e.key} className="pm-edge pm-edge-marker" aria-hidden="true">
          <path d={d} style={{ strokeWidth: width }} markerEnd="url(#pm-arrow-muted)" />
          <text x={e.labelX} y={e.labelY + 4} textAnchor="middle" className="pm-edge-count">
            {f.number(e.count)}
          </text>
        </g>
      );
    }
    const edge = e.edge;
    const selected = selectedEdge === e.key;
    const from = label(edge.from);
    const to = label(edge.to);
    const mean = span(edge.meanMs);
    const median = span(edge.medianMs);
    const select = () => onSelect(selected ? null : { kind: 'edge', key: e.key });
    return (
      <g
        key={e.key}
        className={`pm-edge${selected ? ' is-selected' : ''}${near(e) ? ' is-near' : ''}`}
        role="button"
        tabIndex={0}
        aria-pressed={selected}
        aria-label={t('edge', { from, to, count: f.number(edge.count) })}
        data-from={edge.from}
        data-to={edge.to}
        onClick={select}
        onKeyDown={onActivate(select)}
      >
        <title>{t('edgeTitle', { from, to, count: f.number(edge.count), mean, median })}</title>
        <path d={d} className="pm-edge-hit" />
        <path d={d} className="pm-edge-line" style={{ strokeWidth: width }} markerEnd={selected ? 'url(#pm-arrow-selected)' : 'url(#pm-arrow)'} />
        <text x={e.labelX} y={e.labelY + 4} textAnchor="middle" className="pm-edge-count">
          {f.number(edge.count)}
        </text>
        <text x={e.labelX} y={e.labelY + 20} textAnchor="middle" className="pm-edge-more">
          {t('edgeMore', { mean, median })}
        </text>
      </g>
    );
  };

  const arrows = [...layout.edges].sort((a, b) => Number(a.key === selectedEdge || near(a)) - Number(b.key === selectedEdge || near(b)));
  return (
    <div className="pm-graph">
      <div className="pm-graph-tools" role="group" aria-label={t('zoom')}>
        <button type="button" onClick={() => setZoom(Math.max(1, zoom / 1.5))} disabled={zoom <= 1}>
          {t('zoomOut')}
        </button>
        <button type="button" onClick={() => setZoom(Math.min(8, zoom * 1.5))} disabled={zoom >= 8}>
          {t('zoomIn')}
        </button>
        <button type="button" onClick={() => setZoom(1)} disabled={zoom === 1}>
          {t('fit')}
        </button>
      </div>
      <div className={`pm-canvas${zoom === 1 ? '' : ' is-zoomed'}`} role="region" aria-label={t('canvas')} tabIndex={0}>
        <svg
          role="group"
          aria-label={t('graph', { cases: f.number(map.cases) })}
          viewBox={`0 0 ${width} ${layout.height}`}
          width={zoom === 1 ? '100%' : `${zoom * 100}%`}
          style={{ maxWidth: width * Math.max(1, zoom / 1.5) }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onSelect(null);
          }}
        >
          <title>{t('graph', { cases: f.number(map.cases) })}</title>
          <defs>
            {(['pm-arrow', 'pm-arrow-muted', 'pm-arrow-selected'] as const).map((id) => (
              <marker key={id} id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse" className={id}>
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
          </defs>
          <g className="pm-edges">{arrows.map(arrow)}</g>
          <g className="pm-nodes">{layout.nodes.map((n) => (n.id === START || n.id === END ? marker(n) : box(n)))}</g>
        </svg>
      </div>
      {layout.hidden.length > 0 && (
        <p className="muted pm-hidden-note" data-testid="pm-hidden-note">
          {t('hiddenNote', { count: layout.hidden.length, number: f.number(layout.hidden.length) })}{' '}
          {layout.hidden.map((name, i) => (
            <span key={name}>
              {i > 0 && ', '}
              <button type="button" className="pm-link" data-activity={name} aria-pressed={selectedNode === name} onClick={() => onSelect(selectedNode === name ? null : { kind: 'node', name })}>
                {label(name)}
              </button>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
