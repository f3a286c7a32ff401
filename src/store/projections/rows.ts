/** What a projector produces: whole rows to upsert, keyed by their table's primary key. */
import type { Database, ProjectionTable, StreamHeadColumns, StreamTable } from '../schema.js';

type Columns<T extends ProjectionTable> = { [C in keyof Database[T]]: Database[T][C] };

/** A row of a projection table as a projector writes it; a stream's head columns are the session's to add. */
export type RowOf<T extends ProjectionTable> = T extends StreamTable ? Omit<Columns<T>, keyof StreamHeadColumns> : Columns<T>;

/**
 * A row bound for a projection table. `update` lists the columns that may differ from the stored
 * row (the others are known unchanged); absent means all. Writing fewer columns spares the indexes
 * on the others.
 */
export type ProjectedRow = { [T in ProjectionTable]: { readonly table: T; readonly row: RowOf<T>; readonly update?: readonly string[] } }[ProjectionTable];

/** A row for table T, optionally with the only columns that changed. */
export function rowFor<T extends ProjectionTable>(table: T, row: RowOf<T>, update?: readonly (keyof RowOf<T> & string)[]): ProjectedRow {
  return (update === undefined ? { table, row } : { table, row, update }) as ProjectedRow;
}

/** The columns whose values differ between two versions of a row. */
export function changedColumns<R extends object>(before: R, after: R): (keyof R & string)[] {
  const out: (keyof R & string)[] = [];
  for (const k of Object.keys(after) as (keyof R & string)[]) if (before[k] !== after[k]) out.push(k);
  return out;
}
