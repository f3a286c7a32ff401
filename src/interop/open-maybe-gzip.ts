/** Opening a log file that may be gzip-compressed (told by its first two bytes, 1f 8b), for the XES and CSV readers. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * The file is read 1 MiB at a time and gunzipped 256 KiB at a time (Node's defaults: 64 KiB and
 * 16 KiB). zlib works on libuv's thread pool beside the reader; with larger pieces it runs ahead of
 * it instead of making it wait once per small piece. Memory stays a few MiB whatever the file's size.
 */
const READ_BYTES = 1 << 20;
const GUNZIP_BYTES = 1 << 18;

/** True when the file starts with gzip's magic bytes (1f 8b). */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  return magic[0] === 0x1f && magic[1] === 0x8b;
}

/** A readable stream of the file's bytes, gunzipped when the file is gzip; `onBytes` follows the file's own bytes read (compressed, for gzip) against its size. */
export async function openMaybeGzip(path: string, onBytes?: (read: number, size: number) => void): Promise<Readable> {
  const gzip = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: READ_BYTES });
  if (onBytes !== undefined) {
    const { size } = await stat(path);
    let read = 0;
    raw.on('data', (chunk) => onBytes((read += chunk.length), size));
  }
  if (!gzip) return raw;
  const gunzip = createGunzip({ chunkSize: GUNZIP_BYTES });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}
