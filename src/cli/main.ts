/** Entry point of the `proverka` command (bin/proverka.js runs its compiled form). */
import { processIo } from './io.js';
import { runCli } from './run.js';

// A closed pipe (`proverka cases | head`) is not an error of ours: stop quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), processIo());
