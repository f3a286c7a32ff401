/**
 * A proposal the server refused, said in the reader's language: the error's own message (common
 * `error.*`), and for a refusal of the constraints (422) why they cannot all hold — a person kept
 * in two posts, two people kept in one post, a person kept where they may not serve, a constraint
 * naming a post or person outside the proposal's settings — and that the
 * constraints are kept above so that one can be removed; other errors offer to retry.
 */
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorBox, useErrorMessage } from '../../ui/states.js';

/** The reasons a pin conflict can give (PinConflict in src/placement/errors.ts), and `unknown` (an id outside the proposal). */
const REASONS = ['candidate-pinned-twice', 'post-pinned-twice', 'pair-not-allowed', 'out-of-range', 'unknown'] as const;
type Reason = (typeof REASONS)[number];

/** The distinct known reasons of a refusal (`details.conflicts[].reason`, `details.unknown`), in the order of REASONS. */
function reasonsOf(error: ApiError): Reason[] {
  const conflicts = error.details['conflicts'];
  const unknown = error.details['unknown'];
  const found = new Set<unknown>(Array.isArray(conflicts) ? conflicts.map((c: unknown) => (typeof c === 'object' && c !== null && 'reason' in c ? c.reason : undefined)) : []);
  if (Array.isArray(unknown) && unknown.length > 0) found.add('unknown');
  return REASONS.filter((r) => found.has(r));
}

/** The refusal of a proposal; `retry` asks again (offered unless the constraints were refused). */
export function PlacementRefusal({ error, constrained, retry }: { readonly error: unknown; readonly constrained: boolean; readonly retry: () => void }) {
  const { t } = useTranslation('people');
  const message = useErrorMessage();
  if (!(error instanceof ApiError) || error.status !== 422) return <ErrorBox error={error} retry={retry} />;
  const reasons = reasonsOf(error);
  return (
    <div className="error-box people-refusal" role="alert">
      <p>{message(error)}</p>
      {reasons.length > 0 && (
        <ul>
          {reasons.map((r) => (
            <li key={r}>{t(`refusal.${r}`)}</li>
          ))}
        </ul>
      )}
      {constrained && <p>{t('refusal.removeOne')}</p>}
    </div>
  );
}
