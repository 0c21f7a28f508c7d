// The Queries panel of a submission: the messages between the State and the secretariat, oldest
// first, and a box to write one, which is e-mailed to the other side (src/services/messages.ts).
// Analysts of the secretariat read the thread without a box to write in.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Field } from '../Field.tsx';
import { LiveMessage, LoadError, Loading } from '../Status.tsx';

export function QueriesPanel({ cycleId, iso3 }: { cycleId: string; iso3: string }) {
  const { t } = useTranslation();
  const data = useLoad(() => api.messages.list(cycleId, iso3), [cycleId, iso3]);
  const { busy, message, error, act } = useAction(() => data.reload());
  const [text, setText] = useState('');
  const thread = data.data;

  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      await api.messages.post(cycleId, iso3, text);
      setText('');
      return t('queries.sent');
    });
  };

  return (
    <section className="card queries" aria-labelledby="queries-heading">
      <h2 id="queries-heading" tabIndex={-1}>
        {t('queries.title')}
      </h2>
      <p className="muted">{t('queries.intro')}</p>
      <LiveMessage>{message || null}</LiveMessage>
      {data.status === 'error' ? <LoadError error={data.error} what={t('queries.loading')} /> : null}
      {!thread ? (
        data.status === 'loading' ? <Loading what={t('queries.loading')} /> : null
      ) : (
        <>
          {thread.messages.length === 0 ? (
            <p className="empty">{t('queries.none')}</p>
          ) : (
            <ol className="queries__thread" aria-label={t('queries.thread', { state: thread.state.name })}>
              {thread.messages.map((m) => (
                <li key={m.id} className={`queries__message queries__message--${m.side}`}>
                  <p className="queries__meta">
                    <strong>{m.author.name}</strong> <span className="muted">({m.side === 'state' ? thread.state.name : t('queries.secretariat')})</span>{' '}
                    <time dateTime={m.createdAt} className="muted">
                      {formatDateTime(m.createdAt)}
                    </time>
                  </p>
                  <p className="queries__body" style={{ whiteSpace: 'pre-wrap' }}>
                    {m.body}
                  </p>
                </li>
              ))}
            </ol>
          )}
          {thread.canWrite ? (
            <form className="form" onSubmit={send} noValidate aria-busy={busy} aria-label={t('queries.write')}>
              {error ? (
                <p className="notice notice--error" role="alert">
                  {error.detail}
                </p>
              ) : null}
              <Field id="query-body" label={t('queries.yourMessage')} hint={t('queries.hint')}>
                {(a11y) => <textarea {...a11y} rows={4} value={text} onChange={(e) => setText(e.target.value)} />}
              </Field>
              <div className="form__actions">
                <button type="submit" className="button button--primary" disabled={busy || text.trim() === ''}>
                  {busy ? t('queries.sending') : t('queries.send')}
                </button>
              </div>
            </form>
          ) : (
            <p className="muted small">{t('queries.readOnly')}</p>
          )}
        </>
      )}
    </section>
  );
}
