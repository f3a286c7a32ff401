/** The words the CLI uses for the roles of a ledger interval. */
import type { HoldingRole } from '../../domain/assignment/assignment.state.js';

/** What the holder of a ledger interval is doing, as the case page says it. */
export const ROLE_LABEL: Readonly<Record<HoldingRole, string>> = {
  accepting: 'to accept',
  executing: 'executing',
  handover: 'to answer handover',
  transfer: 'to answer transfer',
  extension: 'to answer extension',
  verifying: 'verifying',
  closed: 'closed',
};
