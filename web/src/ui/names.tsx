/**
 * Names instead of ids: a person's or unit's name, fetched once and cached for the session
 * (react-query), shown as the id until it arrives (same width class, so nothing jumps much).
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { Person, Unit } from '../api/types.js';

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
