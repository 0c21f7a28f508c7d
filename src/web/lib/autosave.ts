// Answers written online, saved without loss: each change is kept at once in localStorage (so a
// reload, a crash or a closed tab does not lose it, and the page offers it back), and saved to
// the server after a short pause, or at once with saveNow. Every save names the version it
// started from; a 409 (someone saved since) stops saving and says so: nothing is saved over
// another person's work until the user has chosen to (keepMine).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string; version: number }
  | { kind: 'failed'; message: string }
  | { kind: 'conflict'; message: string };

/** What localStorage keeps of unsaved edits. */
interface Kept<T> {
  value: T;
  baseVersion: number;
  at: string;
}

export interface Autosave<T> {
  value: T;
  state: SaveState;
  /** The version the edits start from: the one loaded, then each one saved. */
  version: number;
  /** Changes not yet saved on the server. */
  dirty: boolean;
  /** The new value, or how to make it from the latest one. */
  change(next: T | ((value: T) => T)): void;
  saveNow(): void;
  /** Edits kept from an earlier visit, not yet taken back. */
  offer: { at: string; baseVersion: number } | null;
  restore(): void;
  discard(): void;
  /** After a conflict: save these edits over the latest version (`latest` gives its number). */
  keepMine(latest: () => Promise<number>): void;
  /** Forgets the edits kept in this browser (before loading the other person's version). */
  forget(): void;
}

export function useAutosave<T>(
  initial: T,
  { storageKey, baseVersion, save, delay = 1500 }: { storageKey: string; baseVersion: number; save: (value: T, baseVersion: number) => Promise<{ version: number; savedAt: string }>; delay?: number },
): Autosave<T> {
  const [value, setValue] = useState(initial);
  const [saved, setSaved] = useState(initial);
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const [version, setVersion] = useState(baseVersion);
  const [kept, setKept] = useState(() => {
    const k = read<T>(storageKey);
    return k && JSON.stringify(k.value) !== JSON.stringify(initial) ? k : null;
  });
  const latest = useRef({ value, version, saving: false });
  latest.current.value = value;
  latest.current.version = version;

  const saveNow = useCallback(() => {
    const now = latest.current;
    if (now.saving) return;
    now.saving = true;
    const sent = now.value;
    setState({ kind: 'saving' });
    save(sent, now.version).then(
      (r) => {
        now.saving = false;
        now.version = r.version;
        setVersion(r.version);
        setSaved(sent);
        if (latest.current.value === sent) {
          remove(storageKey);
          setState({ kind: 'saved', at: r.savedAt, version: r.version });
        } else {
          // Written while it was saving: kept with the new base, saved after the next pause.
          write(storageKey, { value: latest.current.value, baseVersion: r.version, at: new Date().toISOString() });
          setState({ kind: 'pending' });
        }
      },
      (err: unknown) => {
        now.saving = false;
        const message = err instanceof ApiError ? err.detail : String(err);
        setState(err instanceof ApiError && err.status === 409 ? { kind: 'conflict', message } : { kind: 'failed', message });
      },
    );
  }, [save, storageKey]);

  const change = useCallback(
    (to: T | ((value: T) => T)) => {
      // From the latest value, not the one of the last render: two changes in one tick both count.
      const next = typeof to === 'function' ? (to as (value: T) => T)(latest.current.value) : to;
      latest.current.value = next;
      setValue(next);
      write(storageKey, { value: next, baseVersion: latest.current.version, at: new Date().toISOString() });
      // After a conflict nothing is saved until the user chooses; after a failure the next change tries again.
      setState((s) => (s.kind === 'conflict' || s.kind === 'saving' ? s : { kind: 'pending' }));
    },
    [storageKey],
  );

  // The pause: each change starts it again.
  useEffect(() => {
    if (state.kind !== 'pending') return;
    const timer = setTimeout(saveNow, delay);
    return () => clearTimeout(timer);
  }, [state, value, delay, saveNow]);

  const dirty = value !== saved;
  // Leaving the page inside the app (a link) saves what waits for its pause; a save refused then
  // leaves the edits in localStorage, offered back on the next visit.
  const leaving = useRef({ dirty, state, saveNow });
  leaving.current = { dirty, state, saveNow };
  useEffect(
    () => () => {
      const { dirty: unsaved, state: last, saveNow: save } = leaving.current;
      if (unsaved && last.kind !== 'conflict' && last.kind !== 'saving') save();
    },
    [],
  );
  // Leaving the page with unsaved edits asks first (they are kept in this browser either way).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    value,
    state,
    version,
    dirty,
    change,
    saveNow,
    offer: kept ? { at: kept.at, baseVersion: kept.baseVersion } : null,
    restore: () => {
      if (!kept) return;
      // Saved from the version they started from: a save made since is a conflict, not overwritten.
      latest.current.version = kept.baseVersion;
      setVersion(kept.baseVersion);
      setValue(kept.value);
      setKept(null);
      setState({ kind: 'pending' });
    },
    discard: () => {
      remove(storageKey);
      setKept(null);
    },
    keepMine: (current) => {
      setState({ kind: 'saving' });
      current().then(
        (v) => {
          latest.current.version = v;
          setVersion(v);
          saveNow();
        },
        (err: unknown) => setState({ kind: 'failed', message: err instanceof ApiError ? err.detail : String(err) }),
      );
    },
    forget: () => remove(storageKey),
  };
}

function read<T>(key: string): Kept<T> | undefined {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Kept<T>) : undefined;
  } catch {
    return undefined;
  }
}

function write<T>(key: string, kept: Kept<T>): void {
  try {
    localStorage.setItem(key, JSON.stringify(kept));
  } catch {
    // Storage may be full or disabled: the edits are still saved to the server after the pause.
  }
}

function remove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
