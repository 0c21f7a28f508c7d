// Review cycles: what is open, for which template, by when, and how far States have got.
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import {
  cycleProgress,
  cycleStatusLabel,
  deadlineLabel,
  formatDate,
  formatNumber,
  ownSubmissionStatus,
  submissionStatusLabel,
  todayIso,
} from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Badge, LoadError, Loading, ProgressBar } from '../components/Status.tsx';
import { MyAssignments } from '../components/assignments/MyAssignments.tsx';

export function CyclesPage() {
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  const data = useLoad(() => Promise.all([api.cycles.list(), api.templates.list()]), []);
  const canCreate = abilities.createCycle;
  // A State's users see their own State's submission only, never how far the other States are.
  const ownStateOnly = user ? !abilities.readAll : false;
  const today = todayIso();

  return (
    <>
      <PageHeading title={t('cycles.title')}>
        <div className="page-heading__row">
          <p className="lead">{t('cycles.lead')}</p>
          {canCreate ? (
            <Link to="/cycles/new" className="button button--primary">
              {t('cycles.new')}
            </Link>
          ) : null}
        </div>
      </PageHeading>
      <MyAssignments />
      {data.status === 'loading' ? <Loading what={t('cycles.loading')} /> : null}
      {data.status === 'error' ? <LoadError error={data.error} what={t('cycles.loadError')} /> : null}
      {data.status === 'ready'
        ? (() => {
            const [cycles, templates] = data.data;
            const templateTitle = new Map(templates.map((t) => [t.id, t.name]));
            if (cycles.length === 0) {
              return (
                <div className="empty">
                  <p>{t('cycles.none')}</p>
                  {canCreate ? <p>{t('cycles.noneCreate')}</p> : <p>{t('cycles.noneWait')}</p>}
                </div>
              );
            }
            return (
              <div className="table-wrap">
                <table className="table table--cards">
                  <caption className="visually-hidden">{t('cycles.caption', { count: cycles.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('cycles.colTitle')}</th>
                      <th scope="col">{t('cycles.colTemplate')}</th>
                      <th scope="col">{t('cycles.colDeadline')}</th>
                      <th scope="col">{t('cycles.colStatus')}</th>
                      {ownStateOnly ? (
                        <th scope="col">{t('cycles.colOwn')}</th>
                      ) : (
                        <>
                          <th scope="col" className="num">
                            {t('cycles.colInvited')}
                          </th>
                          <th scope="col">{t('cycles.colProgress')}</th>
                        </>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {cycles.map((c) => {
                      const p = cycleProgress(c);
                      const own = ownStateOnly ? ownSubmissionStatus(c) : null;
                      const due = deadlineLabel(c.deadline, today);
                      return (
                        <tr key={c.id}>
                          <th scope="row" data-label={t('cycles.colTitle')}>
                            <Link to={`/cycles/${c.id}`}>{c.title}</Link>
                          </th>
                          <td data-label={t('cycles.colTemplate')}>{templateTitle.get(c.templateId) ?? c.templateId}</td>
                          <td data-label={t('cycles.colDeadline')}>
                            <div>
                              {formatDate(c.deadline)}
                              {c.status === 'open' ? <span className={due.overdue ? 'deadline deadline--overdue' : 'deadline'}>{due.text}</span> : null}
                            </div>
                          </td>
                          <td data-label={t('cycles.colStatus')}>
                            <Badge tone={`cycle-${c.status}`}>{cycleStatusLabel(c.status)}</Badge>
                          </td>
                          {own ? (
                            <td data-label={t('cycles.colOwn')}>
                              <Badge tone={own}>{submissionStatusLabel(own)}</Badge>
                            </td>
                          ) : (
                            <>
                              <td data-label={t('cycles.colInvited')} className="num">
                                {formatNumber(p.invited)}
                              </td>
                              <td data-label={t('cycles.colProgress')}>
                                <div className="progress-cell">
                                  <ProgressBar value={p.answered} secondary={p.drafts} max={p.invited} />
                                  <span className="progress-cell__text">
                                    {t('cycles.answered', { answered: formatNumber(p.answered), invited: formatNumber(p.invited) })}
                                    {p.drafts ? <span className="muted"> · {t('cycles.drafts', { count: p.drafts })}</span> : null}
                                  </span>
                                </div>
                              </td>
                            </>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })()
        : null}
    </>
  );
}
