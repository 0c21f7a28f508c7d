// State kept in sessionStorage, so a reload or a wrong click does not lose a half-filled form.
import { useCallback, useEffect, useRef, useState } from 'react';

export function useStoredState<T extends object>(
  key: string,
  initial: T,
): { value: T; set: (update: (v: T) => T) => void; restored: boolean; clear: () => void } {
  const initialRef = useRef(initial);
  const [stored] = useState(() => read<T>(key));
  const [value, setValue] = useState<T>(() => ({ ...initial, ...stored }));
  const restored = stored !== undefined && JSON.stringify({ ...initial, ...stored }) !== JSON.stringify(initial);
  useEffect(() => {
    try {
      // An untouched form is not worth keeping: the next visit would claim to restore it.
      if (JSON.stringify(value) === JSON.stringify(initialRef.current)) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage may be full or disabled; the form still works, it is just not kept.
    }
  }, [key, value]);
  const set = useCallback((update: (v: T) => T) => setValue(update), []);
  const clear = useCallback(() => setValue(initialRef.current), []);
  return { value, set, restored, clear };
}

function read<T>(key: string): Partial<T> | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}
