/**
 * The evidence file store: content-addressed files on disk beside the database. A file lives at
 * `<dir>/<first two hex digits>/<sha256>`; it is written to a temporary file while it is hashed,
 * then renamed into place, so a reader never sees half a file and storing the same bytes twice
 * changes nothing. Files are never changed or deleted through this store.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished, Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** The largest file accepted: 50 MiB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** A sha256 as this store names files: 64 lower-case hex digits. */
export const SHA256 = /^[0-9a-f]{64}$/;

/** What storing a file gave: its content address and size in bytes. */
export interface StoredFile {
  readonly sha256: string;
  readonly size: number;
}

/** Thrown by `put` when the stream is longer than the limit; nothing is kept. */
export class FileTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the file is larger than ${limit} bytes`);
    this.name = 'FileTooLarge';
  }
}

/** True when the string is a sha256 as this store names files. */
export function isSha256(s: string): boolean {
  return SHA256.test(s);
}

/** A content-addressed file store in one directory. */
export class FileStore {
  constructor(readonly dir: string) {}

  /** Where the file of a sha256 is (or would be). Throws on anything but a well-formed sha256, so no other path can be built. */
  pathOf(sha256: string): string {
    if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  /**
   * Stores the bytes of a stream: hashes them while writing a temporary file, then renames it to
   * its content address (or drops it when that file is already there). Throws FileTooLarge past
   * `limit` bytes, leaving nothing behind.
   */
  async put(source: Readable, limit = MAX_FILE_BYTES): Promise<StoredFile> {
    const tmpDir = join(this.dir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) {
          done(new FileTooLarge(limit));
          return;
        }
        hash.update(chunk);
        done(null, chunk);
      },
    });
    // The source is piped, not put in the pipeline: a file too large must not destroy the request
    // (the client would get a reset instead of a 413); what is left of it is read and dropped.
    // A client that goes away mid-upload (error or premature close) fails the upload.
    const stopWatching = finished(source, (error) => {
      if (error) meter.destroy(error);
    });
    source.pipe(meter);
    try {
      await pipeline(meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256);
      if (await this.has(sha256)) {
        await rm(tmp, { force: true });
      } else {
        await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
        await rename(tmp, target);
      }
      return { sha256, size };
    } catch (error) {
      source.unpipe(meter);
      source.on('error', () => undefined); // a client going away while the rest is dropped is no error of ours
      source.resume();
      await rm(tmp, { force: true });
      throw error;
    } finally {
      stopWatching();
    }
  }

  /** True when a file with this sha256 is stored (false for anything that is not a sha256). */
  async has(sha256: string): Promise<boolean> {
    return (await this.sizeOf(sha256)) !== undefined;
  }

  /** The size of the stored file, or undefined when there is none. */
  async sizeOf(sha256: string): Promise<number | undefined> {
    if (!isSha256(sha256)) return undefined;
    try {
      const s = await stat(this.pathOf(sha256));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  }

  /** A stream of the stored file, with its size, or undefined when there is none. */
  async open(sha256: string): Promise<{ readonly stream: ReadStream; readonly size: number } | undefined> {
    const size = await this.sizeOf(sha256);
    return size === undefined ? undefined : { stream: createReadStream(this.pathOf(sha256)), size };
  }
}

/** Why a cited document cannot be accepted: no such file stored, or another size than the file's. */
export interface UncitableDocument {
  readonly index: number;
  readonly sha256: string;
  readonly problem: 'missing' | 'size';
}

/**
 * The first `document` item of a submission's evidence that cites no stored file, or states
 * another size than the stored file's. Items with a malformed sha256 are left to the domain,
 * which refuses them as EVIDENCE_INVALID.
 */
export async function firstUncitableDocument(files: FileStore, evidence: unknown): Promise<UncitableDocument | undefined> {
  if (!Array.isArray(evidence)) return undefined;
  for (const [index, item] of evidence.entries()) {
    if (typeof item !== 'object' || item === null) continue;
    const { kind, sha256, size } = item as { kind?: unknown; sha256?: unknown; size?: unknown };
    if (kind !== 'document' || typeof sha256 !== 'string' || !isSha256(sha256)) continue;
    const stored = await files.sizeOf(sha256);
    if (stored === undefined) return { index, sha256, problem: 'missing' };
    if (typeof size === 'number' && size !== stored) return { index, sha256, problem: 'size' };
  }
  return undefined;
}
