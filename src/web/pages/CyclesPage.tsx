// Review cycles: what is open, for which template, by when, and how far States have got.
import { Link } from 'react-router';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';
import { useLoad } from '../lib/useLoad.ts';
import { cycleProgress, cycleStatusLabels, deadlineLabel, formatDate, ownSubmissionStatus, plural, seesOwnStateOnly, submissionStatusLabels, todayIso } from '../lib/format.ts';
import { PageHeading } from '../components/Page.tsx';
import { Badge, LoadError, Loading, ProgressBar } from '../components/Status.tsx';

export function CyclesPage() {
  const { user } = useSession();
  const data = useLoad(() => Promise.all([api.cycles.list(), api.templates.list()]), []);
  const canCreate = user?.role === 'secretariat-admin';
  // A State's users see their own State's submission only, never how far the other States are.
  const ownStateOnly = user ? seesOwnStateOnly(user.role) : false;
  const today = todayIso();

  return (
    <>
      <PageHeading title="Review cycles">
        <div className="page-heading__row">
          <p className="lead">Each cycle invites States to answer one questionnaire by a deadline.</p>
          {canCreate ? (
            <Link to="/cycles/new" className="button button--primary">
              New review cycle
            </Link>
          ) : null}
        </div>
      </PageHeading>
      {data.status === 'loading' ? <Loading what="review cycles" /> : null}
      {data.status === 'error' ? <LoadError error={data.error} what="the review cycles" /> : null}
      {data.status === 'ready'
        ? (() => {
            const [cycles, templates] = data.data;
            const templateTitle = new Map(templates.map((t) => [t.id, t.name]));
            if (cycles.length === 0) {
              return (
                <div className="empty">
                  <p>There are no review cycles yet.</p>
                  {canCreate ? <p>Open the first one with “New review cycle”.</p> : <p>The secretariat will open one and invite your State.</p>}
                </div>
              );
            }
            return (
              <div className="table-wrap">
                <table className="table table--cards">
                  <caption className="visually-hidden">Review cycles, {plural(cycles.length, 'cycle')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Title</th>
                      <th scope="col">Template</th>
                      <th scope="col">Deadline</th>
                      <th scope="col">Status</th>
                      {ownStateOnly ? (
                        <th scope="col">Your State’s submission</th>
                      ) : (
                        <>
                          <th scope="col" className="num">
                            Invited
                          </th>
                          <th scope="col">Progress</th>
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
                          <th scope="row" data-label="Title">
                            <Link to={`/cycles/${c.id}`}>{c.title}</Link>
                          </th>
                          <td data-label="Template">{templateTitle.get(c.templateId) ?? c.templateId}</td>
                          <td data-label="Deadline">
                            <div>
                              {formatDate(c.deadline)}
                              {c.status === 'open' ? <span className={due.overdue ? 'deadline deadline--overdue' : 'deadline'}>{due.text}</span> : null}
                            </div>
                          </td>
                          <td data-label="Status">
                            <Badge tone={`cycle-${c.status}`}>{cycleStatusLabels[c.status]}</Badge>
                          </td>
                          {own ? (
                            <td data-label="Your State’s submission">
                              <Badge tone={own}>{submissionStatusLabels[own]}</Badge>
                            </td>
                          ) : (
                            <>
                              <td data-label="Invited" className="num">
                                {p.invited}
                              </td>
                              <td data-label="Progress">
                                <div className="progress-cell">
                                  <ProgressBar value={p.answered} secondary={p.drafts} max={p.invited} />
                                  <span className="progress-cell__text">
                                    {p.answered} of {p.invited} answered
                                    {p.drafts ? <span className="muted"> · {plural(p.drafts, 'draft')}</span> : null}
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
