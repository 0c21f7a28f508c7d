// What the workflow did to a submission, for the State and the secretariat alike: the latest
// return's message, prominently, while the submission is returned ("Returned by X on date:
// message"), and every step taken (submitted version n, returned with its message, accepted, …),
// oldest first. Read from GET …/transitions; it reloads when the submission's status or version changes.
import { useTranslation } from 'react-i18next';
import type { SubmissionStatus, WorkflowStep } from '../../services/types.ts';
import { api } from '../api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { useLoad } from '../lib/useLoad.ts';

export function WorkflowHistory({ cycleId, iso3, status, version }: { cycleId: string; iso3: string; status: SubmissionStatus; version: number }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => api.submissions.history(cycleId, iso3), [cycleId, iso3, status, version]);
  const steps = loaded.data?.steps ?? [];
  if (steps.length === 0) return null;
  const lastReturn = status === 'returned' ? steps.findLast((s) => s.action === 'return') : undefined;
  return (
    <>
      {lastReturn ? (
        <section className="notice notice--warning returned-message" aria-labelledby="returned-heading">
          <h2 id="returned-heading">{t('workflow.returnedHeading')}</h2>
          <p>{t('workflow.returnedBy', { name: lastReturn.by, date: formatDateTime(lastReturn.at) })}</p>
          <blockquote className="returned-message__text" style={{ whiteSpace: 'pre-wrap' }}>{lastReturn.message}</blockquote>
        </section>
      ) : null}
      <section className="sub-section" aria-labelledby="workflow-heading">
        <h2 id="workflow-heading">{t('workflow.heading')}</h2>
        <ol className="workflow-steps">
          {steps.map((s, i) => (
            <li key={i}>
              <StepLine step={s} />
              {s.message ? <blockquote className="workflow-steps__message" style={{ whiteSpace: 'pre-wrap' }}>{s.message}</blockquote> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function StepLine({ step }: { step: WorkflowStep }) {
  const { t } = useTranslation();
  return <>{t(`workflow.step.${step.action}`, { version: formatNumber(step.version), name: step.by, date: formatDateTime(step.at) })}</>;
}
