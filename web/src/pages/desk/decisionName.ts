/**
 * The title of a decision, read once per decision: from GET /decisions/{id}, or, for a reader who
 * may not read the decision itself (an executor without a role), from the names the ledger of one
 * of its cases gives.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.js';
import type { Decision, Ledger } from '../../api/types.js';

/** The title of decision `decisionId` (undefined while loading or unknown); `caseId` is a case of it the reader may see. */
export function useDecisionName(decisionId: string, caseId: string): string | undefined {
  const q = useQuery({
    queryKey: ['decision-name', decisionId],
    queryFn: async (): Promise<string | null> => {
      try {
        return (await api<Decision>('GET', `/decisions/${encodeURIComponent(decisionId)}`)).title;
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 403)) throw error;
        const ledger = await api<Ledger>('GET', `/assignments/${encodeURIComponent(caseId)}/ledger`);
        return ledger.names[decisionId] ?? null;
      }
    },
    staleTime: 10 * 60_000,
    retry: false,
  });
  return q.data ?? undefined;
}
