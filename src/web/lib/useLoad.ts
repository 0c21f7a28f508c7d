// Loads data for a page and keeps loading, error and result together. While loading again
// (after `reload` or a change of deps) the previous data stays available, so forms do not flicker.
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api.ts';

export type Loaded<T> =
  | { status: 'loading'; data?: T | undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> & { reload(): void } {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', data: s.data }));
    load().then(
      (data) => live && setState({ status: 'ready', data }),
      (error: unknown) =>
        live &&
        setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(0, 'Error', error instanceof Error ? error.message : String(error)) }),
    );
    return () => {
      live = false;
    };
    // The caller's deps decide when to load again.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
