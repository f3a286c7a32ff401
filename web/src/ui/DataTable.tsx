/**
 * A table described by its columns: a caption, a header row, then one row per item, the first
 * column's cell as the row's header (`<th scope="row">`), numeric columns right-aligned — inside
 * TableWrap, so that it scrolls sideways on a narrow screen and is named by its caption.
 */
import type { ReactNode } from 'react';
import { TableWrap } from './TableWrap.js';

/** One column: its header, whether it holds numbers (right-aligned), an extra class for its cells, and its cell for a row. */
export interface Column<R> {
  readonly header: string;
  readonly numeric?: boolean;
  readonly className?: string;
  readonly cell: (row: R) => ReactNode;
}

/** What a DataTable shows. */
export interface DataTableProps<R> {
  /** The table's `data-table` attribute, if any (tests find tables by it). */
  readonly name?: string;
  readonly className?: string;
  readonly caption: string;
  /** A class for the caption (e.g. `visually-hidden` where a heading above says the same). */
  readonly captionClassName?: string;
  readonly columns: readonly Column<R>[];
  readonly rows: readonly R[];
  /** A key unique among the rows. */
  readonly rowKey: (row: R) => string;
  /** The case a row is about, as its `data-case` attribute. */
  readonly rowCase?: (row: R) => string;
}

function cellClass<R>(column: Column<R>): string | undefined {
  const classes = [column.numeric === true ? 'num' : undefined, column.className].filter((c) => c !== undefined);
  return classes.length === 0 ? undefined : classes.join(' ');
}

/** The table: every column's header, then a row per item; the first column heads its row. */
export function DataTable<R>({ name, className, caption, captionClassName, columns, rows, rowKey, rowCase }: DataTableProps<R>) {
  return (
    <TableWrap>
      <table className={className} data-table={name}>
        <caption className={captionClassName}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={c.numeric === true ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-case={rowCase?.(row)}>
              {columns.map((c, i) =>
                i === 0 ? (
                  <th key={c.header} scope="row" className={cellClass(c)}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.header} className={cellClass(c)}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
