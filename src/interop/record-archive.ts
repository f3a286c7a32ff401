/**
 * The record archive (a backup file): gzip-compressed JSON Lines, version 1.
 *
 *   line 1      header   {"format":"proverka-record","version":1,"backend":"sqlite","createdAt":"…",
 *                         "events":N,"lastCheckpoint":{"seq":S,"root":"…"}|null}
 *   lines 2…N+1 events   {"stream":"…","seq":1,"type":"…","actor":"…","at":"…","payload":{…},
 *                         "prevHash":"…","hash":"…"}            (in the record's position order)
 *   line N+2    trailer  {"end":"proverka-record","events":N,"sha256":"…"}
 *
 * Every line ends with "\n". The trailer's sha256 is taken over the event lines exactly as stored
 * (UTF-8, each with its "\n"), so a truncated or altered file is refused before anything is
 * imported; the header's count and last checkpoint must agree with the events too. The file is
 * two concatenated gzip members (the header, then the events and trailer), which every gzip
 * reader treats as one stream. The hashes themselves are checked by the import, not here.
 */
import { LEDGER_STREAM_ID } from '../domain/ids.js';
import type { AppendedEvent } from '../store/port.js';

/** The format name, in the header and the trailer. */
export const ARCHIVE_FORMAT = 'proverka-record';

/** The format version this code writes and reads. */
export const ARCHIVE_VERSION = 1;

/** The last checkpoint an archive holds: its seq in the ledger stream and its Merkle root. */
export interface ArchiveCheckpoint {
  readonly seq: number;
  readonly root: string;
}

/** The first line: what the archive is, where it came from, when, and what it holds. */
export interface ArchiveHeader {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly version: typeof ARCHIVE_VERSION;
  readonly backend: string;
  readonly createdAt: string;
  readonly events: number;
  readonly lastCheckpoint: ArchiveCheckpoint | null;
}

/** The last line: how many event lines there are and the sha256 over them. */
export interface ArchiveTrailer {
  readonly end: typeof ARCHIVE_FORMAT;
  readonly events: number;
  readonly sha256: string;
}

/** What an archive holds, as written or as read back whole. */
export interface ArchiveSummary {
  readonly header: ArchiveHeader;
  readonly trailer: ArchiveTrailer;
  /** Streams in the archive (events with seq 1). */
  readonly streams: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
}

/** Stable codes of archive failures. */
export type ArchiveErrorCode = 'ARCHIVE_NOT_FOUND' | 'ARCHIVE_EXISTS' | 'ARCHIVE_UNWRITABLE' | 'ARCHIVE_INVALID';

/** An archive that cannot be read, written or trusted; the message names the file and, where known, the line. */
export class ArchiveError extends Error {
  constructor(
    readonly code: ArchiveErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** An event's line (without its newline), its fields in the documented order. */
export function eventLine(e: AppendedEvent): string {
  return JSON.stringify({ stream: e.streamId, seq: e.seq, type: e.type, actor: e.actor, at: e.at, payload: e.payload, prevHash: e.prevHash, hash: e.hash });
}

/** The header's line (without its newline). */
export function headerLine(header: ArchiveHeader): string {
  return JSON.stringify(header);
}

/** The trailer's line (without its newline). */
export function trailerLine(trailer: ArchiveTrailer): string {
  return JSON.stringify(trailer);
}

/** The checkpoint an event records, if it is one (for the header's `lastCheckpoint`). */
export function checkpointOf(e: AppendedEvent): ArchiveCheckpoint | null {
  if (e.streamId !== LEDGER_STREAM_ID || e.type !== 'checkpoint.recorded') return null;
  const root = (e.payload as { root?: unknown } | null)?.root;
  return typeof root === 'string' ? { seq: e.seq, root } : null;
}

const HASH = /^[0-9a-f]{64}$/;

function invalid(file: string, line: number, why: string): ArchiveError {
  return new ArchiveError('ARCHIVE_INVALID', `${file}, line ${line}: ${why}`, { file, line });
}

function parseObject(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(file, line, 'not a JSON line; the archive is damaged');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(file, line, 'not a JSON object; the archive is damaged');
  return value as Record<string, unknown>;
}

/** Parses and checks the header line; refuses another format or version. */
export function parseHeader(text: string, file: string): ArchiveHeader {
  let h: Record<string, unknown>;
  try {
    h = parseObject(text, file, 1);
  } catch {
    throw new ArchiveError('ARCHIVE_INVALID', `${file} is not a Proverka record archive (its first line is no header)`, { file, line: 1 });
  }
  if (h['format'] !== ARCHIVE_FORMAT) throw new ArchiveError('ARCHIVE_INVALID', `${file} is not a Proverka record archive`, { file, line: 1 });
  if (h['version'] !== ARCHIVE_VERSION) throw new ArchiveError('ARCHIVE_INVALID', `${file} is a record archive of version ${String(h['version'])}; this Proverka reads version ${ARCHIVE_VERSION}`, { file, line: 1 });
  const events = h['events'];
  const cp = h['lastCheckpoint'];
  const checkpointOk = cp === null || (typeof cp === 'object' && Number.isSafeInteger((cp as Record<string, unknown>)['seq']) && typeof (cp as Record<string, unknown>)['root'] === 'string');
  if (typeof h['backend'] !== 'string' || typeof h['createdAt'] !== 'string' || !Number.isSafeInteger(events) || (events as number) < 0 || !checkpointOk) {
    throw invalid(file, 1, 'the header is incomplete; the archive is damaged');
  }
  const c = cp as ArchiveCheckpoint | null;
  return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, backend: h['backend'], createdAt: h['createdAt'], events: events as number, lastCheckpoint: c === null ? null : { seq: c.seq, root: c.root } };
}

/** Parses a line after the header: an event, or the trailer. */
export function parseBodyLine(text: string, file: string, line: number): { readonly event: AppendedEvent } | { readonly trailer: ArchiveTrailer } {
  const v = parseObject(text, file, line);
  if ('end' in v) {
    if (v['end'] !== ARCHIVE_FORMAT || !Number.isSafeInteger(v['events']) || typeof v['sha256'] !== 'string' || !HASH.test(v['sha256'])) throw invalid(file, line, 'the trailer is malformed; the archive is damaged');
    return { trailer: { end: ARCHIVE_FORMAT, events: v['events'] as number, sha256: v['sha256'] } };
  }
  const { stream, seq, type, actor, at, prevHash, hash } = v;
  if (
    typeof stream !== 'string' ||
    !Number.isSafeInteger(seq) ||
    (seq as number) < 1 ||
    typeof type !== 'string' ||
    typeof actor !== 'string' ||
    typeof at !== 'string' ||
    !('payload' in v) ||
    typeof prevHash !== 'string' ||
    !HASH.test(prevHash) ||
    typeof hash !== 'string' ||
    !HASH.test(hash)
  ) {
    throw invalid(file, line, 'not a complete event; the archive is damaged');
  }
  return { event: { streamId: stream, seq: seq as number, type, actor, at, payload: v['payload'], prevHash, hash } };
}
