/**
 * The fixture table: at least one entry per operation of the OpenAPI document, keyed by
 * operationId (a main case, and maybe variants). An operation of the document without an entry
 * here fails the sweep (it is not covered).
 */
import type { OperationFixture } from './fixture.js';
import { AGENDA_OPERATIONS } from './ops-agenda.js';
import { ASSIGNMENT_OPERATIONS } from './ops-assignments.js';
import { AUTH_OPERATIONS } from './ops-auth.js';
import { BOARD_OPERATIONS } from './ops-board.js';
import { CALENDAR_OPERATIONS } from './ops-calendar.js';
import { CHOICE_OPERATIONS } from './ops-choice.js';
import { DIRECTORY_OPERATIONS } from './ops-directory.js';
import { INQUIRY_OPERATIONS } from './ops-inquiry.js';
import { LADDER_OPERATIONS } from './ops-ladder.js';
import { MAIN_LINK_OPERATIONS } from './ops-main-link.js';
import { ORGANISATION_OPERATIONS } from './ops-organisation.js';
import { PROCESS_MAP_OPERATIONS } from './ops-process-map.js';
import { RECORD_AND_FILE_OPERATIONS } from './ops-record-files.js';
import { SCORECARD_OPERATIONS } from './ops-scorecards.js';

/** Every fixture, by operationId: the main case first, then its variants. */
export const OPERATIONS: ReadonlyMap<string, readonly OperationFixture[]> = (() => {
  const all = [...AUTH_OPERATIONS, ...CALENDAR_OPERATIONS, ...ASSIGNMENT_OPERATIONS, ...RECORD_AND_FILE_OPERATIONS, ...ORGANISATION_OPERATIONS, ...LADDER_OPERATIONS, ...AGENDA_OPERATIONS, ...BOARD_OPERATIONS, ...DIRECTORY_OPERATIONS, ...CHOICE_OPERATIONS, ...MAIN_LINK_OPERATIONS, ...PROCESS_MAP_OPERATIONS, ...SCORECARD_OPERATIONS, ...INQUIRY_OPERATIONS];
  const map = new Map<string, OperationFixture[]>();
  for (const f of all) {
    const cases = map.get(f.operationId) ?? [];
    if (cases.some((c) => c.variant === f.variant)) throw new Error(`two fixtures for ${f.operationId} ${f.variant ?? ''}`);
    if (cases.some((c) => c.method !== f.method || c.path !== f.path)) throw new Error(`the cases of ${f.operationId} name different operations`);
    map.set(f.operationId, [...cases, f].sort((a, b) => (a.variant ?? '').localeCompare(b.variant ?? '')));
  }
  return map;
})();

/** The name of a case: its operationId, and its variant if any. */
export function caseName(f: OperationFixture): string {
  return f.variant === undefined ? f.operationId : `${f.operationId} [${f.variant}]`;
}
