// One review cycle: its terms, and where each invited State stands.
import { Link, useLocation, useParams } from 'react-router';
import { templateName } from '../../domain/template.ts';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import {
  canImport,
  cycleProgress,
  cycleStatusLabels,
  deadlineLabel,
  formatDate,
  formatDateTime,
  ownSubmissionStatus,
  plural,
  seesOwnStateOnly,
  submissionStatusLabels,
  todayIso,
} from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Badge, LiveMessage, LoadError, Loading, ProgressBar } from '../components/Status.tsx';

export function CyclePage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const data = useLoad(() => Promise.all([api.cycles.get(id), api.cycles.submissions(id), api.templates.list()]), [id]);
  const mayImport = user ? canImport(user.role) : false;
  // A State's users see their own State's submission only, never how far the other States are.
  const ownStateOnly = user ? seesOwnStateOnly(user.role) : false;

  if (data.status !== 'ready') {
    return (
      <>
        <PageHeading title="Review cycle" eyebrow={<Link to="/">Review cycles</Link>} />
        {data.status === 'error' ? <LoadError error={data.error} what="this review cycle" /> : <Loading what="the review cycle" />}
      </>
    );
  }
  const [cycle, submissions, templates] = data.data;
  const template = templates.find((t) => t.id === cycle.templateId);
  const due = deadlineLabel(cycle.deadline, todayIso());
  const p = cycleProgress(cycle);

  return (
    <>
      <PageHeading title={cycle.title} eyebrow={<Link to="/">Review cycles</Link>}>
        <p className="page-heading__meta">
          <Badge tone={`cycle-${cycle.status}`}>{cycleStatusLabels[cycle.status]}</Badge>
          {cycle.meeting ? (
            <span>
              Informs the {cycle.meeting.name}
              {cycle.meeting.place ? `, ${cycle.meeting.place}` : ''}
              {cycle.meeting.dates ? ` (${cycle.meeting.dates})` : ''}
            </span>
          ) : null}
        </p>
      </PageHeading>
      <LiveMessage>{created ? 'The review cycle was created. Invited States can now see it.' : null}</LiveMessage>

      <section className="card summary" aria-labelledby="terms-heading">
        <h2 id="terms-heading" className="visually-hidden">
          Terms of the cycle
        </h2>
        <dl className="summary__list">
          <div>
            <dt>Questionnaire</dt>
            <dd>
              {template ? templateName(template) : cycle.templateId}
              <br />
              <Link to={`/cycles/${cycle.id}/questionnaire`}>View the questionnaire as States see it</Link>
            </dd>
          </div>
          <div>
            <dt>Deadline</dt>
            <dd>
              {formatDate(cycle.deadline)}
              {cycle.status !== 'closed' ? <span className={due.overdue ? 'deadline deadline--overdue' : 'deadline'}>{due.text}</span> : null}
            </dd>
          </div>
          <div>
            <dt>Return addresses</dt>
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
                <span className="muted">None given</span>
              )}
            </dd>
          </div>
          {ownStateOnly ? (
            <div>
              <dt>Your State’s submission</dt>
              <dd>
                <Badge tone={ownSubmissionStatus(cycle)}>{submissionStatusLabels[ownSubmissionStatus(cycle)]}</Badge>
              </dd>
            </div>
          ) : (
            <div>
              <dt>Progress</dt>
              <dd>
                <ProgressBar value={p.answered} secondary={p.drafts} max={p.invited} />
                {p.answered} of {plural(p.invited, 'invited State')} answered
                {p.drafts ? <span className="muted"> · {plural(p.drafts, 'draft')}</span> : null}
              </dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="tracking-heading">
        <div className="section-heading">
          <h2 id="tracking-heading">{ownStateOnly ? 'Your State’s submission' : 'Invited States'}</h2>
          {mayImport ? (
            <Link to={`/import?cycle=${encodeURIComponent(cycle.id)}&template=${encodeURIComponent(cycle.templateId)}`} className="button button--secondary">
              Import a filled form
            </Link>
          ) : null}
        </div>
        {submissions.length === 0 ? (
          <p className="empty">No State is invited to this cycle.</p>
        ) : (
          <div className="table-wrap">
            <table className="table table--cards">
              <caption className="visually-hidden">{ownStateOnly ? 'Submission status of your State' : 'Submission status of each invited State'}</caption>
              <thead>
                <tr>
                  <th scope="col">State</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Version
                  </th>
                  <th scope="col">Last update</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {submissions.map((s) => (
                  <tr key={s.state.iso3}>
                    <th scope="row" data-label="State">
                      {s.state.name} <span className="muted">({s.state.iso3})</span>
                    </th>
                    <td data-label="Status">
                      <Badge tone={s.status}>{submissionStatusLabels[s.status]}</Badge>
                    </td>
                    <td data-label="Version" className="num">
                      {s.version > 0 ? s.version : <span className="muted">–</span>}
                    </td>
                    <td data-label="Last update">
                      {s.updatedAt ? (
                        <div>
                          {formatDateTime(s.updatedAt)}
                          {s.updatedBy ? <span className="muted"> by {s.updatedBy}</span> : null}
                        </div>
                      ) : (
                        <span className="muted">Nothing yet</span>
                      )}
                    </td>
                    <td data-label="Actions">
                      {/* Every row listed is one this account may read: the server lists no others. */}
                      <div className="row-actions">
                        <Link to={`/cycles/${encodeURIComponent(cycle.id)}/states/${s.state.iso3}`}>
                          View<span className="visually-hidden"> the submission of {s.state.name}</span>
                        </Link>
                        {mayImport ? (
                          <Link to={`/import?cycle=${encodeURIComponent(cycle.id)}&template=${encodeURIComponent(cycle.templateId)}&state=${s.state.iso3}`}>
                            Import a form<span className="visually-hidden"> for {s.state.name}</span>
                          </Link>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
