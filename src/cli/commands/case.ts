/** `proverka case ID`: one case, whole — its header, its hour ledger, its requests and its event log. */
import type { Command } from 'commander';
import { unwrap } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { caseView } from '../../app/queries/case-view.js';
import type { Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { atOption, dbOption, jsonOption, readDbOption } from '../options.js';
import { caseJson } from '../render/case-json.js';
import { renderCaseText } from '../render/case-text.js';

/** The options of `case`, as commander parses them. */
export interface CaseOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly json?: boolean;
  readonly at?: Instant;
}

/** Prints one case through an open application; an unknown id fails with NOT_FOUND (exit 2). */
export async function printCase(app: Proverka, id: string, io: Io, options: { readonly json?: boolean; readonly at?: Instant } = {}): Promise<void> {
  const view = unwrap(await caseView(app.store, id, options.at ?? app.now()));
  if (options.json) io.print(JSON.stringify(caseJson(view), null, 2));
  else for (const line of renderCaseText(view)) io.print(line);
}

/** Adds `case` to the program. */
export function registerCase(program: Command, io: Io): void {
  program
    .command('case')
    .description('show one case: who held it, for how long, who refused it, and its hash-chained events')
    .argument('<id>', 'the assignment id (asg_…)')
    .addOption(dbOption())
    .addOption(readDbOption())
    .addOption(atOption())
    .addOption(jsonOption())
    .action((id: string, opts: CaseOptions) => withDatabase(opts.db, (app) => printCase(app, id, io, opts), opts.readDb !== undefined ? { readLocation: opts.readDb } : {}));
}
