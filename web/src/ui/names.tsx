/**
 * Names instead of ids: a person's or unit's name, fetched once and cached for the session
 * (react-query), shown as the id until it arrives (same width class, so nothing jumps much). Lists
 * that come with the names of what they mention put them in the cache first (`primeNames`).
 */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Person, Unit } from '../api/types.js';

/** What the cache holds under ['name', id]: the thing read by id, or at least its name. */
type Named = { readonly name?: string; readonly title?: string };

/**
 * Puts each name (by id) into the cache under the key `useName` reads, so that `useName` answers it
 * without a request; whatever else the cache held for the id is kept, and it stays fresh as long as
 * a fetched name would.
 */
export function primeNames(client: QueryClient, names: Readonly<Record<string, string>>): void {
  for (const [id, name] of Object.entries(names)) {
    client.setQueryData<Named>(['name', id], (old) => (old?.name === name ? old : { ...old, name }));
  }
}

/** The name of a person, unit or body by its id (falls back to the id). */
export function useName(id: string | null | undefined): string {
  const kind = id?.startsWith('per_') ? 'people' : id?.startsWith('unit_') ? 'units' : id?.startsWith('body_') ? 'bodies' : id?.startsWith('dec_') ? 'decisions' : null;
  const q = useQuery({
    queryKey: ['name', id],
    queryFn: () => api<Person | Unit | { title: string }>('GET', `/${kind}/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null && id !== undefined && kind !== null,
    staleTime: 10 * 60_000,
    retry: false,
  });
  const d = q.data as { name?: string; title?: string } | undefined;
  return d?.name ?? d?.title ?? id ?? '—';
}

/** A person, unit or body shown by name, with its id as a tooltip. */
export function Name({ id }: { readonly id: string | null | undefined }) {
  const name = useName(id);
  return <span title={id ?? undefined}>{name}</span>;
}
