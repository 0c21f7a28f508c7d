// The workflow buttons of a submission: only the steps the server says this user may take now
// (`allowedActions`), never a button that would be refused. Returning asks for a message, which
// the State reads on its page and in the mail to its coordinators; unpublishing asks why (kept with
// the publication). An accepted report without the State's consent says why publishing is not
// offered. Saving is the questionnaire's, so it is not offered here.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Submission, WorkflowAction } from '../../services/types.ts';
import { maxWorkflowMessageLength } from '../../domain/workflow.ts';
import { api, type ApiError } from '../api.ts';
import { LiveMessage } from './Status.tsx';

type Step = Exclude<WorkflowAction, 'save'>;

/** The steps shown as the main button; each step's words are in the catalogue (actions.button.*, actions.done.*). */
const primary: ReadonlySet<Step> = new Set<Step>(['submit', 'accept']);

/** The steps that ask for a reason first, and the words of their form. */
const withReason = {
  return: { label: 'actions.whyLabel', hint: 'actions.messageHint', send: 'actions.returnWithReason', missing: 'actions.sayWhy' },
  unpublish: { label: 'actions.unpublishWhyLabel', hint: 'actions.unpublishHint', send: 'actions.unpublishWithReason', missing: 'actions.sayWhyUnpublish' },
} as const;
type ReasonStep = keyof typeof withReason;
const asksReason = (step: Step): step is ReasonStep => step in withReason;

/**
 * What the last step did, kept across the page's reload after it (the page shows its loading state
 * meanwhile, so this component starts again): said once, by the component that comes back.
 */
const outcomes = new Map<string, string>();

export function SubmissionActions({ cycleId, submission, onDone }: { cycleId: string; submission: Submission; onDone: () => void }) {
  const { t } = useTranslation();
  const steps = (submission.allowedActions ?? []).filter((a): a is Step => a !== 'save');
  const key = `${cycleId}/${submission.state.iso3}`;
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<ReasonStep | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(() => {
    const done = outcomes.get(key);
    outcomes.delete(key);
    return done ? { kind: 'success', text: done } : null;
  });
  const noteId = useId();

  async function take(action: Step, reason?: string) {
    setBusy(true);
    setMessage(null);
    try {
      await api.submissions.transition(cycleId, submission.state.iso3, { action, baseVersion: submission.version, ...(reason ? { message: reason } : {}) });
      const done = t(`actions.done.${action}`);
      setMessage({ kind: 'success', text: done });
      setAsking(null);
      setNote('');
      outcomes.set(key, done);
      onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as ApiError).detail ?? String(err) });
    } finally {
      setBusy(false);
    }
  }

  function submitReason(e: FormEvent) {
    e.preventDefault();
    if (!asking) return;
    if (note.trim() === '') return setMessage({ kind: 'error', text: t(withReason[asking].missing) });
    void take(asking, note.trim());
  }

  // Accepted, and publishing not offered to whoever may return it (the secretariat): the consent is why.
  const consent = 'consent' in submission.response ? submission.response.consent : undefined;
  const unpublishable = submission.status === 'accepted' && steps.includes('return') && !steps.includes('publish') && consent !== undefined && consent !== 'yes';
  if (steps.length === 0 && !message) return null;
  return (
    <section className="submission-actions" aria-label={t('actions.region')}>
      {steps.length > 0 ? (
        <div className="downloads" role="group" aria-label={t('actions.group')}>
          {steps.map((action) =>
            asksReason(action) ? (
              <button key={action} type="button" className="button button--secondary" disabled={busy} aria-expanded={asking === action} onClick={() => setAsking(asking === action ? null : action)}>
                {t(`actions.button.${action}`)}
              </button>
            ) : (
              <button key={action} type="button" className={`button ${primary.has(action) ? 'button--primary' : 'button--secondary'}`} disabled={busy} onClick={() => void take(action)}>
                {t(`actions.button.${action}`)}
              </button>
            ),
          )}
        </div>
      ) : null}
      {unpublishable ? <p className="field__hint">{t(consent === 'no' ? 'actions.notPublishableNo' : 'actions.notPublishableUnanswered')}</p> : null}
      {asking ? (
        <form onSubmit={submitReason} noValidate>
          <label htmlFor={noteId}>{t(withReason[asking].label)}</label>
          <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={maxWorkflowMessageLength} required aria-describedby={`${noteId}-hint`} />
          <p id={`${noteId}-hint`} className="field__hint">{t(withReason[asking].hint)}</p>
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(withReason[asking].send)}
          </button>
        </form>
      ) : null}
      <LiveMessage kind={message?.kind}>{message?.text}</LiveMessage>
    </section>
  );
}
