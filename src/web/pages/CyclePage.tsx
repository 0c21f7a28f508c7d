// One review cycle: its terms, its life (edit, open, extend, close, archive: the secretariat's
// administrators), and where each invited State stands.
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { templateSummary } from '../../services/template-summary.ts';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import {
  cycleProgress,
  cycleStatusLabel,
  deadlineLabel,
  formatDate,
  formatDateTime,
  formatNumber,
  ownSubmissionStatus,
  submissionStatusLabel,
  todayIso,
} from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { PeoplePanel } from '../components/PeoplePanel.tsx';
import { CycleLifecycle } from '../components/cycles/CycleLifecycle.tsx';
import { RemindersPanel } from '../components/reminders/RemindersPanel.tsx';
import { StateRowActions } from '../components/StateRowActions.tsx';
import { TrackingTable } from '../components/TrackingTable.tsx';
import { Badge, LiveMessage, LoadError, Loading, ProgressBar } from '../components/Status.tsx';

export function CyclePage() {
  const { id = '' } = useParams();
  const { user, abilities } = useSession();
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const data = useLoad(() => Promise.all([api.cycles.get(id), api.cycles.submissions(id), api.cycles.template(id)]), [id]);
  const mayImport = abilities.importResponses;
  // A State's users see their own State's submission only, never how far the other States are.
  const ownStateOnly = user ? !abilities.readAll : false;

  // While it loads again (after a change on this page) the page stays as it was.
  const loaded = data.data;
  if (!loaded) {
    return (
      <>
        <PageHeading title={t('cycle.title')} eyebrow={<Link to="/">{t('cycles.title')}</Link>} />
        {data.status === 'error' ? <LoadError error={data.error} what={t('cycle.loadError')} /> : <Loading what={t('cycle.loading')} />}
      </>
    );
  }
  // The cycle's own questionnaire (its snapshot), whatever versions the template has had since.
  const [cycle, submissions, template] = loaded;
  const due = deadlineLabel(cycle.deadline, todayIso());
  const p = cycleProgress(cycle);

  return (
    <>
      <PageHeading title={cycle.title} eyebrow={<Link to="/">{t('cycles.title')}</Link>}>
        <p className="page-heading__meta">
          <Badge tone={`cycle-${cycle.status}`}>{cycleStatusLabel(cycle.status)}</Badge>
          {cycle.meeting ? (
            <span>
              {t('cycle.informs', {
                meeting: `${cycle.meeting.name}${cycle.meeting.place ? `, ${cycle.meeting.place}` : ''}${cycle.meeting.dates ? ` (${cycle.meeting.dates})` : ''}`,
              })}
            </span>
          ) : null}
        </p>
      </PageHeading>
      <LiveMessage>{created ? t('cycle.created') : null}</LiveMessage>
      {abilities.createCycle ? <CycleLifecycle cycle={cycle} onChanged={data.reload} /> : null}

      <section className="card summary" aria-labelledby="terms-heading">
        <h2 id="terms-heading" className="visually-hidden">
          {t('cycle.terms')}
        </h2>
        <dl className="summary__list">
          <div>
            <dt>{t('cycle.questionnaire')}</dt>
            <dd>
              {templateSummary(template, false).name}
              <br />
              <Link to={`/cycles/${cycle.id}/questionnaire`}>{t('cycle.viewQuestionnaire')}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('cycle.deadline')}</dt>
            <dd>
              {formatDate(cycle.deadline)}
              {cycle.status !== 'closed' ? <span className={due.overdue ? 'deadline deadline--overdue' : 'deadline'}>{due.text}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{t('cycle.returnAddresses')}</dt>
            <dd>
              {cycle.returnAddresses.length ? (
                <ul className="plain-list">
                  {cycle.returnAddresses.map((a) => (
                    <li key={a}>
                      <a href={`mailto:${a}`}>{a}</a>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">{t('cycle.noneGiven')}</span>
              )}
            </dd>
          </div>
          {ownStateOnly ? (
            <div>
              <dt>{t('cycle.own')}</dt>
              <dd>
                <Badge tone={ownSubmissionStatus(cycle)}>{submissionStatusLabel(ownSubmissionStatus(cycle))}</Badge>
              </dd>
            </div>
          ) : (
            <div>
              <dt>{t('cycle.progress')}</dt>
              <dd>
                <ProgressBar value={p.answered} secondary={p.drafts} max={p.invited} />
                {t('cycle.answered', { answered: formatNumber(p.answered), count: p.invited })}
                {p.drafts ? <span className="muted"> · {t('cycles.drafts', { count: p.drafts })}</span> : null}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="tracking-heading">
        <div className="section-heading">
          <h2 id="tracking-heading">{ownStateOnly ? t('cycle.own') : t('cycle.invitedStates')}</h2>
          {mayImport ? (
            <Link to={`/import?cycle=${encodeURIComponent(cycle.id)}&template=${encodeURIComponent(cycle.templateId)}`} className="button button--secondary">
              {t('cycle.importForm')}
            </Link>
          ) : null}
        </div>
        {!ownStateOnly && submissions.length > 0 ? (
          // The secretariat's tracking table (its own component); a State's users keep the plain table of their own.
          <TrackingTable key={`${cycle.status} ${cycle.deadline}`} cycleId={cycle.id} canRemind={abilities.createCycle && cycle.status !== 'draft'} mayImport={mayImport} templateId={cycle.templateId} />
        ) : submissions.length === 0 ? (
          <p className="empty">{t('cycle.noneInvited')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards">
              <caption className="visually-hidden">{ownStateOnly ? t('cycle.captionOwn') : t('cycle.captionAll')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cycle.colState')}</th>
                  <th scope="col">{t('cycle.colStatus')}</th>
                  <th scope="col" className="num">
                    {t('cycle.colVersion')}
                  </th>
                  <th scope="col">{t('cycle.colUpdated')}</th>
                  <th scope="col">{t('cycle.colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {submissions.map((s) => (
                  <tr key={s.state.iso3}>
                    <th scope="row" data-label={t('cycle.colState')}>
                      {s.state.name} <span className="muted">({s.state.iso3})</span>
                    </th>
                    <td data-label={t('cycle.colStatus')}>
                      <Badge tone={s.status}>{submissionStatusLabel(s.status)}</Badge>
                    </td>
                    <td data-label={t('cycle.colVersion')} className="num">
                      {s.version > 0 ? formatNumber(s.version) : <span className="muted">–</span>}
                    </td>
                    <td data-label={t('cycle.colUpdated')}>
                      {s.updatedAt ? (
                        <div>
                          {formatDateTime(s.updatedAt)}
                          {s.updatedBy ? <span className="muted">{t('cycle.by', { name: s.updatedBy })}</span> : null}
                        </div>
                      ) : (
                        <span className="muted">{t('cycle.nothingYet')}</span>
                      )}
                    </td>
                    <td data-label={t('cycle.colActions')}>
                      {/* Every row listed is one this account may read: the server lists no others. */}
                      <StateRowActions cycleId={cycle.id} templateId={cycle.templateId} iso3={s.state.iso3} stateName={s.state.name} mayImport={mayImport} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {abilities.manageMemberships || abilities.readAll ? (
        <PeoplePanel cycleId={cycle.id} submissions={submissions} canManage={abilities.manageMemberships} cycleWide={!ownStateOnly} />
      ) : null}
      {abilities.readAll ? <RemindersPanel cycleId={cycle.id} canManage={abilities.createCycle} /> : null}
    </>
  );
}
