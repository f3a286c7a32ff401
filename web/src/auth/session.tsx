/**
 * Who is signed in, for the whole app: the session is read once from GET /auth/session (401
 * means signed out), its CSRF token handed to the API client, and the signed-in person loaded
 * with their roles. `signIn` and `signOut` keep all of this consistent and clear every cached query.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api/client.js';
import type { Person, SessionInfo } from '../api/types.js';

/** The signed-in person and what the app can ask of the session. */
export interface SessionValue {
  /** undefined while loading; null when signed out. */
  readonly session: SessionInfo | null | undefined;
  readonly me: Person | undefined;
  /** True when the person holds a role that oversees units (administrator, controller, unit head, secretary, viewer). */
  readonly oversees: boolean;
  readonly signIn: (username: string, password: string) => Promise<void>;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

const OVERSEEING = new Set(['administrator', 'controller', 'unit_head', 'secretary', 'viewer']);

async function readSession(): Promise<SessionInfo | null> {
  try {
    const s = await api<SessionInfo>('GET', '/auth/session');
    setCsrfToken(s.csrfToken);
    return s;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Provides the session to everything below it. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const client = useQueryClient();
  const sessionQuery = useQuery({ queryKey: ['session'], queryFn: readSession, staleTime: Infinity, retry: false });
  const session = sessionQuery.data;
  const meQuery = useQuery({
    queryKey: ['person', session?.personId],
    queryFn: () => api<Person>('GET', `/people/${encodeURIComponent(session?.personId ?? '')}`),
    enabled: session !== undefined && session !== null,
  });
  const signIn = useCallback(
    async (username: string, password: string) => {
      const s = await api<SessionInfo>('POST', '/auth/login', { body: { username, password } });
      setCsrfToken(s.csrfToken);
      // Forget what the previous person saw, but keep the session query its observers watch.
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(['session'], s);
    },
    [client],
  );
  const signOut = useCallback(async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      setCsrfToken(null);
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      client.setQueryData(['session'], null);
    }
  }, [client]);
  const me = meQuery.data;
  const value = useMemo<SessionValue>(
    () => ({ session, me, oversees: (me?.roles ?? []).some((r) => OVERSEEING.has(r.role)), signIn, signOut }),
    [session, me, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session; only inside SessionProvider. */
export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (v === null) throw new Error('useSession outside SessionProvider');
  return v;
}
