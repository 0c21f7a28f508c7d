// Secretariat administrators' list of users: who has an account, and which roles they hold where.
// New people come by invitation (a cycle's People panel); roles are given and taken back there.
import { useTranslation } from 'react-i18next';
import { LoadError, Loading } from '../components/Status.tsx';
import { PageHeading } from '../components/Page.tsx';
import { listAccounts, type Account } from '../lib/accounts-api.ts';
import { roleLabel } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

export function UsersPage() {
  const { t } = useTranslation();
  const users = useLoad(listAccounts, []);
  const where = (m: Account['memberships'][number]) =>
    m.scope === 'secretariat'
      ? t('users.secretariat')
      : m.scope === 'state'
        ? t('users.office', { state: m.stateIso3 ?? '' })
        : m.scope === 'cycle'
          ? t('users.cycle')
          : m.scope === 'question'
            ? t('users.question', { state: m.stateIso3 ?? '', question: m.questionKey ?? '' })
            : t('users.submission', { state: m.stateIso3 ?? '' });
  return (
    <>
      <PageHeading title={t('users.title')}>
        <p className="lead">{t('users.lead')}</p>
      </PageHeading>
      {users.status === 'error' ? (
        <LoadError error={users.error} what={t('users.loading')} />
      ) : !users.data ? (
        <Loading what={t('users.loading')} />
      ) : (
        <div className="table-wrap">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('users.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('users.colName')}</th>
                <th scope="col">{t('users.colEmail')}</th>
                <th scope="col">{t('users.colRoles')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row" data-label={t('users.colName')}>
                    {u.name}
                  </th>
                  <td data-label={t('users.colEmail')}>{u.email}</td>
                  <td data-label={t('users.colRoles')}>
                    {u.memberships.length === 0 ? (
                      <span className="muted">{t('users.none')}</span>
                    ) : (
                      <ul className="plain-list">
                        {u.memberships.map((m, i) => (
                          <li key={i}>
                            {roleLabel(m.role)}: {where(m)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
