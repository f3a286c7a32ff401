/** Where the command writes: results on stdout, notices, errors and progress on stderr. */
import { createProgress, type ProgressDisplay } from './progress.js';

/** The outputs of one run of the command; tests and the entry point each provide one. */
export interface Io {
  /** Writes text to stdout, followed by a newline: results only. */
  print(text: string): void;
  /** Writes raw text to stdout (help output). */
  writeOut(text: string): void;
  /** Writes raw text to stderr (help shown after a usage error). */
  writeErr(text: string): void;
  /** Writes one line to stderr: notices and the error line. */
  note(text: string): void;
  /** A progress display on stderr: a bar on a terminal, a few plain lines otherwise. */
  progress(label: string): ProgressDisplay;
}

/** The process's own stdout and stderr. */
export function processIo(): Io {
  return {
    print: (text) => void process.stdout.write(`${text}\n`),
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
    note: (text) => void process.stderr.write(`${text}\n`),
    progress: (label) => createProgress(label, process.stderr),
  };
}
