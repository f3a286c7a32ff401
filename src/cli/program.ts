/**
 * The `proverka` command line: its commands, and commander set to throw instead of exiting and to
 * print no error of its own, so that every failure ends as one line from `run.ts`.
 */
import { Command } from 'commander';
import { registerBackup } from './commands/backup.js';
import { registerCase } from './commands/case.js';
import { registerCases } from './commands/cases.js';
import { registerCensus } from './commands/census.js';
import { registerCheckpoint } from './commands/checkpoint.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPlace } from './commands/place.js';
import { registerRebuild } from './commands/rebuild.js';
import { registerRecord } from './commands/record.js';
import { registerReport } from './commands/report.js';
import { registerRestore } from './commands/restore.js';
import { registerServe } from './commands/serve.js';
import { registerSimulate } from './commands/simulate.js';
import { registerStart } from './commands/start.js';
import { registerUser } from './commands/user.js';
import { registerVerify } from './commands/verify.js';
import { registerWebhook } from './commands/webhook.js';
import { registerWorker } from './commands/worker.js';
import type { Io } from './io.js';

/** A fresh program writing to `io`; parse it once. */
export function buildProgram(io: Io): Command {
  const program = new Command('proverka')
    .description('Execution control: decisions become assignments with one accountable owner, verified completion and an hour ledger.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.writeOut(s), writeErr: (s) => io.writeErr(s), outputError: () => undefined })
    .showSuggestionAfterError(true)
    .helpCommand(true)
    .addHelpText(
      'after',
      '\nExit codes: 0 success; 1 verify found the record broken; 2 usage or input error (bad flag, missing/existing/corrupt database, unknown id);\n3 database busy or a lost race; 70 internal error.',
    );
  registerStart(program, io);
  registerServe(program, io);
  registerWorker(program, io);
  registerInit(program, io);
  registerDemo(program, io);
  registerCases(program, io);
  registerCase(program, io);
  registerPlace(program, io);
  registerCensus(program, io);
  registerRecord(program, io);
  registerReport(program, io);
  registerExport(program, io);
  registerImport(program, io);
  registerVerify(program, io);
  registerRebuild(program, io);
  registerCheckpoint(program, io);
  registerBackup(program, io);
  registerRestore(program, io);
  registerMigrate(program, io);
  registerUser(program, io);
  registerWebhook(program, io);
  registerSimulate(program, io);
  return program;
}
