// The workflow buttons of a submission: only the steps the server says this user may take now
// (`allowedActions`), never a button that would be refused. Returning asks for the reason, which
// the State reads. Saving is the questionnaire's, so it is not offered here.
import { useId, useState, type FormEvent } from 'react';
import type { Submission, WorkflowAction } from '../../services/types.ts';
import { api, type ApiError } from '../api.ts';
import { LiveMessage } from './Status.tsx';

type Step = Exclude<WorkflowAction, 'save'>;

const labels: Record<Step, { button: string; done: string; primary?: boolean }> = {
  submit: { button: 'Submit to the secretariat', done: 'Submitted to the secretariat.', primary: true },
  withdraw: { button: 'Withdraw the submission', done: 'Withdrawn: the answers can be edited again.' },
  return: { button: 'Return to the State', done: 'Returned to the State with your reason.' },
  accept: { button: 'Accept', done: 'Accepted.', primary: true },
  publish: { button: 'Publish the report', done: 'Published.' },
  unpublish: { button: 'Unpublish the report', done: 'Unpublished.' },
};

/**
 * What the last step did, kept across the page's reload after it (the page shows its loading state
 * meanwhile, so this component starts again): said once, by the component that comes back.
 */
const outcomes = new Map<string, string>();

export function SubmissionActions({ cycleId, submission, onDone }: { cycleId: string; submission: Submission; onDone: () => void }) {
  const steps = (submission.allowedActions ?? []).filter((a): a is Step => a !== 'save');
  const key = `${cycleId}/${submission.state.iso3}`;
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);
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
      await api.submissions.transition(cycleId, submission.state.iso3, { action, baseVersion: submission.version, ...(reason ? { note: reason } : {}) });
      setMessage({ kind: 'success', text: labels[action].done });
      setReturning(false);
      setNote('');
      outcomes.set(key, labels[action].done);
      onDone();
    } catch (err) {
      setMessage({ kind: 'error', text: (err as ApiError).detail ?? String(err) });
    } finally {
      setBusy(false);
    }
  }

  function submitReturn(e: FormEvent) {
    e.preventDefault();
    if (note.trim() === '') return setMessage({ kind: 'error', text: 'Say why the submission is returned: what the State should change.' });
    void take('return', note.trim());
  }

  if (steps.length === 0 && !message) return null;
  return (
    <section className="submission-actions" aria-label="Workflow">
      {steps.length > 0 ? (
        <div className="downloads" role="group" aria-label="What you can do with this submission">
          {steps.map((action) =>
            action === 'return' ? (
              <button key={action} type="button" className="button button--secondary" disabled={busy} aria-expanded={returning} onClick={() => setReturning(!returning)}>
                {labels.return.button}
              </button>
            ) : (
              <button key={action} type="button" className={`button ${labels[action].primary ? 'button--primary' : 'button--secondary'}`} disabled={busy} onClick={() => void take(action)}>
                {labels[action].button}
              </button>
            ),
          )}
        </div>
      ) : null}
      {returning ? (
        <form onSubmit={submitReturn} noValidate>
          <label htmlFor={noteId}>Why is it returned? The State will read this.</label>
          <textarea id={noteId} value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} required />
          <button type="submit" className="button button--primary" disabled={busy}>
            Return with this reason
          </button>
        </form>
      ) : null}
      <LiveMessage kind={message?.kind}>{message?.text}</LiveMessage>
    </section>
  );
}
