/**
 * The `proverka` command line: its commands, and commander set to throw instead of exiting and to
 * print no error of its own, so that every failure ends as one line from `run.ts`. A run names
 * its command first, so only that command's module is loaded (the others' libraries — the web
 * server's, mail's, PostgreSQL's — cost a start-up nothing when unused); help, a mistyped command
 * or none loads them all, in the order help lists them.
 */
import { Command } from 'commander';
import type { Io } from './io.js';

type Register = (program: Command, io: Io) => void;

/** Each command's name and how to load its registration, in the order help lists them. */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['start', async () => (await import('./commands/start.js')).registerStart],
  ['serve', async () => (await import('./commands/serve.js')).registerServe],
  ['worker', async () => (await import('./commands/worker.js')).registerWorker],
  ['init', async () => (await import('./commands/init.js')).registerInit],
  ['demo', async () => (await import('./commands/demo.js')).registerDemo],
  ['cases', async () => (await import('./commands/cases.js')).registerCases],
  ['case', async () => (await import('./commands/case.js')).registerCase],
  ['place', async () => (await import('./commands/place.js')).registerPlace],
  ['census', async () => (await import('./commands/census.js')).registerCensus],
  ['record', async () => (await import('./commands/record.js')).registerRecord],
  ['report', async () => (await import('./commands/report.js')).registerReport],
  ['export', async () => (await import('./commands/export.js')).registerExport],
  ['import', async () => (await import('./commands/import.js')).registerImport],
  ['verify', async () => (await import('./commands/verify.js')).registerVerify],
  ['rebuild', async () => (await import('./commands/rebuild.js')).registerRebuild],
  ['checkpoint', async () => (await import('./commands/checkpoint.js')).registerCheckpoint],
  ['backup', async () => (await import('./commands/backup.js')).registerBackup],
  ['restore', async () => (await import('./commands/restore.js')).registerRestore],
  ['migrate', async () => (await import('./commands/migrate.js')).registerMigrate],
  ['user', async () => (await import('./commands/user.js')).registerUser],
  ['webhook', async () => (await import('./commands/webhook.js')).registerWebhook],
  ['simulate', async () => (await import('./commands/simulate.js')).registerSimulate],
];

/** The commands a run needs: the one its first argument names, or every one (help, none, a mistyped name). */
function commandsFor(args: readonly string[]): ReadonlyArray<readonly [string, () => Promise<Register>]> {
  const named = COMMANDS.find(([name]) => name === args[0]);
  return named === undefined ? COMMANDS : [named];
}

/** A fresh program writing to `io`, holding the commands `args` (the arguments after the program name) need; parse it once, with those arguments. */
export async function buildProgram(io: Io, args: readonly string[]): Promise<Command> {
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
  const registers = await Promise.all(commandsFor(args).map(([, load]) => load()));
  for (const register of registers) register(program, io);
  return program;
}
