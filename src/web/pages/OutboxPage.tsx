// The outbox, for secretariat administrators: every e-mail message the application sent (or, with
// no SMTP server configured, would have sent), newest first, a page at a time; open one to read it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type OutboxEntry } from '../api.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session.tsx';

const pageSize = 20;

export function OutboxPage() {
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const allowed = abilities.readOutbox;
  const page = useLoad(() => (allowed ? api.outbox.list(pageSize, offset) : Promise.resolve(undefined)), [allowed, offset]);
  const opened = useLoad(() => (allowed && openId ? api.outbox.get(openId) : Promise.resolve(undefined)), [allowed, openId]);

  if (user && !allowed) {
    return (
      <>
        <PageHeading title={t('outbox.title')} />
        <p className="notice notice--warning" role="alert">
          {t('outbox.notAllowed')}
        </p>
      </>
    );
  }
  const data = page.data;
  return (
    <>
      <PageHeading title={t('outbox.title')}>
        {data ? <p className="lead">{data.delivery === 'smtp' ? t('outbox.leadSmtp') : t('outbox.leadOutbox')}</p> : null}
      </PageHeading>
      {page.status === 'error' ? <LoadError error={page.error} what={t('outbox.loading')} /> : null}
      {!data ? (
        page.status === 'loading' ? <Loading what={t('outbox.loading')} /> : null
      ) : data.messages.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <section aria-labelledby="outbox-list-heading">
          <h2 id="outbox-list-heading">{t('outbox.range', { from: data.offset + 1, to: data.offset + data.messages.length, total: data.total })}</h2>
          <div className="table-wrap">
            <table className="table outbox-table">
              <thead>
                <tr>
                  <th scope="col">{t('outbox.time')}</th>
                  <th scope="col">{t('outbox.recipient')}</th>
                  <th scope="col">{t('outbox.subject')}</th>
                  <th scope="col">{t('outbox.status')}</th>
                </tr>
              </thead>
              <tbody>
                {data.messages.map((m) => (
                  <tr key={m.id} data-testid="outbox-row">
                    <td>{formatDateTime(m.sentAt ?? m.createdAt)}</td>
                    <td>{[...m.to, ...m.cc].join(', ')}</td>
                    <td>
                      <button type="button" className="button button--quiet" aria-expanded={openId === m.id} onClick={() => setOpenId(openId === m.id ? null : m.id)}>
                        {m.subject}
                      </button>
                    </td>
                    <td>
                      <StatusText entry={m} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="button-row" aria-label={t('outbox.pages')}>
            <button type="button" className="button button--quiet" disabled={offset === 0} onClick={() => setOffset(Math.max(offset - pageSize, 0))}>
              {t('outbox.newer')}
            </button>
            <button type="button" className="button button--quiet" disabled={offset + pageSize >= data.total} onClick={() => setOffset(offset + pageSize)}>
              {t('outbox.older')}
            </button>
          </nav>
        </section>
      )}
      {openId && opened.status === 'error' ? <LoadError error={opened.error} what={t('outbox.message')} /> : null}
      {openId && opened.data ? <Message entry={opened.data} /> : null}
    </>
  );
}

function StatusText({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`outbox.statuses.${entry.status}`)}
      {entry.status === 'failed' && entry.error ? <span className="outbox-error">{` (${entry.error})`}</span> : null}
    </>
  );
}

/** One message as it was sent: its addresses and plain text (the HTML part says the same). */
function Message({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  return (
    <section className="outbox-message" aria-labelledby="outbox-message-heading" data-testid="outbox-message">
      <h2 id="outbox-message-heading">{entry.subject}</h2>
      <dl className="outbox-message__fields">
        <dt>{t('outbox.to')}</dt>
        <dd>{entry.to.join(', ')}</dd>
        {entry.cc.length > 0 ? (
          <>
            <dt>{t('outbox.cc')}</dt>
            <dd>{entry.cc.join(', ')}</dd>
          </>
        ) : null}
        <dt>{t('outbox.status')}</dt>
        <dd>
          <StatusText entry={entry} />
        </dd>
        <dt>{t('outbox.language')}</dt>
        <dd>{entry.language}</dd>
      </dl>
      <pre className="outbox-message__text" lang={entry.language} style={{ whiteSpace: "pre-wrap" }}>
        {entry.text}
      </pre>
    </section>
  );
}
