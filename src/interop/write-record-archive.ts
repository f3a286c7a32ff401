/**
 * Writing a record archive (see record-archive.ts), streamed: events are compressed as they come,
 * never held in memory. The file takes its name only once complete, never over an existing one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import type { AppendedEvent } from '../store/port.js';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  ArchiveError,
  checkpointOf,
  eventLine,
  headerLine,
  trailerLine,
  type ArchiveCheckpoint,
  type ArchiveSummary,
  type ArchiveTrailer,
} from './record-archive.js';

/** Where the events came from and when the archive was made: the header's first fields. */
export interface ArchiveOrigin {
  readonly backend: string;
  readonly createdAt: string;
}

/** Event lines per chunk handed to the compressor. */
const LINES_PER_CHUNK = 512;

interface Tally {
  events: number;
  streams: number;
  lastCheckpoint: ArchiveCheckpoint | null;
  trailer?: ArchiveTrailer;
}

/** The event lines in chunks, then the trailer; counts and hashes as it goes. */
async function* bodyChunks(events: AsyncIterable<AppendedEvent>, tally: Tally): AsyncGenerator<string> {
  const sha = createHash('sha256');
  let chunk = '';
  let inChunk = 0;
  for await (const e of events) {
    chunk += `${eventLine(e)}\n`;
    tally.events += 1;
    if (e.seq === 1) tally.streams += 1;
    tally.lastCheckpoint = checkpointOf(e) ?? tally.lastCheckpoint;
    if (++inChunk === LINES_PER_CHUNK) {
      sha.update(chunk);
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  sha.update(chunk);
  tally.trailer = { end: ARCHIVE_FORMAT, events: tally.events, sha256: sha.digest('hex') };
  yield `${chunk}${trailerLine(tally.trailer)}\n`;
}

/** Gives the finished file its name, atomically and never over a file that appeared meanwhile. */
function publish(partial: string, file: string): void {
  try {
    linkSync(partial, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ArchiveError('ARCHIVE_EXISTS', `${file} already exists; choose another file`, { file });
    if (existsSync(file)) throw new ArchiveError('ARCHIVE_EXISTS', `${file} already exists; choose another file`, { file });
    renameSync(partial, file);
    return;
  }
  rmSync(partial, { force: true });
}

function unwritable(error: unknown, file: string): never {
  if (error instanceof ArchiveError) throw error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC' || code === 'EISDIR' || code === 'ENOTDIR') {
    throw new ArchiveError('ARCHIVE_UNWRITABLE', `cannot write ${file} (${code})`, { file, cause: code });
  }
  throw error;
}

/**
 * Writes `events` to a new archive at `file` and returns what it holds. Refuses an existing file
 * (ARCHIVE_EXISTS) and a folder it cannot write to (ARCHIVE_UNWRITABLE). The archive is built
 * under `FILE.<run>.partial` (with `FILE.<run>.body.partial` beside it) and named only once
 * complete; on any failure, including one of the event source, nothing is left (a process killed
 * meanwhile leaves its `.partial` files, never a file of the archive's name).
 */
export async function writeRecordArchive(file: string, events: AsyncIterable<AppendedEvent>, origin: ArchiveOrigin): Promise<ArchiveSummary> {
  if (existsSync(file)) throw new ArchiveError('ARCHIVE_EXISTS', `${file} already exists; choose another file`, { file });
  // Names of this run's own, so that two backups to the same file never write into each other's.
  const run = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const body = `${file}.${run}.body.partial`;
  const partial = `${file}.${run}.partial`;
  const cleanUp = (): void => {
    rmSync(body, { force: true });
    rmSync(partial, { force: true });
  };
  const tally: Tally = { events: 0, streams: 0, lastCheckpoint: null };
  try {
    await pipeline(Readable.from(bodyChunks(events, tally)), createGzip(), createWriteStream(body, { flags: 'wx' }));
    const trailer = tally.trailer;
    if (trailer === undefined) throw new Error('the archive body ended without its trailer');
    const header = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, backend: origin.backend, createdAt: origin.createdAt, events: tally.events, lastCheckpoint: tally.lastCheckpoint } as const;
    // The header is known only now: it goes first as a gzip member of its own, the body's member after it.
    await writeFile(partial, gzipSync(`${headerLine(header)}\n`), { flag: 'wx' });
    await pipeline(createReadStream(body), createWriteStream(partial, { flags: 'a' }));
    publish(partial, file);
    rmSync(body, { force: true });
    return { header, trailer, streams: tally.streams, bytes: statSync(file).size };
  } catch (error) {
    cleanUp();
    unwritable(error, file);
  }
}
