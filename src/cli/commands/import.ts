/**
 * `proverka import xes FILE --db DB [--source NAME]`: brings the cases of another system's XES event
 * log (gzip or not, any size: read streaming) into the record, one imported case per trace, in ONE
 * transaction — a file that is not XES, or a case the record refuses, leaves the record as it was.
 * Prints the import's id and its counts of cases and events (`--json`: the same as JSON); a progress
 * bar follows the bytes of the file read. `proverka import list --db DB` lists the imports made.
 */
import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ProverkaError } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { imports } from '../../app/queries/imported-traces.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { StoreError } from '../../store/errors.js';
import { readXes } from '../../interop/xes/read-xes.js';
import { isGzip } from '../../interop/open-maybe-gzip.js';
import { builtXesReaderWorker, readXesInWorker } from '../../interop/xes/read-xes-in-worker.js';
import { importedEvent, traceToImport, type TraceToImport } from '../../interop/xes/xes-import.js';
import { withDatabase } from '../database.js';
import { newImportId } from '../import-id.js';
import { IMPORT_BULK } from '../import-writes.js';
import { addCsvImports } from './import-csv.js';
import { CliError } from '../errors.js';
import type { Io } from '../io.js';
import { dbOption, jsonOption } from '../options.js';
import { formatCount } from '../render/format.js';

/** What one import brought. */
export interface ImportResult {
  readonly importId: string;
  readonly source: string;
  readonly cases: number;
  readonly events: number;
}

/** Why an import stopped: the case that was refused, by its place in the file. */
class ImportRefused extends Error {}

/** How `importXesFile` reads: a progress callback, and the worker thread's file (default: the one built beside the reader; none: read on this thread). */
export interface ImportXesOptions {
  readonly onBytes?: (read: number, size: number) => void;
  readonly worker?: URL;
  /** From how many bytes of XES a worker is used (default WORKER_FROM_BYTES; 0: always). */
  readonly workerFromBytes?: number;
}

/**
 * A worker thread starts in ~0.1 s and runs its code cold: it pays off once reading takes longer
 * than that, from about 16 MiB of XES (decision 0036). A gzip file is taken as 10 times its size:
 * XES compresses 10 to 25 times.
 */
const WORKER_FROM_BYTES = 16 * 1024 * 1024;
const GZIP_RATIO = 10;

/** Whether the file is large enough to be read on a worker thread. */
async function worthAWorker(path: string, fromBytes: number): Promise<boolean> {
  const { size } = await stat(path);
  return size * ((await isGzip(path)) ? GZIP_RATIO : 1) >= fromBytes;
}

/**
 * Imports the XES file's traces as cases, in one bulk transaction of the application. A trace the
 * domain refuses (TRACE_INVALID) aborts the whole import, naming the trace by its place and name.
 * A large file is read on a worker thread while this one records (read-xes-in-worker.ts); a small
 * one, or any when no built worker is at hand (a run from the TypeScript sources), on this thread.
 */
export async function importXesFile(app: Proverka, path: string, source: string, options: ImportXesOptions = {}): Promise<ImportResult> {
  const importId = newImportId(app.now());
  const { onBytes } = options;
  let cases = 0;
  let events = 0;
  await app.bulk(async (run) => {
    const record = async (t: TraceToImport): Promise<void> => {
      const r = await run.built(SYSTEM_ACTOR, { type: 'trace.import', importId, source, format: 'xes', ...t });
      if (!r.ok) throw new ImportRefused(`trace ${formatCount(cases + 1)}${t.name === null ? '' : ` (${t.name})`} was refused: ${r.error.message} [${r.error.code}]`);
      cases++;
      events += 'table' in t ? t.table.rows.length : t.events.length;
    };
    const worker = options.worker ?? builtXesReaderWorker();
    if (worker !== undefined && (await worthAWorker(path, options.workerFromBytes ?? WORKER_FROM_BYTES))) {
      await readXesInWorker(
        path,
        worker,
        async (traces) => {
          for (const t of traces) await record(t);
        },
        onBytes,
      );
    } else {
      await readXes(path, (trace) => record(traceToImport(trace)), onBytes === undefined ? { makeEvent: importedEvent } : { makeEvent: importedEvent, onBytes });
    }
  }, IMPORT_BULK);
  return { importId, source, cases, events };
}

/** `import xes`: checks the file, imports it with a progress bar, prints what was imported. */
async function importXesCommand(file: string, opts: { readonly db: string; readonly source?: string; readonly json?: boolean }, io: Io): Promise<void> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`no file at ${file}`);
  const source = opts.source ?? basename(file);
  if (source.trim() === '') throw new CliError('--source must name what is imported');
  const result = await withDatabase(opts.db, async (app) => {
    const progress = io.progress(`importing ${basename(file)}`);
    try {
      return await importXesFile(app, file, source, { onBytes: (read, size) => progress.update(read, size, 'bytes read') });
    } catch (e) {
      if (e instanceof ImportRefused) throw new CliError(`${file}: ${e.message}; nothing was imported`);
      if (e instanceof ProverkaError || e instanceof CliError || e instanceof StoreError) throw e;
      throw new CliError(`cannot import ${file} as XES: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}; nothing was imported`);
    } finally {
      progress.stop();
    }
  });
  if (opts.json) io.print(JSON.stringify(result, null, 2));
  else io.print(`imported ${file} as ${result.importId}: ${formatCount(result.cases)} cases, ${formatCount(result.events)} events`);
}

/** `import list`: every import in the record with its counts. */
async function listImports(opts: { readonly db: string; readonly json?: boolean }, io: Io): Promise<void> {
  const found = await withDatabase(opts.db, (app) => imports(app.store));
  if (opts.json) {
    io.print(JSON.stringify(found, null, 2));
    return;
  }
  if (found.length === 0) io.print('no imports in this record');
  for (const i of found) io.print(`${i.importId}  ${i.format}  ${formatCount(i.cases)} cases, ${formatCount(i.events)} events  ${i.source}`);
}

/** Adds `import` (with its `xes` and `list` subcommands) to the program. */
export function registerImport(program: Command, io: Io): void {
  const importing = program.command('import').description("other systems' event logs brought into the record as cases");
  importing
    .command('xes')
    .description('import the traces of an XES event log (gzip or not) as cases, all or nothing')
    .argument('<file>', 'the XES (or XES.gz) file')
    .addOption(dbOption())
    .option('--source <name>', 'what the import is called in the record (default: the file name)')
    .addOption(jsonOption())
    .action((file: string, opts: { db: string; source?: string; json?: boolean }) => importXesCommand(file, opts, io));
  importing
    .command('list')
    .description('the imports in the record, with their cases and events')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action((opts: { db: string; json?: boolean }) => listImports(opts, io));
  addCsvImports(importing, io);
}
