// One action a panel runs on a click (give a role, invite, withdraw): busy while it runs, the
// sentence it ends with, or the server's refusal; what the panel lists is reloaded after success.
import { useState } from 'react';
import { ApiError } from '../api.ts';

export function useAction(afterSuccess: () => void) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  async function act(run: () => Promise<string>) {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      setMessage(await run());
      afterSuccess();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', String(err)));
    } finally {
      setBusy(false);
    }
  }

  return { busy, message, error, act };
}
