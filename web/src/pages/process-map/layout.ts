/**
 * The process map laid out with dagre (@dagrejs/dagre, MIT): activities as boxes ranked top to
 * bottom, a start and an end marker, and the pairs shown as routed edges with a place for their
 * label. An activity none of whose arrows is shown (all below the paths kept) is left out of the
 * drawing and named in `hidden`, as Disco and ProM do — dagre would put such a lone box at the top
 * left, over the graph; the start and end markers are always drawn. Only the graph's chunk imports
 * this (dagre is loaded when a map is first drawn).
 */
import dagre from '@dagrejs/dagre';
import { edgeKey, type MapEdge, type ProcessMap } from './processMapModel.js';

/** The start and end markers' ids (not activity names: those never hold a NUL). */
export const START = '\u0000start';
export const END = '\u0000end';

/** A box placed: its centre and size. */
export interface PlacedNode {
  readonly id: string;
  readonly count: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** An edge routed: its points, and where its label sits. */
export interface PlacedEdge {
  readonly key: string;
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** The pair of the API; null for the edges from the start or to the end marker. */
  readonly edge: MapEdge | null;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
  readonly labelX: number;
  readonly labelY: number;
}

/** The whole drawing, and the activities left out of it (no arrow of theirs shown), most frequent first. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly hidden: readonly string[];
}

const CHAR = 7.4;
const BOX_HEIGHT = 46;
const MARKER = 30;

/** Lays out the activities with an arrow shown (boxes sized for their `label`), the `shown` pairs, and the start and end markers with the arrows of their case counts (those as frequent as the pairs shown); the other activities are `hidden`. */
export function layoutMap(map: ProcessMap, shown: readonly MapEdge[], label: (activity: string) => string): Layout {
  const g = new dagre.graphlib.Graph<Record<string, unknown>, { width: number; height: number }, { width: number; height: number; labelpos: 'c'; weight: number; minlen: number }>();
  g.setGraph({ rankdir: 'TB', nodesep: 22, edgesep: 10, ranksep: 50, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({ width: 0, height: 0, labelpos: 'c', weight: 1, minlen: 1 }));
  const counts = new Map(map.activities.map((a) => [a.name, a.count]));
  const markers = map.cases > 0;
  // The start and end arrows follow the paths shown: none rarer than the rarest pair drawn (but always the most frequent of each).
  const floor = shown.length === 0 ? 0 : Math.min(...shown.map((e) => e.count));
  const frequent = (list: ProcessMap['starts']) => list.filter((s, i) => i === 0 || s.count >= floor);
  const all: Array<{ from: string; to: string; count: number; edge: MapEdge | null }> = [
    ...(markers ? frequent(map.starts).map((s) => ({ from: START, to: s.name, count: s.count, edge: null })) : []),
    ...shown.map((e) => ({ from: e.from, to: e.to, count: e.count, edge: e })),
    ...(markers ? frequent(map.ends).map((s) => ({ from: s.name, to: END, count: s.count, edge: null })) : []),
  ];
  const linked = new Set(all.flatMap((e) => [e.from, e.to]));
  const hidden: string[] = [];
  for (const a of map.activities) {
    if (linked.has(a.name)) g.setNode(a.name, { width: Math.max(120, label(a.name).length * CHAR + 30), height: BOX_HEIGHT });
    else hidden.push(a.name);
  }
  if (markers) {
    g.setNode(START, { width: MARKER, height: MARKER });
    g.setNode(END, { width: MARKER, height: MARKER });
  }
  for (const e of all) g.setEdge(e.from, e.to, { width: String(e.count).length * 8 + 10, height: 16, labelpos: 'c', weight: Math.max(1, Math.round(Math.log2(e.count + 1))), minlen: 1 });
  dagre.layout(g);
  const nodes: PlacedNode[] = g.nodes().map((id) => {
    const n = g.node(id) as { x: number; y: number; width: number; height: number };
    return { id, count: counts.get(id) ?? 0, x: n.x, y: n.y, width: n.width, height: n.height };
  });
  const edges: PlacedEdge[] = all.map((e) => {
    const l = g.edge(e.from, e.to) as { points?: Array<{ x: number; y: number }>; x?: number; y?: number };
    const points = l.points ?? [];
    // On the curve drawn (pathThrough), not on dagre's polyline: a long arrow's curve strays far from its label point.
    const mid = middleOfPath(points) ?? { x: l.x ?? 0, y: l.y ?? 0 };
    return { key: e.edge === null ? `${e.from}\u0001${e.to}` : edgeKey(e.edge), from: e.from, to: e.to, count: e.count, edge: e.edge, points, labelX: mid.x, labelY: mid.y };
  });
  const size = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges, hidden: [...hidden].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0)) };
}

/** The point halfway along the middle piece of the curve `pathThrough` draws through the points (undefined without points). */
export function middleOfPath(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): { x: number; y: number } | undefined {
  const p = points;
  if (p.length === 0) return undefined;
  if (p.length <= 2) {
    const a = p[0] as { x: number; y: number };
    const b = p[p.length - 1] as { x: number; y: number };
    return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  }
  // Piece i (1 … n-2) is a quadratic curve with control point p[i], from the end of piece i-1 to the
  // midpoint of p[i] and p[i+1] (the first starts at p[0], the last ends at p[n-1]); at t = ½ it is
  // ¼ start + ½ control + ¼ end.
  const at = (i: number) => p[i] as { x: number; y: number };
  const i = Math.floor((p.length - 1) / 2);
  const start = i === 1 ? at(0) : { x: (at(i - 1).x + at(i).x) / 2, y: (at(i - 1).y + at(i).y) / 2 };
  const end = i === p.length - 2 ? at(p.length - 1) : { x: (at(i).x + at(i + 1).x) / 2, y: (at(i).y + at(i + 1).y) / 2 };
  return { x: start.x / 4 + at(i).x / 2 + end.x / 4, y: start.y / 4 + at(i).y / 2 + end.y / 4 };
}

/** An SVG path through the points: straight to the first midpoint, then quadratic curves through the rest (smooth, as dagre-d3's basis curve). */
export function pathThrough(points: ReadonlyArray<{ readonly x: number; readonly y: number }>): string {
  const p = points;
  if (p.length === 0) return '';
  const first = p[0] as { x: number; y: number };
  if (p.length === 1) return `M${first.x},${first.y}`;
  if (p.length === 2) {
    const b = p[1] as { x: number; y: number };
    return `M${first.x},${first.y}L${b.x},${b.y}`;
  }
  let d = `M${first.x},${first.y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const c = p[i] as { x: number; y: number };
    const n = p[i + 1] as { x: number; y: number };
    const end = i === p.length - 2 ? n : { x: (c.x + n.x) / 2, y: (c.y + n.y) / 2 };
    d += `Q${c.x},${c.y} ${end.x},${end.y}`;
  }
  return d;
}
