// Accept the checked import as a new draft version of a State's submission in a cycle.
import { useState } from 'react';
import { Link } from 'react-router';
import type { Response } from '../../../domain/response.ts';
import type { SavedVersion } from '../../../services/types.ts';
import { api, ApiError } from '../../api.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { submissionStatusLabel } from '../../lib/format.ts';
import { LiveMessage } from '../Status.tsx';

interface Props {
  cycle: { id: string; title: string } | null;
  state: { iso3: string; name: string } | null;
  response: Response;
  fileName: string;
}

export function AcceptPanel({ cycle, state, response, fileName }: Props) {
  const [note, setNote] = useState(`Imported from ${fileName}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<SavedVersion | null>(null);
  const [downloading, setDownloading] = useState<'docx' | 'txt' | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  // The version the new draft builds on: the save names it, so that it never silently replaces
  // a version someone saved in the meantime.
  const current = useLoad(
    () => (cycle && state ? api.submissions.get(cycle.id, state.iso3) : Promise.resolve(null)),
    [cycle?.id, state?.iso3, saved?.version],
  );
  const base = current.status === 'ready' ? current.data : null;
  const ready = cycle && state;
  const documentState = response.state;
  const mismatch = ready && documentState && documentState.iso3 !== state.iso3;

  const accept = async () => {
    if (!cycle || !state) return;
    setError(null);
    if (!base) {
      // Without the current version the save could overwrite someone's work: refuse, and say why.
      setError(
        new ApiError(
          0,
          'Not saved',
          current.status === 'loading'
            ? `The current version of ${state.name}'s submission is still loading. Wait a moment, then accept again.`
            : `The current version of ${state.name}'s submission could not be loaded, so the draft cannot be saved safely. Load it again, then accept.`,
        ),
      );
      return;
    }
    setBusy(true);
    setSaved(null);
    try {
      const result = await api.submissions.save(cycle.id, state.iso3, {
        response: { ...response, state: { iso3: state.iso3, name: state.name } },
        baseVersion: base.version,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSaved(result);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', 'The draft could not be saved. Please try again.'));
      if (err instanceof ApiError && err.status === 409) current.reload();
    } finally {
      setBusy(false);
    }
  };

  /** The answers as read and corrected so far, laid out like the form, saved by the browser. */
  const download = async (format: 'docx' | 'txt') => {
    setDownloading(format);
    setDownloadError(null);
    try {
      const blob = await api.exports.create(response.templateId, response, format);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileName.replace(/\.[^.]+$/, '')}-checked.${format}`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setDownloadError(err instanceof ApiError ? err.detail : 'The document could not be made. Please try again.');
    } finally {
      setDownloading(null);
    }
  };

  return (
    <section className="card accept" aria-labelledby="accept-heading">
      <h2 id="accept-heading">Accept into a draft</h2>
      {!ready ? (
        <p>Choose a review cycle and a State above to accept this import as a draft of that State’s submission.</p>
      ) : (
        <>
          <p>
            The answers above, with your corrections, become a new draft version for <strong>{state.name}</strong> in <strong>{cycle.title}</strong>. Nothing
            is submitted; the State’s coordinator can review it.
          </p>
          {base ? (
            <p className="muted">
              Current: {submissionStatusLabel(base.status)}
              {base.version > 0 ? `, version ${base.version}` : ''}. The draft will be saved as version {base.version + 1}.
            </p>
          ) : current.status === 'error' ? (
            <div className="notice notice--error" role="alert">
              <p>
                <strong>The current version of {state.name}’s submission could not be loaded.</strong> {current.error.detail} The draft cannot be
                saved until it is, so that it cannot overwrite someone’s changes.
              </p>
              <button type="button" className="button button--secondary" onClick={current.reload}>
                Load it again
              </button>
            </div>
          ) : (
            <p className="muted">Loading the current version of {state.name}’s submission…</p>
          )}
          {mismatch ? (
            <p className="notice notice--warning">
              The document names {documentState.name}, not {state.name}. Check that you chose the right State before accepting.
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="accept-note" className="field__label">
              Note for the version history
            </label>
            <input id="accept-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--primary" onClick={accept} disabled={busy || !base}>
              {busy ? 'Saving the draft…' : 'Accept into draft'}
            </button>
          </div>
        </>
      )}
      <p className="accept__downloads">
        Or download what was read, with your corrections, laid out like the form:{' '}
        <button type="button" className="button button--secondary" onClick={() => download('docx')} disabled={downloading !== null}>
          {downloading === 'docx' ? 'Preparing…' : 'Word document'}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => download('txt')} disabled={downloading !== null}>
          {downloading === 'txt' ? 'Preparing…' : 'Plain text'}
        </button>
      </p>
      {downloadError ? (
        <p className="notice notice--error" role="alert">
          <strong>The document could not be made.</strong> {downloadError}
        </p>
      ) : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>The draft was not saved.</strong> {error.detail}
          </p>
          {error.status === 409 ? (
            <p>Someone saved this State’s answers after you started. Accepting again will build on their latest version.</p>
          ) : null}
          {error.errors.length ? (
            <ul>
              {error.errors.map((e, i) => (
                <li key={i}>
                  {e.path ? <code>{e.path}</code> : null} {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <LiveMessage>
        {saved ? (
          <>
            Saved as draft version {saved.version} for {saved.state.name}.{' '}
            <Link to={`/cycles/${saved.cycleId}`}>Back to the cycle</Link>
          </>
        ) : null}
      </LiveMessage>
    </section>
  );
}
