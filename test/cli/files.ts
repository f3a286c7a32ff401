/** Fingerprints of files, to prove that a refused command wrote nothing. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';

/** A file's content hash, size and modification time. */
export interface Fingerprint {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The fingerprint of an existing file. */
export function fingerprint(file: string): Fingerprint {
  const s = statSync(file);
  return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), size: s.size, mtimeMs: s.mtimeMs };
}

/** The names in a folder, sorted: to check that no file (nor a -wal or -shm companion) appeared. */
export function listing(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}
