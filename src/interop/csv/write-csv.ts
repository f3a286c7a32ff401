/**
 * Writing CSV (RFC 4180) as rows come: a header, then the rows, lines ended by CRLF; a field is
 * quoted — its quotes doubled — when it holds a comma, a quote, a line break or space at either
 * end, so that any text (csv-parse, spreadsheets, pandas) reads back the same; an absent value is
 * an empty field. Gzip when the file name ends in `.gz`; the memory is one batch of rows.
 */
import { createTextFile } from '../text-file-out.js';

/** One field as RFC 4180 writes it; null is the empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record: its fields joined by commas, ended by CRLF. */
export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * Writes the header and then every batch of rows to `path` (gzip when it ends in `.gz`; the file
 * must not exist), in the order given, and returns how many rows it wrote below the header. The
 * file is complete when the promise resolves; a file that cannot be written rejects it.
 */
export async function writeCsv(
  path: string,
  header: readonly string[],
  batches: AsyncIterable<readonly (readonly (string | null)[])[]> | Iterable<readonly (readonly (string | null)[])[]>,
): Promise<{ readonly rows: number }> {
  const out = createTextFile(path);
  let rows = 0;
  try {
    await out.write(csvLine(header));
    for await (const batch of batches) {
      if (batch.length === 0) continue;
      await out.write(batch.map(csvLine).join(''));
      rows += batch.length;
    }
  } catch (e) {
    out.abort();
    throw e;
  }
  await out.close();
  return { rows };
}
