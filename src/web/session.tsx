// Who is signed in, known to every page. Loaded once at start; signing in and out (here or everywhere) update it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '../services/types.ts';
import { api } from './api.ts';

interface SessionValue {
  /** undefined while the first GET /api/session is in flight, null when nobody is signed in. */
  user: User | null | undefined;
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  /** Ends every session of the user, this browser's included. */
  signOutEverywhere(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => {
    api.session.get().then(
      (r) => setUser(r.user ?? null),
      () => setUser(null),
    );
  }, []);
  const signIn = useCallback(async (email: string, password: string) => {
    const r = await api.session.signIn(email, password);
    setUser(r.user);
    return r.user;
  }, []);
  const signOut = useCallback(async () => {
    await api.session.signOut();
    setUser(null);
  }, []);
  const signOutEverywhere = useCallback(async () => {
    await api.session.signOutEverywhere();
    setUser(null);
  }, []);
  const value = useMemo(() => ({ user, signIn, signOut, signOutEverywhere }), [user, signIn, signOut, signOutEverywhere]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
