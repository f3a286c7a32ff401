/**
 * A colour for each holder of a case, from Paul Tol's "muted" palette (distinguishable with the
 * common colour-vision deficiencies), with the ink that reads on it. A person keeps the colour
 * their id hashes to unless someone earlier in the same case already took it; then the next free
 * one: stable from page to page, and distinct within a case of up to nine holders. Colour is never
 * the only sign: every holder also gets a number, shown in the legend and on the bar.
 */

/** A holder's colour, ink and number (1-based, in order of first appearance). */
export interface HolderStyle {
  readonly fill: string;
  readonly ink: string;
  readonly number: number;
}

const PALETTE: readonly { readonly fill: string; readonly ink: string }[] = [
  { fill: '#88CCEE', ink: '#1b1f24' },
  { fill: '#CC6677', ink: '#1b1f24' },
  { fill: '#DDCC77', ink: '#1b1f24' },
  { fill: '#117733', ink: '#ffffff' },
  { fill: '#332288', ink: '#ffffff' },
  { fill: '#AA4499', ink: '#ffffff' },
  { fill: '#44AA99', ink: '#1b1f24' },
  { fill: '#999933', ink: '#1b1f24' },
  { fill: '#882255', ink: '#ffffff' },
];

function hashOf(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The style of every person in `ids` (taken in order; repeats ignored). */
export function holderStyles(ids: readonly string[]): ReadonlyMap<string, HolderStyle> {
  const out = new Map<string, HolderStyle>();
  const taken = new Set<number>();
  for (const id of ids) {
    if (out.has(id)) continue;
    let slot = hashOf(id) % PALETTE.length;
    if (taken.size < PALETTE.length) while (taken.has(slot)) slot = (slot + 1) % PALETTE.length;
    taken.add(slot);
    const colour = PALETTE[slot] ?? { fill: '#888888', ink: '#000000' };
    out.set(id, { ...colour, number: out.size + 1 });
  }
  return out;
}
