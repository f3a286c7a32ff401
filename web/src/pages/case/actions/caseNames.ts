/**
 * The names of everyone and everything a case mentions (people, units, its decision, bodies),
 * as the case's hour ledger gives them: readable by anyone who may see the case, even a person
 * who may not read those people or that decision on their own.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.js';
import type { Ledger } from '../../../api/types.js';

/** id → name for the case `id` (empty while loading or if the ledger cannot be read). */
export function useCaseNames(id: string): Readonly<Record<string, string>> {
  const q = useQuery({
    queryKey: ['assignment', id, 'names'],
    queryFn: async () => (await api<Ledger>('GET', `/assignments/${encodeURIComponent(id)}/ledger`)).names,
    staleTime: 60_000,
  });
  return q.data ?? {};
}
