/**
 * Reading a record archive (see record-archive.ts), streamed line by line: never the whole file in
 * memory. `checkRecordArchive` reads it all and proves it complete and unaltered; `openRecordArchive`
 * hands out its events, checking the same again as they pass and failing at the end if it must.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { AppendedEvent, Progress } from '../store/port.js';
import { ArchiveError, checkpointOf, parseBodyLine, parseHeader, type ArchiveCheckpoint, type ArchiveHeader, type ArchiveSummary } from './record-archive.js';

/** An archive opened for reading: its header, and its events (to be iterated once). */
export interface OpenedArchive {
  readonly header: ArchiveHeader;
  /**
   * The events in the archive's order. The iteration fails (ArchiveError ARCHIVE_INVALID) on a
   * damaged line, and after the last event if the trailer is missing or does not match what passed.
   */
  readonly events: AsyncIterable<AppendedEvent>;
  /** Releases the file when the events are not iterated to the end. */
  close(): Promise<void>;
}

function damaged(file: string, error: unknown): ArchiveError {
  const code = String((error as { code?: unknown } | null)?.code);
  if (code === 'ENOENT') return new ArchiveError('ARCHIVE_NOT_FOUND', `no archive at ${file}`, { file });
  if (code === 'EISDIR') return new ArchiveError('ARCHIVE_INVALID', `${file} is a directory, not an archive`, { file });
  if (code === 'Z_BUF_ERROR') return new ArchiveError('ARCHIVE_INVALID', `${file} is truncated: its compressed data ends early`, { file, reason: 'truncated' });
  if (code === 'Z_DATA_ERROR') return new ArchiveError('ARCHIVE_INVALID', `${file} is not an intact gzip file (${error instanceof Error ? error.message : code})`, { file, reason: 'damaged' });
  return error instanceof ArchiveError ? error : new ArchiveError('ARCHIVE_INVALID', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { file });
}

/** The lines of a gzip-compressed text file (multi-member allowed), each without its newline; a last line without one means truncation. */
async function* gzipLines(file: string): AsyncGenerator<string, void, undefined> {
  if (!existsSync(file)) throw new ArchiveError('ARCHIVE_NOT_FOUND', `no archive at ${file}`, { file });
  const gunzip = pipeline(createReadStream(file), createGunzip(), () => undefined);
  gunzip.setEncoding('utf8');
  let carry = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<string>) {
      const lines = (carry + chunk).split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) yield line;
    }
  } catch (error) {
    throw damaged(file, error);
  } finally {
    gunzip.destroy();
  }
  if (carry !== '') throw new ArchiveError('ARCHIVE_INVALID', `${file} is truncated: its last line is incomplete`, { file, reason: 'truncated' });
}

/** The events after the header, checked as they pass; returns what the whole archive held. */
async function* body(file: string, header: ArchiveHeader, lines: AsyncGenerator<string, void, undefined>, progress?: Progress): AsyncGenerator<AppendedEvent, ArchiveSummary, undefined> {
  const sha = createHash('sha256');
  let events = 0;
  let streams = 0;
  let lastCheckpoint: ArchiveCheckpoint | null = null;
  let line = 1;
  for await (const text of lines) {
    line += 1;
    const parsed = parseBodyLine(text, file, line);
    if ('trailer' in parsed) {
      const { trailer } = parsed;
      const digest = sha.digest('hex');
      if (trailer.events !== events || trailer.sha256 !== digest) {
        throw new ArchiveError('ARCHIVE_INVALID', `${file} was altered: its events do not match its trailer (${events.toLocaleString('en-US')} events read, ${trailer.events.toLocaleString('en-US')} recorded; checksum ${trailer.sha256 === digest ? 'matches' : 'differs'})`, { file, reason: 'altered' });
      }
      if (header.events !== events || header.lastCheckpoint?.seq !== lastCheckpoint?.seq || header.lastCheckpoint?.root !== lastCheckpoint?.root) {
        throw new ArchiveError('ARCHIVE_INVALID', `${file} was altered: its header does not describe its events`, { file, reason: 'altered' });
      }
      if ((await lines.next()).done !== true) throw new ArchiveError('ARCHIVE_INVALID', `${file}, line ${line + 1}: text after the trailer; the archive is damaged`, { file, line: line + 1 });
      progress?.(events, header.events);
      return { header, trailer, streams, bytes: statSync(file).size };
    }
    sha.update(`${text}\n`);
    events += 1;
    if (parsed.event.seq === 1) streams += 1;
    lastCheckpoint = checkpointOf(parsed.event) ?? lastCheckpoint;
    if (events % 5000 === 0) progress?.(events, header.events);
    yield parsed.event;
  }
  throw new ArchiveError('ARCHIVE_INVALID', `${file} is truncated: it ends after ${events.toLocaleString('en-US')} events without its trailer`, { file, reason: 'truncated' });
}

async function openLines(file: string): Promise<{ header: ArchiveHeader; lines: AsyncGenerator<string, void, undefined> }> {
  const lines = gzipLines(file);
  try {
    const first = await lines.next();
    if (first.done === true) throw new ArchiveError('ARCHIVE_INVALID', `${file} is empty, not a Proverka record archive`, { file });
    return { header: parseHeader(first.value, file), lines };
  } catch (error) {
    await lines.return();
    throw error;
  }
}

/** Opens an archive: reads and checks its header (ARCHIVE_NOT_FOUND, ARCHIVE_INVALID) and gives its events to iterate once. */
export async function openRecordArchive(file: string): Promise<OpenedArchive> {
  const { header, lines } = await openLines(file);
  const events = body(file, header, lines);
  return {
    header,
    events: {
      [Symbol.asyncIterator]: async function* () {
        yield* events;
      },
    },
    close: async () => {
      await lines.return();
    },
  };
}

/**
 * Reads the whole archive and returns what it holds, or fails with ArchiveError: ARCHIVE_NOT_FOUND,
 * or ARCHIVE_INVALID for a file that is not an archive, is truncated, or whose events do not match
 * its trailer or header. Progress counts events against the header's count.
 */
export async function checkRecordArchive(file: string, progress?: Progress): Promise<ArchiveSummary> {
  const { header, lines } = await openLines(file);
  const events = body(file, header, lines, progress);
  try {
    for (;;) {
      const next = await events.next();
      if (next.done === true) return next.value;
    }
  } finally {
    await lines.return();
  }
}
