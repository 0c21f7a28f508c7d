// The audit log, for the secretariat: every recorded change (who, when, what), newest first, a page
// at a time, narrowed by subject, actor, action and days; what the filters select downloads as CSV.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type AuditFilters } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';
import { useSession } from '../session.tsx';

const pageSize = 50;
const fields = ['subject', 'actor', 'action', 'from', 'to'] as const;
const noFilters: Required<Record<(typeof fields)[number], string>> = { subject: '', actor: '', action: '', from: '', to: '' };

export function AuditPage() {
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  const id = useId();
  const allowed = abilities.readAudit;
  // What the form holds, and what was last asked for (the table and the download follow the latter).
  const [draft, setDraft] = useState(noFilters);
  const [applied, setApplied] = useState<AuditFilters>({});
  const [offset, setOffset] = useState(0);
  const page = useLoad(() => (allowed ? api.audit.page(applied, pageSize, offset) : Promise.resolve(undefined)), [allowed, applied, offset]);

  if (user && !allowed) {
    return (
      <>
        <PageHeading title={t('audit.title')} />
        <p className="notice notice--warning" role="alert">
          {t('audit.notAllowed')}
        </p>
      </>
    );
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    setApplied({ ...draft });
    setOffset(0);
  }
  function clear() {
    setDraft(noFilters);
    setApplied({});
    setOffset(0);
  }

  const data = page.data;
  return (
    <>
      <PageHeading title={t('audit.title')}>
        <p className="lead">{t('audit.lead')}</p>
      </PageHeading>
      <form className="audit-filters" onSubmit={apply} aria-labelledby={`${id}-filters`} noValidate>
        <h2 id={`${id}-filters`}>{t('audit.filters')}</h2>
        {fields.map((name) => (
          <Field key={name} id={`${id}-${name}`} label={t(`audit.${name}`)} hint={name === 'subject' || name === 'actor' || name === 'action' ? t(`audit.${name}Hint`) : undefined}>
            {(control) => (
              <input {...control} name={name} type={name === 'from' || name === 'to' ? 'date' : 'text'} value={draft[name]} onChange={(e) => setDraft({ ...draft, [name]: e.target.value })} />
            )}
          </Field>
        ))}
        <div className="button-row">
          <button type="submit" className="button button--primary">
            {t('audit.apply')}
          </button>
          <button type="button" className="button button--quiet" onClick={clear}>
            {t('audit.clear')}
          </button>
          <a className="button button--secondary" href={api.audit.csvUrl(applied)} download="audit-log.csv">
            {t('audit.download')}
          </a>
        </div>
      </form>
      {page.status === 'error' ? <LoadError error={page.error} what={t('audit.loading')} /> : null}
      {!data ? (
        page.status === 'loading' ? <Loading what={t('audit.loading')} /> : null
      ) : data.events.length === 0 ? (
        <p role="status">{t('audit.empty')}</p>
      ) : (
        <section aria-labelledby={`${id}-range`}>
          <h2 id={`${id}-range`}>
            {t('audit.range', { from: data.offset + 1, to: data.offset + data.events.length, total: data.total })}
          </h2>
          {/* Focusable and named: a wide table scrolls, and the keyboard must reach it. */}
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.caption')}>
            <table className="table audit-table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.subject')}</th>
                  <th scope="col">{t('audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {data.events.map((e) => (
                  <tr key={e.id} data-testid="audit-row">
                    <td>
                      <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    </td>
                    <td>{e.actor}</td>
                    <td>
                      <code>{e.action}</code>
                    </td>
                    <td>
                      <code>{e.subject}</code>
                    </td>
                    <td>
                      <code className="audit-table__details">{Object.keys(e.details).length ? JSON.stringify(e.details) : ''}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="button-row" aria-label={t('audit.pages')}>
            <button type="button" className="button button--quiet" disabled={offset === 0} onClick={() => setOffset(Math.max(offset - pageSize, 0))}>
              {t('audit.newer')}
            </button>
            <button type="button" className="button button--quiet" disabled={offset + pageSize >= data.total} onClick={() => setOffset(offset + pageSize)}>
              {t('audit.older')}
            </button>
          </nav>
        </section>
      )}
    </>
  );
}
