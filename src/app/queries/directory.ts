/**
 * The people directory (docs/decisions/0022-people-directory-and-decision-visibility.md): every
 * person of the organisation found by part of their name, case and accents ignored, with their
 * unit — so that anyone signed in can name whom to hand a case to or make its owner or verifier.
 * It shows names and units only: never e-mail addresses, roles or anything else of a person.
 */
import type { StateOf } from '../../domain/streams.js';
import type { ReadModel } from '../../store/read-model.js';
import { folded } from './name-search.js';

/** One person as the directory shows them. */
export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
  readonly unitId: string;
  /** The unit's name (its id when the unit cannot be found). */
  readonly unitName: string;
}

/** People read per query while the directory is searched. */
const BATCH = 1000;

/** How well a name matches: 0 it starts with the text, 1 a word of it does, 2 the text is elsewhere in it. */
function rankOf(name: string, needle: string): number {
  if (name.startsWith(needle)) return 0;
  return name.split(/[\s\-'’.]+/u).some((word) => word.startsWith(needle)) ? 1 : 2;
}

/**
 * The people whose name contains `search` (case and accents ignored), at most `limit`: names
 * starting with it first, then names with a word starting with it, then the rest; within each, by
 * name, then id — the same answer for the same record.
 */
export async function searchDirectory(reads: ReadModel, search: string, limit: number): Promise<DirectoryEntry[]> {
  const needle = folded(search);
  const found: Array<{ readonly id: string; readonly name: string; readonly unitId: string; readonly key: string; readonly rank: number }> = [];
  let after: string | undefined;
  for (;;) {
    const page = await reads.streams('person', after === undefined ? { limit: BATCH } : { limit: BATCH, after });
    for (const s of page) {
      const p = s.state as StateOf<'person'>;
      const key = folded(p.name);
      if (key.includes(needle)) found.push({ id: s.id, name: p.name, unitId: p.unitId, key, rank: rankOf(key, needle) });
    }
    const last = page[page.length - 1];
    if (last === undefined || page.length < BATCH) break;
    after = last.id;
  }
  const chosen = found.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
  const units = await reads.names([...new Set(chosen.map((p) => p.unitId))]);
  return chosen.map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, unitName: units.get(p.unitId) ?? p.unitId }));
}
