/** One run of the command: parse, execute, and turn any failure into one line on stderr and an exit code. */
import { describeFailure } from './errors.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Io } from './io.js';
import { buildProgram } from './program.js';

/** Runs `proverka` with the arguments after the program name; resolves to the exit code, never rejects. */
export async function runCli(args: readonly string[], io: Io): Promise<ExitCode> {
  try {
    await (await buildProgram(io, args)).parseAsync([...args], { from: 'user' });
    return EXIT.OK;
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.message !== '') io.note(`proverka: ${failure.message}`);
    if (failure.exitCode === EXIT.INTERNAL && process.env.PROVERKA_DEBUG && error instanceof Error && error.stack) io.writeErr(`${error.stack}\n`);
    return failure.exitCode;
  }
}
