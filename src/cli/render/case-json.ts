/** The case page as JSON: the whole view, with the names map turned into a plain object. */
import type { CaseView } from '../../app/queries/case-view.js';

/** A JSON-ready copy of the case view; `names` maps each id to its display name. */
export function caseJson(view: CaseView): Record<string, unknown> {
  return { ...view, names: Object.fromEntries(view.names) };
}
