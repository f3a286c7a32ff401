/**
 * Which lifecycle steps the signed-in person's part allows on a case, by its status, its parties
 * and the request waiting on it — the same rules as src/domain/assignment/assignment.rules.ts, so
 * the buttons offered are the ones the server will accept (it still decides, and may refuse).
 */
import type { Assignment } from '../../../api/types.js';

/** One step a person may take from the case page. */
export type ActionKind =
  | 'accept'
  | 'acceptHandover'
  | 'refuseHandover'
  | 'acceptTransfer'
  | 'refuseTransfer'
  | 'grantExtension'
  | 'refuseExtension'
  | 'verify'
  | 'reject'
  | 'submit'
  | 'handover'
  | 'extension'
  | 'transfer';

/** Steps taken with one click: nothing to fill in. */
export const IMMEDIATE: ReadonlySet<ActionKind> = new Set(['accept', 'acceptHandover', 'acceptTransfer', 'grantExtension']);

/** The API path of each step under /assignments/{id}/. */
export const STEP_PATH: Readonly<Record<ActionKind, string>> = {
  accept: 'accept',
  acceptHandover: 'handover/accept',
  refuseHandover: 'handover/refuse',
  acceptTransfer: 'transfer/accept',
  refuseTransfer: 'transfer/refuse',
  grantExtension: 'extension/grant',
  refuseExtension: 'extension/refuse',
  verify: 'verify',
  reject: 'reject',
  submit: 'submit',
  handover: 'handover',
  extension: 'extension',
  transfer: 'transfer',
};

/** The steps open to `me` on `a`, most pressing first (the first one is the primary action). */
export function availableActions(a: Assignment, me: string): ActionKind[] {
  const out: ActionKind[] = [];
  const p = a.pending;
  const open = a.status === 'issued' || a.status === 'in_progress';
  if (p !== null) {
    if (p.kind === 'handover' && p.to === me) out.push('acceptHandover', 'refuseHandover');
    if (p.kind === 'transfer' && p.to === me) out.push('acceptTransfer', 'refuseTransfer');
    if (p.kind === 'extension' && p.approverId === me) out.push('grantExtension', 'refuseExtension');
  }
  if (a.status === 'submitted' && a.verifierId === me) out.push('verify', 'reject');
  if (p === null) {
    if (a.status === 'issued' && a.ownerId === me) out.push('accept');
    if (a.status === 'in_progress' && (a.holderId === me || a.ownerId === me) && a.verifierId !== me && a.holderId !== a.verifierId) out.push('submit');
    if (a.status === 'in_progress' && a.holderId === me) out.push('handover');
    if (open && (a.ownerId === me || a.holderId === me) && me !== (a.controllerId ?? a.issuerId)) out.push('extension');
    if (open && (a.ownerId === me || a.issuerId === me || a.controllerId === me)) out.push('transfer');
  }
  return out;
}
