// The published reports, for anyone (no sign-in): each State's report the secretariat published
// with the State's consent, as a frozen snapshot. Drafts and unpublished reports are never here.
// The full public site (reading a report laid out as its form) comes later; each report links to
// its snapshot.
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { PageHeading } from '../components/Page.tsx';
import { LoadError, Loading } from '../components/Status.tsx';
import { formatDateTime } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

export function PublicationsPage() {
  const { t } = useTranslation();
  const list = useLoad(() => api.publications.list(), []);
  return (
    <>
      <PageHeading title={t('publications.title')}>
        <p className="lead">{t('publications.lead')}</p>
      </PageHeading>
      {list.status === 'error' ? <LoadError error={list.error} what={t('publications.loading')} /> : null}
      {!list.data ? (
        list.status === 'loading' ? <Loading what={t('publications.loading')} /> : null
      ) : list.data.length === 0 ? (
        <p>{t('publications.empty')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('publications.caption')}>
          <table className="table publications-table">
            <caption className="visually-hidden">{t('publications.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('publications.state')}</th>
                <th scope="col">{t('publications.cycle')}</th>
                <th scope="col">{t('publications.meeting')}</th>
                <th scope="col">{t('publications.published')}</th>
                <th scope="col">{t('publications.version')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((p) => (
                <tr key={p.id} data-testid="publication-row">
                  <th scope="row">
                    {p.state.name} ({p.state.iso3})
                    <br />
                    <a href={`/api/publications/${encodeURIComponent(p.id)}`}>
                      {t('publications.open')}
                      <span className="visually-hidden">{t('publications.openHidden', { state: p.state.name })}</span>
                    </a>
                  </th>
                  <td>{p.cycle.title}</td>
                  <td>{p.cycle.meeting ? [p.cycle.meeting.name, p.cycle.meeting.place, p.cycle.meeting.dates].filter(Boolean).join(', ') : ''}</td>
                  <td>
                    <time dateTime={p.publishedAt}>{formatDateTime(p.publishedAt)}</time>
                  </td>
                  <td>{p.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
