/** A plain-text table with aligned columns, for terminals and logs alike. */

/** One column: its header, how to align it, and the widest a cell may be (longer cells end with `…`). */
export interface Column {
  readonly header: string;
  readonly align?: 'left' | 'right';
  readonly max?: number;
}

function width(text: string): number {
  return [...text].length;
}

function clip(text: string, max: number | undefined): string {
  const flat = text.replace(/\s+/g, ' ');
  if (max === undefined || width(flat) <= max) return flat;
  return `${[...flat].slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Renders rows under their headers, two spaces between columns, trailing spaces trimmed; every line starts with `indent`. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string[] {
  const cells = rows.map((row) => columns.map((c, i) => clip(row[i] ?? '', c.max)));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ''))));
  const line = (values: readonly string[]): string =>
    (
      indent +
      values
        .map((v, i) => {
          const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(v)));
          return columns[i]?.align === 'right' ? pad + v : v + pad;
        })
        .join('  ')
    ).trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)];
}
