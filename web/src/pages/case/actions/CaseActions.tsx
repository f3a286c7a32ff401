/** Placeholder: the actions open to the signed-in person on a case (filled in by its own change). */
import type { Assignment } from '../../../api/types.js';

/** The actions the signed-in person's part allows on `assignment`; calls `onChanged` after a step succeeded. */
export function CaseActions(_props: { readonly assignment: Assignment; readonly onChanged: () => void }) {
  return null;
}
