/**
 * `proverka record PERSON`: a person's record per domain, from verified outcomes only, every rate
 * with its 95% interval and the estimate fitness uses. The CLI is the operator: it sees everyone.
 * Writes nothing.
 */
import type { Command } from 'commander';
import { unwrap } from '../../app/errors.js';
import type { Proverka } from '../../app/proverka.js';
import { personRecord } from '../../app/queries/people-choice.js';
import { toMs, type Instant } from '../../domain/time.js';
import { withDatabase } from '../database.js';
import type { Io } from '../io.js';
import { atOption, dbOption, jsonOption, readDbOption } from '../options.js';
import { recordJson, renderRecordText } from '../render/record.js';
import { operatorPrincipal } from './place.js';

/** The options of `record`, as commander parses them. */
export interface RecordOptions {
  readonly db: string;
  readonly readDb?: string;
  readonly json?: boolean;
  readonly at?: Instant;
}

/** Prints one person's record through an open application; an unknown person fails with NOT_FOUND (exit 2). */
export async function printRecord(app: Proverka, personId: string, opts: Omit<RecordOptions, 'db'>, io: Io): Promise<void> {
  const now = opts.at ?? app.now();
  const view = unwrap(await personRecord(app.store, await operatorPrincipal(app), personId, toMs(now)));
  if (opts.json) {
    io.print(JSON.stringify(recordJson(view), null, 2));
    return;
  }
  const names = await app.store.reads.names(view.record.unitId === '' ? [] : [view.record.unitId]);
  for (const line of renderRecordText(view, names, now)) io.print(line);
}

/** Adds `record` to the program. */
export function registerRecord(program: Command, io: Io): void {
  program
    .command('record')
    .description("show a person's record per domain: cases, first-time and on-time rates with their intervals, lateness, hours held")
    .argument('<person>', 'the person id (per_…)')
    .addOption(dbOption())
    .addOption(readDbOption())
    .addOption(atOption())
    .addOption(jsonOption())
    .action((personId: string, opts: RecordOptions) => withDatabase(opts.db, (app) => printRecord(app, personId, opts, io), opts.readDb !== undefined ? { readLocation: opts.readDb } : {}));
}
