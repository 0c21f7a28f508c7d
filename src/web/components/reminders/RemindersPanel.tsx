// A cycle's scheduled reminders, on the cycle page (the secretariat): each rule's day, the date it
// goes out, its words and how many States it has reminded. Administrators add a rule (a number of
// days before or after the deadline, and the built-in words or their own with the cycle's
// placeholders), change it and remove it; the server checks each (src/services/reminders.ts).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ReminderRule } from '../../api.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { errorsByField } from '../../lib/fieldErrors.ts';
import { useAction } from '../../lib/useAction.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { Field } from '../Field.tsx';
import { ActionFeedback, LoadError, Loading } from '../Status.tsx';

interface Props {
  cycleId: string;
  /** The session may add, change and remove rules (secretariat administrators; the server decides). */
  canManage: boolean;
}

type When = 'before' | 'on' | 'after';

interface Draft {
  /** The rule being changed, or null for a new one. */
  ruleId: string | null;
  days: string;
  when: When;
  subject: string;
  body: string;
}

const emptyDraft: Draft = { ruleId: null, days: '7', when: 'before', subject: '', body: '' };

function draftOf(rule: ReminderRule): Draft {
  const when: When = rule.offsetDays < 0 ? 'before' : rule.offsetDays > 0 ? 'after' : 'on';
  return { ruleId: rule.id, days: String(Math.abs(rule.offsetDays)), when, subject: rule.subject ?? '', body: rule.body ?? '' };
}

/** The offset the form says, or NaN when the number of days is not a whole number. */
function offsetOf(draft: Draft): number {
  if (draft.when === 'on') return 0;
  const days = /^\s*\d+\s*$/.test(draft.days) ? Number(draft.days) : NaN;
  return draft.when === 'before' ? -days : days;
}

export function RemindersPanel({ cycleId, canManage }: Props) {
  const { t } = useTranslation();
  const rules = useLoad(() => api.reminders.list(cycleId), [cycleId]);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const { busy, message, error, act } = useAction(() => rules.reload());
  const fieldErrors = errorsByField(error?.errors ?? [], ['offsetDays', 'subject', 'body']);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  const whenText = (offset: number) =>
    offset === 0 ? t('reminders.onDeadline') : t(offset < 0 ? 'reminders.daysBefore' : 'reminders.daysAfter', { count: Math.abs(offset) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change = { offsetDays: offsetOf(draft), subject: draft.subject, body: draft.body };
    void act(async () => {
      const rule = draft.ruleId ? await api.reminders.update(cycleId, draft.ruleId, change) : await api.reminders.add(cycleId, change);
      setDraft(emptyDraft);
      return t(draft.ruleId ? 'reminders.changed' : 'reminders.added', { when: whenText(rule.offsetDays), date: formatDate(rule.sendOn) });
    });
  };

  const data = rules.data;
  return (
    <section className="card" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('reminders.title')}</h2>
      <p className="muted">{t('reminders.intro')}</p>
      <ActionFeedback message={message} error={error?.summary} />
      {rules.status === 'error' ? (
        <LoadError error={rules.error} what={t('reminders.loading')} />
      ) : !data ? (
        <Loading what={t('reminders.loading')} />
      ) : data.rules.length === 0 ? (
        <p className="empty">{t('reminders.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table--cards">
            <caption className="visually-hidden">{t('reminders.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reminders.colWhen')}</th>
                <th scope="col">{t('reminders.colDate')}</th>
                <th scope="col">{t('reminders.colWords')}</th>
                <th scope="col" className="num">
                  {t('reminders.colReminded')}
                </th>
                {canManage ? <th scope="col">{t('reminders.colActions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.rules.map((r) => (
                <tr key={r.id}>
                  <th scope="row" data-label={t('reminders.colWhen')}>
                    {whenText(r.offsetDays)}
                  </th>
                  <td data-label={t('reminders.colDate')}>{formatDate(r.sendOn)}</td>
                  <td data-label={t('reminders.colWords')}>{r.subject ?? <span className="muted">{t('reminders.builtIn')}</span>}</td>
                  <td data-label={t('reminders.colReminded')} className="num">
                    {formatNumber(r.delivered)}
                  </td>
                  {canManage ? (
                    <td data-label={t('reminders.colActions')}>
                      <button type="button" className="button button--secondary" disabled={busy} onClick={() => setDraft(draftOf(r))}>
                        {t('reminders.edit')}
                        <span className="visually-hidden">{t('reminders.ruleHidden', { when: whenText(r.offsetDays) })}</span>
                      </button>{' '}
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={busy}
                        onClick={() =>
                          void act(async () => {
                            await api.reminders.remove(cycleId, r.id);
                            if (draft.ruleId === r.id) setDraft(emptyDraft);
                            return t('reminders.removed', { when: whenText(r.offsetDays) });
                          })
                        }
                      >
                        {t('reminders.remove')}
                        <span className="visually-hidden">{t('reminders.ruleHidden', { when: whenText(r.offsetDays) })}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage && data ? (
        <form className="form" onSubmit={submit} noValidate aria-busy={busy} aria-labelledby="reminder-form-heading">
          <h3 id="reminder-form-heading">{draft.ruleId ? t('reminders.editTitle') : t('reminders.addTitle')}</h3>
          <Field id="reminder-days" label={t('reminders.days')} errors={fieldErrors.offsetDays} required>
            {(control) => (
              <input
                {...control}
                type="text"
                inputMode="numeric"
                size={4}
                value={draft.when === 'on' ? '0' : draft.days}
                disabled={draft.when === 'on'}
                onChange={(e) => set({ days: e.target.value })}
              />
            )}
          </Field>
          <Field id="reminder-when" label={t('reminders.when')}>
            {(control) => (
              <select {...control} value={draft.when} onChange={(e) => set({ when: e.target.value as When })}>
                <option value="before">{t('reminders.before')}</option>
                <option value="on">{t('reminders.on')}</option>
                <option value="after">{t('reminders.after')}</option>
              </select>
            )}
          </Field>
          <Field id="reminder-subject" label={t('reminders.subject')} hint={t('reminders.subjectHint')} errors={fieldErrors.subject}>
            {(control) => <input {...control} type="text" value={draft.subject} placeholder={data.builtIn.subject} onChange={(e) => set({ subject: e.target.value })} />}
          </Field>
          <Field
            id="reminder-body"
            label={t('reminders.body')}
            hint={t('reminders.bodyHint', { placeholders: data.placeholders.map((p) => `{${p}}`).join(', ') })}
            errors={fieldErrors.body}
          >
            {(control) => <textarea {...control} rows={6} value={draft.body} placeholder={data.builtIn.body} onChange={(e) => set({ body: e.target.value })} />}
          </Field>
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {draft.ruleId ? t('reminders.save') : t('reminders.add')}
            </button>
            {draft.ruleId ? (
              <button type="button" className="button button--secondary" onClick={() => setDraft(emptyDraft)}>
                {t('reminders.cancel')}
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
