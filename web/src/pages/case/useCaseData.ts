/**
 * Everything the case page and the inquiry read about one case: the assignment, its hour ledger,
 * its events (with the hash chain checked in the browser) and the record's verification status.
 * `refetch` reloads all of them at once, so that after a step nothing on screen is older than the rest.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { Assignment, Decision, Ledger } from '../../api/types.js';
import type { CaseEvents, RecordStatus } from './caseTypes.js';
import { checkChain } from './chain.js';

const path = (id: string, rest = ''): string => `/assignments/${encodeURIComponent(id)}${rest}`;

/** The queries of one case; `decision` is undefined until the assignment names it (or when hidden from the reader). */
export function useCaseData(id: string) {
  const client = useQueryClient();
  const assignment = useQuery({ queryKey: ['case', id, 'assignment'], queryFn: () => api<Assignment>('GET', path(id)) });
  const ledger = useQuery({ queryKey: ['case', id, 'ledger'], queryFn: () => api<Ledger>('GET', path(id, '/ledger')) });
  const events = useQuery({ queryKey: ['case', id, 'events'], queryFn: () => api<CaseEvents>('GET', path(id, '/events')) });
  const chain = useQuery({
    queryKey: ['case', id, 'chain', events.data?.items.length, events.data?.items.at(-1)?.hash],
    queryFn: () => checkChain(id, events.data?.items ?? []),
    enabled: events.data !== undefined,
    staleTime: Infinity,
  });
  const record = useQuery({ queryKey: ['record-status'], queryFn: () => api<RecordStatus>('GET', '/record/status'), retry: false });
  const decisionId = assignment.data?.decisionId;
  const decision = useQuery({
    queryKey: ['decision', decisionId],
    queryFn: () => api<Decision>('GET', `/decisions/${encodeURIComponent(decisionId ?? '')}`),
    enabled: decisionId !== undefined,
    retry: false,
    staleTime: 10 * 60_000,
  });
  const refetch = useCallback(() => {
    void client.invalidateQueries({ queryKey: ['case', id] });
    void client.invalidateQueries({ queryKey: ['record-status'] });
  }, [client, id]);
  const failed = assignment.error ?? ledger.error ?? events.error;
  return {
    assignment: assignment.data,
    ledger: ledger.data,
    events: events.data?.items,
    chain: chain.data,
    record: record.data,
    decision: decision.data,
    /** The first error of the case's own reads (the record status and the decision are optional). */
    error: failed,
    /** True when the case does not exist or is hidden from the reader. */
    notFound: failed instanceof ApiError && failed.status === 404,
    refetch,
  };
}

/** What useCaseData gives. */
export type CaseData = ReturnType<typeof useCaseData>;
