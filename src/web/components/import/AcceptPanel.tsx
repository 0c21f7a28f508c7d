// Accept the checked import as a new draft version of a State's submission in a cycle.
import { useState } from 'react';
import { Link } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import type { AnyResponse } from '../../../services/types.ts';
import type { SavedVersion } from '../../../services/types.ts';
import { api, ApiError } from '../../api.ts';
import { saveBlob } from '../../lib/save-blob.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { submissionStatusLabel } from '../../lib/format.ts';
import { LiveMessage } from '../Status.tsx';

interface Props {
  cycle: { id: string; title: string } | null;
  state: { iso3: string; name: string } | null;
  /** As read (and corrected): a Response, or an ItemResponse for a cycle whose form is of the item model. */
  response: AnyResponse;
  fileName: string;
}

export function AcceptPanel({ cycle, state, response, fileName }: Props) {
  const { t } = useTranslation();
  const [note, setNote] = useState<string>(() => t('accept.note', { file: fileName }));
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
            ? t('accept.stillLoading', { state: state.name })
            : t('accept.notLoaded', { state: state.name }),
        ),
      );
      return;
    }
    setBusy(true);
    setSaved(null);
    try {
      const result = await api.submissions.acceptImport(cycle.id, state.iso3, {
        response: { ...response, state: { iso3: state.iso3, name: state.name } },
        baseVersion: base.version,
        fileName,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setSaved(result);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'Error', t('accept.saveFailed')));
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
      saveBlob(await api.exports.create(response.templateId, response, format, cycle?.id), `${fileName.replace(/\.[^.]+$/, '')}-checked.${format}`);
    } catch (err) {
      setDownloadError(err instanceof ApiError ? err.detail : t('accept.makeFailed'));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <section className="card accept" aria-labelledby="accept-heading">
      <h2 id="accept-heading">{t('accept.heading')}</h2>
      {!ready ? (
        <p>{t('accept.chooseFirst')}</p>
      ) : (
        <>
          <p>
            <Trans
              i18nKey="accept.becomes"
              values={{ state: state.name, cycle: cycle.title }}
              components={[<strong key="state" />, <strong key="cycle" />]}
            />
          </p>
          {base ? (
            <p className="muted">
              {base.version > 0
                ? t('accept.currentVersion', { status: submissionStatusLabel(base.status), version: base.version, next: base.version + 1 })
                : t('accept.current', { status: submissionStatusLabel(base.status), next: base.version + 1 })}
            </p>
          ) : current.status === 'error' ? (
            <div className="notice notice--error" role="alert">
              <p>
                <strong>{t('accept.notLoadedTitle', { state: state.name })}</strong> {current.error.detail} {t('accept.notLoadedText')}
              </p>
              <button type="button" className="button button--secondary" onClick={current.reload}>
                {t('accept.loadAgain')}
              </button>
            </div>
          ) : (
            <p className="muted">{t('accept.loading', { state: state.name })}</p>
          )}
          {mismatch ? (
            <p className="notice notice--warning">
              {t('accept.mismatch', { document: documentState.name, state: state.name })}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="accept-note" className="field__label">
              {t('accept.noteLabel')}
            </label>
            <input id="accept-note" type="text" value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <div className="form__actions">
            <button type="button" className="button button--primary" onClick={accept} disabled={busy || !base}>
              {busy ? t('accept.saving') : t('accept.accept')}
            </button>
          </div>
        </>
      )}
      <p className="accept__downloads">
        {t('accept.orDownload')}{' '}
        <button type="button" className="button button--secondary" onClick={() => download('docx')} disabled={downloading !== null}>
          {downloading === 'docx' ? t('accept.preparing') : t('accept.word')}
        </button>{' '}
        <button type="button" className="button button--secondary" onClick={() => download('txt')} disabled={downloading !== null}>
          {downloading === 'txt' ? t('accept.preparing') : t('accept.text')}
        </button>
      </p>
      {downloadError ? (
        <p className="notice notice--error" role="alert">
          <strong>{t('accept.notMade')}</strong> {downloadError}
        </p>
      ) : null}
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>{t('accept.notSaved')}</strong> {error.detail}
          </p>
          {error.status === 409 ? (
            <p>{t('accept.conflict')}</p>
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
            {t('accept.saved', { version: saved.version, state: saved.state.name })}{' '}
            <Link to={`/cycles/${saved.cycleId}`}>{t('accept.back')}</Link>
          </>
        ) : null}
      </LiveMessage>
    </section>
  );
}
