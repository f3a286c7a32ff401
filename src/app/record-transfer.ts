/**
 * Saving and moving the record: backups to an archive file, restores from one, and moves from one
 * store to another without a file. Every event keeps its stream, seq and hashes; the target is
 * verified before the work counts as done. The archive format is not the application's business:
 * it comes in as `RecordArchives` (src/interop provides the files; the CLI passes them in).
 * These use cases print nothing; they return reports.
 */
import type { Clock } from '../domain/clock.js';
import { toInstant } from '../domain/time.js';
import type { AppendedEvent, ImportReport, Store, VerifyReport } from '../store/port.js';
import { ProverkaError } from './errors.js';
import { replanAll } from './ladder/ladder-work.js';

/** What an archive holds, as its format reports it. */
export interface ArchiveFacts {
  readonly header: {
    readonly backend: string;
    readonly createdAt: string;
    readonly events: number;
    readonly lastCheckpoint: { readonly seq: number; readonly root: string } | null;
  };
  readonly trailer: { readonly events: number; readonly sha256: string };
  readonly streams: number;
  readonly bytes: number;
}

/** An archive opened for reading. */
export interface OpenArchive {
  readonly header: ArchiveFacts['header'];
  /** Its events in order; the iteration fails if the archive turns out truncated or altered. */
  readonly events: AsyncIterable<AppendedEvent>;
  close(): Promise<void>;
}

/** What the use cases need of an archive format. */
export interface RecordArchives {
  /** Writes events to a new archive (never over an existing file) and says what it holds. */
  write(file: string, events: AsyncIterable<AppendedEvent>, origin: { readonly backend: string; readonly createdAt: string }): Promise<ArchiveFacts>;
  /** Reads a whole archive back and proves it complete and unaltered, or throws. */
  check(file: string, progress?: (done: number, total: number) => void): Promise<ArchiveFacts>;
  /** Opens an archive to read its events once. */
  open(file: string): Promise<OpenArchive>;
}

/** Progress of a transfer: `done` of `total` in a named phase (exporting, checking, importing, copying, verifying). */
export type TransferProgress = (done: number, total: number, phase: string) => void;

/** What a backup wrote. */
export interface BackupReport {
  readonly file: string;
  readonly backend: string;
  readonly events: number;
  readonly streams: number;
  readonly lastCheckpoint: { readonly seq: number; readonly root: string } | null;
  readonly sha256: string;
  readonly bytes: number;
}

/** What a restore or a move put into its target, and the target's verification. The target is sound only when `verify.ok`. */
export interface TransferReport {
  /** The back end the events came from: the source's (a move) or the one the archive's header names (a restore). */
  readonly from: string;
  /** When the archive was made (a restore only). */
  readonly archivedAt?: string;
  readonly to: string;
  readonly imported: ImportReport;
  readonly verify: VerifyReport;
}

/** Counts events as they pass, reporting against a known total every 5,000. */
async function* counted<E>(events: AsyncIterable<E>, total: () => number, report?: (done: number, total: number) => void): AsyncGenerator<E> {
  let done = 0;
  for await (const e of events) {
    yield e;
    done += 1;
    if (done % 5000 === 0) report?.(done, total());
  }
  report?.(done, total());
}

/**
 * Backs the record up to a new archive file: one consistent snapshot of `store`, streamed into
 * the archive, which is then read back whole and checked against what was written. Throws
 * (BACKUP_MISMATCH) if the file read back differs; the archive's own errors pass through.
 */
export async function backupRecord(store: Store, file: string, deps: { readonly archives: RecordArchives; readonly clock: Clock; readonly progress?: TransferProgress }): Promise<BackupReport> {
  const { archives, clock, progress } = deps;
  const events = store.exportRecord((done, total) => progress?.(done, total, 'exporting'));
  const written = await archives.write(file, events, { backend: store.backend, createdAt: toInstant(clock.now()) });
  const read = await archives.check(file, (done, total) => progress?.(done, total, 'checking'));
  if (read.trailer.sha256 !== written.trailer.sha256 || read.trailer.events !== written.trailer.events) {
    throw new ProverkaError('BACKUP_MISMATCH', `${file} read back differs from what was written; it cannot be trusted`, { file });
  }
  return {
    file,
    backend: store.backend,
    events: written.trailer.events,
    streams: written.streams,
    lastCheckpoint: written.header.lastCheckpoint,
    sha256: written.trailer.sha256,
    bytes: written.bytes,
  };
}

/** Due at once, whenever a scheduler first runs on the target. */
const AT_ONCE = '1970-01-01T00:00:00.000Z';

/**
 * The job index is not part of the record and is not carried over: the escalation ladder of every
 * open case imported is planned anew on the target, by the first scheduler that runs there.
 */
async function planImported(target: Store): Promise<void> {
  await target.jobs.schedule([replanAll('imported', AT_ONCE)]);
}

/**
 * Restores an archive into `target`, which must be empty: the archive is first read whole and
 * checked (a truncated or altered one is refused before anything is imported), then imported in
 * one transaction (each event checked against its chain and its hash: RECORD_REJECTED), the
 * ladder of its open cases is put to be planned, then the target is verified. Nothing is imported when anything fails before the verification.
 */
export async function restoreRecord(file: string, target: Store, deps: { readonly archives: RecordArchives; readonly progress?: TransferProgress }): Promise<TransferReport> {
  const { archives, progress } = deps;
  const facts = await archives.check(file, (done, total) => progress?.(done, total, 'checking'));
  const opened = await archives.open(file);
  let imported: ImportReport;
  try {
    imported = await target.importRecord(counted(opened.events, () => facts.trailer.events, (done, total) => progress?.(done, total, 'importing')));
  } finally {
    await opened.close();
  }
  await planImported(target);
  const verify = await target.verify((done, total) => progress?.(done, total, 'verifying'));
  return { from: facts.header.backend, archivedAt: facts.header.createdAt, to: target.backend, imported, verify };
}

/**
 * Moves the record of `source` into the empty `target` with no file between: one consistent
 * snapshot of the source imported in one transaction (each event checked against its chain and
 * hash), then the target verified. The source is only read. Throws MOVE_INCOMPLETE if fewer
 * events arrived than the snapshot held.
 */
export async function moveRecord(source: Store, target: Store, deps: { readonly progress?: TransferProgress } = {}): Promise<TransferReport> {
  const { progress } = deps;
  let total = 0;
  const events = source.exportRecord((done, all) => {
    total = all;
    progress?.(done, all, 'copying');
  });
  const imported = await target.importRecord(events);
  if (imported.events !== total) throw new ProverkaError('MOVE_INCOMPLETE', `the source's snapshot held ${total} events but ${imported.events} arrived`, { total, imported: imported.events });
  await planImported(target);
  const verify = await target.verify((done, all) => progress?.(done, all, 'verifying'));
  return { from: source.backend, to: target.backend, imported, verify };
}
