/** The primary action of a case only, for a row of a list (the others are on the case page). */
import type { Assignment } from '../../../api/types.js';
import { ActionsPanel } from './ActionsPanel.js';

/** The most pressing step the signed-in person may take on `assignment`, if any; calls `onChanged` after it. */
export function CompactCaseActions({ assignment, onChanged }: { readonly assignment: Assignment; readonly onChanged: () => void }) {
  return <ActionsPanel assignment={assignment} onChanged={onChanged} compact />;
}
