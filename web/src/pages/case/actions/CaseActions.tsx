/**
 * The actions open to the signed-in person on a case, by its status, its parties and the request
 * waiting on it: accept; hand over; accept or refuse a handover or a transfer offered to them;
 * request a transfer of ownership; request, grant or refuse an extension; submit with evidence;
 * verify or reject. Each step sends the case's version as If-Match.
 */
import type { Assignment } from '../../../api/types.js';
import { ActionsPanel } from './ActionsPanel.js';

/** The actions the signed-in person's part allows on `assignment`; calls `onChanged` after a step succeeded (or the case changed meanwhile). */
export function CaseActions({ assignment, onChanged }: { readonly assignment: Assignment; readonly onChanged: () => void }) {
  return <ActionsPanel assignment={assignment} onChanged={onChanged} compact={false} />;
}
