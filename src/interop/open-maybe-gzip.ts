/** Opening a log file that may be gzip-compressed (told by its first two bytes, 1f 8b), for the XES and CSV readers. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** A readable stream of the file's bytes, gunzipped when the file is gzip; `onBytes` follows the file's own bytes read (compressed, for gzip) against its size. */
export async function openMaybeGzip(path: string, onBytes?: (read: number, size: number) => void): Promise<Readable> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(path);
  if (onBytes !== undefined) {
    const { size } = await stat(path);
    let read = 0;
    raw.on('data', (chunk) => onBytes((read += chunk.length), size));
  }
  if (!(magic[0] === 0x1f && magic[1] === 0x8b)) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}
