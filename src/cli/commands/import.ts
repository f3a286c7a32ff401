/**
 * `proverka import xes FILE --db DB [--source NAME]`: brings the cases of another system's XES event
 * log (gzip or not, any size: read streaming) into the record, one imported case per trace, in ONE
 * transaction — a file that is not XES, or a case the record refuses, leaves the record as it was.
 * Prints the import's id and its counts of cases and events (`--json`: the same as JSON); a progress
 * bar follows the bytes of the file read. `proverka import list --db DB` lists the imports made.
 */
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { ProverkaError } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { imports } from '../../app/queries/imported-traces.js';
import { SYSTEM_ACTOR } from '../../domain/event.js';
import { StoreError } from '../../store/errors.js';
import { readXes } from '../../interop/xes/read-xes.js';
import { traceToImport } from '../../interop/xes/xes-import.js';
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

/**
 * Imports the XES file's traces as cases, in one bulk transaction of the application. A trace the
 * domain refuses (TRACE_INVALID) aborts the whole import, naming the trace by its place and name.
 */
export async function importXesFile(app: Proverka, path: string, source: string, onBytes?: (read: number, size: number) => void): Promise<ImportResult> {
  const importId = newImportId(app.now());
  let cases = 0;
  let events = 0;
  await app.bulk(
    async (run) => {
      await readXes(
        path,
        async (trace) => {
          const t = traceToImport(trace);
          const r = await run.built(SYSTEM_ACTOR, { type: 'trace.import', importId, source, format: 'xes', name: t.name, attributes: t.attributes, events: t.events });
          if (!r.ok) throw new ImportRefused(`trace ${formatCount(cases + 1)}${t.name === null ? '' : ` (${t.name})`} was refused: ${r.error.message} [${r.error.code}]`);
          cases++;
          events += t.events.length;
        },
        onBytes === undefined ? {} : { onBytes },
      );
    },
    IMPORT_BULK,
  );
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
      return await importXesFile(app, file, source, (read, size) => progress.update(read, size, 'bytes read'));
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
