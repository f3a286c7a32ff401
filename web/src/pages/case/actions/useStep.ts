/**
 * Sending one lifecycle step: POST /assignments/{id}/{step} with the version read as If-Match.
 * On success the case's cache is replaced by the answer and every list of assignments is marked
 * stale; on 412 (someone changed the case meanwhile) the case is reloaded. Either way `onChanged`
 * is called, so the page shows the case as it now is.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client.js';
import type { Assignment } from '../../../api/types.js';
import { useErrorMessage } from '../../../ui/states.js';
import { STEP_PATH, type ActionKind } from './available.js';

/** What one step sends. */
export interface StepRequest {
  readonly kind: ActionKind;
  readonly body: Record<string, unknown>;
}

/** A mutation that takes one step on `assignment`. */
export function useStep(assignment: Assignment, onChanged: () => void) {
  const client = useQueryClient();
  const id = assignment.id;
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['assignments'] });
    void client.invalidateQueries({ queryKey: ['assignment', id] });
  };
  return useMutation({
    mutationFn: (step: StepRequest) =>
      api<Assignment>('POST', `/assignments/${encodeURIComponent(id)}/${STEP_PATH[step.kind]}`, { body: step.body, version: assignment.version }),
    onSuccess: (updated) => {
      client.setQueryData(['assignment', id], updated);
      refresh();
      onChanged();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        refresh();
        onChanged();
      }
    },
  });
}

/** Why a step was refused, in the reader's language: this namespace's words for the rules' codes, else the app's. */
export function useRefusalMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation('actions');
  const general = useErrorMessage();
  return (error: unknown) => {
    if (error instanceof ApiError && i18n.exists(`actions:refusal.${error.code}`)) return t(`refusal.${error.code}`, { detail: error.detail });
    return general(error);
  };
}
