/**
 * A new text file written piece by piece, gzip when its name ends in `.gz`: each write waits while
 * the disk is behind (so memory holds at most a buffer whatever the file's size), and the file is
 * created only if it does not exist yet (flag `wx`), so a file that appeared meanwhile is never
 * overwritten. A failure to create or write the file rejects the write or the close under way.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** A text file being written: `write` resolves once the text is taken, `close` once the file is complete on disk. */
export interface TextFileOut {
  write(text: string): Promise<void>;
  close(last?: string): Promise<void>;
  /** Stops writing, leaving the file as far as it got (after a failure of the caller). */
  abort(): void;
}

/** Creates the file at `path` (gzip when it ends in `.gz`); an existing file makes the first write or the close reject (EEXIST). */
export function createTextFile(path: string): TextFileOut {
  const file = createWriteStream(path, { flags: 'wx' });
  const gzip = path.endsWith('.gz') ? createGzip() : null;
  const out: Writable = gzip ?? file;
  if (gzip !== null) gzip.pipe(file);
  const failed = new Promise<never>((_, reject) => {
    file.on('error', reject);
    gzip?.on('error', reject);
  });
  failed.catch(() => undefined); // observed by every write and by close; never an unhandled rejection
  const closed = Promise.race([once(file, 'close'), failed]);
  return {
    async write(text: string): Promise<void> {
      if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
    },
    async close(last?: string): Promise<void> {
      out.end(last ?? '');
      await closed;
    },
    abort(): void {
      gzip?.destroy();
      file.destroy();
    },
  };
}
