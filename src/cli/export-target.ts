/** The file an export writes to: refused, before anything is read or written, when it exists or its folder does not. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from './errors.js';

/** Throws a one-line CliError (exit 2) when `to` already exists (it is left untouched) or its folder is missing; the same words as `export xes`. */
export function refuseExportTarget(to: string): void {
  if (existsSync(to)) throw new CliError(`${to} already exists; choose another file (it was left untouched)`);
  if (!existsSync(dirname(to))) throw new CliError(`no folder ${dirname(to)} to write ${to} in`);
}
