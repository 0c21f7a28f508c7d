// Who is signed in, known to every page. Loaded once at start; signing in and out (here or everywhere) update it.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Abilities, User } from '../services/types.ts';
import { api } from './api.ts';

interface SessionValue {
  /** undefined while the first GET /api/session is in flight, null when nobody is signed in. */
  user: User | null | undefined;
  /** What the server says the user may do (GET /api/session); nothing while unknown or signed out. */
  abilities: Abilities;
  signIn(email: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  /** Ends every session of the user, this browser's included. */
  signOutEverywhere(): Promise<void>;
}

const noAbilities: Abilities = { createCycle: false, addTemplate: false, createUser: false, readAudit: false, readAll: false, importResponses: false, manageMemberships: false, readOutbox: false };

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [abilities, setAbilities] = useState<Abilities>(noAbilities);
  // The server decides what the user may do; the pages only offer it.
  const load = useCallback(
    () =>
      api.session.get().then(
        (r) => {
          setUser(r.user ?? null);
          setAbilities(r.abilities ?? noAbilities);
          return r.user ?? null;
        },
        () => {
          setUser(null);
          setAbilities(noAbilities);
          return null;
        },
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const signIn = useCallback(
    async (email: string, password: string) => {
      const r = await api.session.signIn(email, password);
      await load();
      return r.user;
    },
    [load],
  );
  const signOut = useCallback(async () => {
    await api.session.signOut();
    setUser(null);
    setAbilities(noAbilities);
  }, []);
  const signOutEverywhere = useCallback(async () => {
    await api.session.signOutEverywhere();
    setUser(null);
    setAbilities(noAbilities);
  }, []);
  const value = useMemo(() => ({ user, abilities, signIn, signOut, signOutEverywhere }), [user, abilities, signIn, signOut, signOutEverywhere]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>.');
  return value;
}
