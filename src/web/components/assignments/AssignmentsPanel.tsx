// The Assignments panel of a submission: who writes which question, by when, where each one stands
// (not started, drafting, ready for review, done) and how long each answer is against the length
// the form suggests. The person given questions moves their status here; the State's coordinator
// (or the secretariat's administrator) assigns a question or a whole section to the State's people
// with a due date, and takes an assignment back. The server decides each (src/services/assignments.ts).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MembershipInfo } from '../../../services/types.ts';
import { intlLocale } from '../../i18n/index.ts';
import { api, type Assignment, type SubmissionAssignments } from '../../api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useAction } from '../../lib/useAction.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { useSession } from '../../session.tsx';
import { Field } from '../Field.tsx';
import { ActionFeedback, LoadError, Loading, ProgressBar } from '../Status.tsx';
import { assignmentStatuses, StatusLabel, useStatusLabel } from './status.tsx';

export function AssignmentsPanel({ cycleId, iso3 }: { cycleId: string; iso3: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const data = useLoad(() => api.assignments.ofSubmission(cycleId, iso3), [cycleId, iso3]);
  const action = useAction(() => data.reload());
  const { busy, message, error, act } = action;
  const statusLabel = useStatusLabel();

  const progress = data.data;
  const all = progress?.questions.flatMap((q) => q.assignments) ?? [];
  const mine = all.filter((a) => a.user.id === user?.id);
  const said = (a: Assignment) => ({ question: a.question, name: a.user.name, status: statusLabel(a.status) });

  return (
    <section className="card assignments" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">{t('assignments.title')}</h2>
      <p className="muted">{t('assignments.intro')}</p>
      <ActionFeedback message={message} error={error?.detail} />
      {data.status === 'error' ? <LoadError error={data.error} what={t('assignments.loading')} /> : null}
      {!progress ? (
        data.status === 'loading' ? <Loading what={t('assignments.loading')} /> : null
      ) : (
        <>
          {mine.length > 0 ? (
            <YourQuestions
              assignments={mine}
              editable={progress.editable}
              busy={busy}
              onMove={(a, status) =>
                void act(async () => {
                  const moved = await api.assignments.update(cycleId, iso3, a.id, { status });
                  return t('assignments.moved', said(moved));
                })
              }
            />
          ) : null}
          <ProgressTable
            progress={progress}
            busy={busy}
            onTakeBack={(a) =>
              void act(async () => {
                await api.assignments.remove(cycleId, iso3, a.id);
                return t('assignments.takenBack', said(a));
              })
            }
          />
          {progress.canManage ? <AssignForm cycleId={cycleId} iso3={iso3} progress={progress} action={action} /> : null}
        </>
      )}
    </section>
  );
}

/** The reader's own questions, each with its status to move. */
function YourQuestions({ assignments, editable, busy, onMove }: { assignments: Assignment[]; editable: SubmissionAssignments['editable']; busy: boolean; onMove: (a: Assignment, status: Assignment['status']) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Record<string, Assignment['status']>>({});
  return (
    <div className="assignments__yours">
      <h3>{t('assignments.yours')}</h3>
      {editable !== 'all' ? <p className="muted small">{t('assignments.yoursOnly')}</p> : null}
      <ul className="plain-list assignments__list">
        {assignments.map((a) => {
          const value = chosen[a.id] ?? a.status;
          return (
            <li key={a.id}>
              <form
                className="assignments__move"
                onSubmit={(e: FormEvent) => {
                  e.preventDefault();
                  onMove(a, value);
                }}
              >
                <strong>{t('assignments.question', { question: a.question })}</strong>{' '}
                <span className="muted">{a.dueDate ? t('assignments.due', { date: formatDate(a.dueDate) }) : t('assignments.noDue')}</span>{' '}
                <label htmlFor={`status-${a.id}`}>{t('assignments.statusOf', { question: a.question })}</label>{' '}
                <select id={`status-${a.id}`} value={value} onChange={(e) => setChosen({ ...chosen, [a.id]: e.target.value as Assignment['status'] })}>
                  {assignmentStatuses.map((s) => (
                    <option key={s} value={s}>
                      {t(`assignments.status.${s}`)}
                    </option>
                  ))}
                </select>{' '}
                <button type="submit" className="button button--secondary" disabled={busy || value === a.status}>
                  {t('assignments.update')}
                  <span className="visually-hidden">{t('assignments.updateHidden', { question: a.question })}</span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Every written question: its words against the guidance, and who has it. */
function ProgressTable({ progress, busy, onTakeBack }: { progress: SubmissionAssignments; busy: boolean; onTakeBack: (a: Assignment) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table--cards">
        <caption className="visually-hidden">{t('assignments.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assignments.colQuestion')}</th>
            <th scope="col">{t('assignments.colWords')}</th>
            <th scope="col">{t('assignments.colWho')}</th>
          </tr>
        </thead>
        <tbody>
          {progress.questions.map((q) => (
            <tr key={q.key}>
              <th scope="row" data-label={t('assignments.colQuestion')}>
                {q.question}
              </th>
              <td data-label={t('assignments.colWords')}>
                {q.wordGuidance ? (
                  <>
                    {t('assignments.words', { words: formatNumber(q.words), guidance: formatNumber(q.wordGuidance) })}
                    <ProgressBar value={q.words} max={q.wordGuidance} />
                  </>
                ) : (
                  formatNumber(q.words)
                )}
              </td>
              <td data-label={t('assignments.colWho')}>
                {q.assignments.length === 0 ? (
                  <span className="muted">{t('assignments.nobody')}</span>
                ) : (
                  <ul className="plain-list assignments__who">
                    {q.assignments.map((a) => (
                      <li key={a.id}>
                        {a.user.name} <StatusLabel status={a.status} />{' '}
                        <span className="muted">{a.dueDate ? t('assignments.due', { date: formatDate(a.dueDate) }) : t('assignments.noDue')}</span>
                        {progress.canManage ? (
                          <>
                            {' '}
                            <button type="button" className="button button--quiet" disabled={busy} onClick={() => onTakeBack(a)}>
                              {t('assignments.takeBack')}
                              <span className="visually-hidden">{t('assignments.takeBackHidden', { question: a.question, name: a.user.name })}</span>
                            </button>
                          </>
                        ) : null}
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
  );
}

/** The State's people who may be given questions: its coordinators and contributors, each once. */
function statePeople(members: MembershipInfo[]): MembershipInfo['user'][] {
  const people = new Map<string, MembershipInfo['user']>();
  for (const m of members) if (m.role === 'state-coordinator' || m.role === 'state-contributor') people.set(m.user.id, m.user);
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Sections by their number ("1" for 1a-1d), from the questions' printed numbers. */
function sectionsOf(progress: SubmissionAssignments): string[] {
  return [...new Set(progress.questions.flatMap((q) => /^(\d+)[a-z]$/i.exec(q.question)?.[1] ?? []))];
}

function AssignForm({ cycleId, iso3, progress, action }: { cycleId: string; iso3: string; progress: SubmissionAssignments; action: ReturnType<typeof useAction> }) {
  const { t } = useTranslation();
  const members = useLoad(() => api.assignments.people(cycleId, iso3), [cycleId, iso3]);
  const people = members.data ? statePeople(members.data) : [];
  const [what, setWhat] = useState(`item:${progress.questions[0]?.key ?? ''}`);
  const [who, setWho] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const { busy, act } = action;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [kind, value] = what.split(/:(.*)/s) as [string, string];
    void act(async () => {
      const given = await api.assignments.assign(cycleId, iso3, { users: who, ...(kind === 'section' ? { section: value } : { itemKey: value }), dueDate: due || null });
      setWho([]);
      const list = new Intl.ListFormat(intlLocale(), { type: 'conjunction' });
      return t('assignments.assigned', { questions: list.format([...new Set(given.map((a) => a.question))]), names: list.format([...new Set(given.map((a) => a.user.name))]) });
    });
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-busy={busy} aria-labelledby="assign-heading">
      <h3 id="assign-heading">{t('assignments.assignHeading')}</h3>
      <Field id="assign-what" label={t('assignments.what')}>
        {(a11y) => (
          <select {...a11y} value={what} onChange={(e) => setWhat(e.target.value)}>
            {progress.questions.map((q) => (
              <option key={q.key} value={`item:${q.key}`}>
                {q.question}
              </option>
            ))}
            {sectionsOf(progress).map((s) => (
              <option key={s} value={`section:${s}`}>
                {t('assignments.wholeSection', { section: s })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="fieldset">
        <legend className="field__label">{t('assignments.who')}</legend>
        {members.status === 'error' ? <LoadError error={members.error} what={t('assignments.people')} /> : null}
        {members.data && people.length === 0 ? <p className="muted">{t('assignments.noPeople')}</p> : null}
        <ul className="plain-list assignments__people">
          {people.map((p) => (
            <li key={p.id}>
              <label className="check">
                <input type="checkbox" checked={who.includes(p.id)} onChange={(e) => setWho(e.target.checked ? [...who, p.id] : who.filter((id) => id !== p.id))} />
                <span>
                  {p.name} <span className="muted">{p.email}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <Field id="assign-due" label={t('assignments.dueDate')} hint={t('assignments.dueHint')}>
        {(a11y) => <input {...a11y} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || who.length === 0}>
          {busy ? t('assignments.assigning') : t('assignments.assign')}
        </button>
      </div>
    </form>
  );
}


