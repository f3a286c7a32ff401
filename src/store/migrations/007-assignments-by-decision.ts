/**
 * Issue #6: the cases of a decision found by their decision — whether a person takes part in some
 * case of a decision (who may read it, docs/decisions/0022-people-directory-and-decision-visibility.md),
 * a decision's execution counted by status, GET /assignments?decision=… — read one index range
 * instead of every assignment.
 */
import type { Kysely, Migration } from 'kysely';
import type { DialectCapabilities } from '../dialect.js';

/** Adds the index of assignments by decision. */
export function assignmentsByDecisionMigration(_caps: DialectCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('assignments_decision').on('assignments').column('decision_id').execute();
    },
  };
}
